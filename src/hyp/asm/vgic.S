// The vGIC's virtual CPU interface side and the virtual timer (src/hyp/vgic.ts): the switch moves the shared GICH
// state between contexts (vgic_switch), and every entry decides the physical PPI 27's active state and whether the
// virtual timer's interrupt goes into list register 0 (vgic_flush).

// LR0–LR3 from the words at \src to those at \dst (GICH_LRn or a context's copy). Clobbers x2, x3.
.macro vgic_copy_lrs src, dst
    mov x3, xzr
2:  ldr w2, [\src, x3]
    str w2, [\dst, x3]
    add x3, x3, #4
    cmp x3, #(4 * VGIC_NUM_LRS)
    b.lo 2b
.endm

// The switch (switch.S): GICH_HCR, VMCR, APR and LR0–LR3 of the outgoing context (x19, 0 = none) into its entry, the
// incoming one's (x20) into the interface, GICH_HCR last (KVM vgic_v2_save_state/restore_state, vgic_v2_put/load).
// Clobbers x0–x5.
.macro vgic_switch
    mov x0, #GICH_BASE
    cbz x19, 1f
    add x1, x19, #C_VGIC
    ldr w2, [x0, #GICH_HCR]
    str w2, [x1, #VGIC_HCR]
    ldr w2, [x0, #GICH_VMCR]
    str w2, [x1, #VGIC_VMCR]
    ldr w2, [x0, #GICH_APR]
    str w2, [x1, #VGIC_APR]
    add x4, x0, #GICH_LR0
    add x5, x1, #VGIC_LR
    vgic_copy_lrs x4, x5
1:  add x1, x20, #C_VGIC
    str wzr, [x0, #GICH_HCR]  // En = 0 while the list registers change: nothing half-loaded is signalled
    add x4, x0, #GICH_LR0
    add x5, x1, #VGIC_LR
    vgic_copy_lrs x5, x4
    ldr w2, [x1, #VGIC_VMCR]
    str w2, [x0, #GICH_VMCR]
    ldr w2, [x1, #VGIC_APR]
    str w2, [x0, #GICH_APR]
    ldr w2, [x1, #VGIC_HCR]
    str w2, [x0, #GICH_HCR]
.endm

// Every entry (switch.S enter), x20 = the context, its CNTV_CTL_EL0/CVAL_EL0 loaded, its GICH state in the interface.
// A context without a vGIC (GICH_HCR.En = 0): the physical PPI 27 is kept active, its timer interrupts no one.
// Otherwise, as KVM's vgic_flush_lr_state: the list registers' state is folded into the VM's distributor (vgicd.S
// vgic_fold); the interrupts pending in it (GICD_ISPENDR latches, SGIs from any source, the UART's line), enabled
// (GICD_ISENABLER), not active and in no LR go into the free LRs 1–3, highest priority first (GICD_IPRIORITYR, the
// lowest INTID among equals) — an SGI with its source CPU in LR.CPUID (that source's bit consumed), any other with its
// latch consumed, a level-sensitive SPI (GICD_ICFGR int_config[1] = 0) with LR.EOI, so that its EOI raises the
// maintenance interrupt and its line is looked at again; more than fit sets GICH_HCR.UIE (KVM vgic_v2_set_underflow):
// the maintenance interrupt comes when at most one LR is left valid, and the next entry fills them. Then LR0: the
// virtual timer (vgic_timer). Clobbers x0–x17.
vgic_flush:
    ldr w2, [x20, #C_VGIC + VGIC_HCR]
    tbz w2, #0, vgic_timer_held // GICH_HCR.En = 0: no vGIC; the context's timer interrupts no one
    vgic_fold x20
    mov x0, xzr               // the candidates, one bit per INTID 0–63
    ldr w1, [x10, #VGICD_CTLR]
    tbz w1, #0, 17f           // GICD_CTLR.EnableGrp0 = 0: the distributor forwards nothing
    ldr w0, [x10, #VGICD_PEND]
    ldr w1, [x10, #VGICD_PEND + 4]
    orr x0, x0, x1, lsl #32
    orr x0, x0, x12           // the UART's line (LR-held ones are taken out below)
    add x2, x10, #VGICD_SGISRC
    ldp w3, w4, [x2]
    ldp w5, w6, [x2, #8]
    orr w3, w3, w4
    orr w5, w5, w6
    orr w3, w3, w5
    cbz w3, 12f               // no SGI pending from any source
    mov x3, xzr
11: ldrb w4, [x2, x3]
    cmp w4, #0
    cset x4, ne
    lsl x4, x4, x3
    orr x0, x0, x4
    add x3, x3, #1
    cmp x3, #16
    b.lo 11b
12: ldr w1, [x10, #VGICD_ENABLE]
    ldr w2, [x10, #VGICD_ENABLE + 4]
    orr x1, x1, x2, lsl #32
    and x0, x0, x1
    ldr w1, [x10, #VGICD_ACTIVE]
    ldr w2, [x10, #VGICD_ACTIVE + 4]
    orr x1, x1, x2, lsl #32
    bic x0, x0, x1            // active (GICv2's active-and-pending is not injected twice)
    bic x0, x0, #(1 << VTIMER_INTID) // LR0's: vgic_timer
    mov x13, #1
13: add x14, x11, #GICH_LR0
    ldr w1, [x14, x13, lsl #2]
    cbz w1, 14f
    and w1, w1, #0x3ff
    mov x2, #1
    lsl x2, x2, x1
    bic x0, x0, x2            // already in an LR
14: add x13, x13, #1
    cmp x13, #VGIC_NUM_LRS
    b.lo 13b
    cbz x0, 17f
    mov x13, #1               // the LR looked at
15: add x14, x11, #GICH_LR0
    ldr w1, [x14, x13, lsl #2]
    cbnz w1, 16f              // in use
    mov x2, x0                // the highest priority among the candidates: x4 = its INTID, w3 = its priority
    mov w3, #256
    mov x4, xzr
    add x7, x10, #VGICD_PRIORITY
151: rbit x5, x2
    clz x5, x5
    ldrb w6, [x7, x5]
    cmp w6, w3
    b.hs 152f
    mov w3, w6
    mov x4, x5
152: mov x6, #1
    lsl x6, x6, x5
    bic x2, x2, x6
    cbnz x2, 151b
    lsr w3, w3, #3            // GICH_LR.Priority: the top five bits
    lsl w3, w3, #LR_PRIO_SHIFT
    orr w1, w4, w3            // GICH_LR.VirtualID
    orr w1, w1, #LR_PENDING
    mov x6, #1
    lsl x6, x6, x4
    bic x0, x0, x6
    cmp x4, #16
    b.hs 153f
    add x7, x10, #VGICD_SGISRC // an SGI: its lowest source CPU, in GICH_LR.CPUID
    ldrb w8, [x7, x4]
    rbit w5, w8
    clz w5, w5
    mov w6, #1
    lsl w6, w6, w5
    bic w8, w8, w6
    strb w8, [x7, x4]
    orr w1, w1, w5, lsl #LR_CPUID_SHIFT
    b 155f
153: lsr x5, x4, #5           // the latch consumed
    add x5, x10, x5, lsl #2
    ldr w7, [x5, #VGICD_PEND]
    mov w6, #1
    lsl w6, w6, w4
    bic w7, w7, w6
    str w7, [x5, #VGICD_PEND]
    cmp x4, #32
    b.lo 155f
    lsr x5, x4, #4            // an SPI: GICD_ICFGR int_config[1] (bit 2n + 1) = 0 is level-sensitive
    add x5, x10, x5, lsl #2
    ldr w7, [x5, #VGICD_CONFIG]
    and x6, x4, #15
    lsl x6, x6, #1
    add x6, x6, #1
    lsr w7, w7, w6
    tbnz w7, #0, 155f
    orr w1, w1, #LR_EOI
155: str w1, [x14, x13, lsl #2]
    cbz x0, 17f
16: add x13, x13, #1
    cmp x13, #VGIC_NUM_LRS
    b.lo 15b
17: ldr w1, [x11, #GICH_HCR]  // GICH_HCR.UIE: set while candidates are left over
    bic w1, w1, #HCR_UIE
    cbz x0, 18f
    orr w1, w1, #HCR_UIE
18: str w1, [x11, #GICH_HCR]

// LR0 and the physical PPI 27: active — so the GIC does not signal it — unless LR0 is empty and the timer's output is
// low; then its rise is taken to EL2 (irq.S acknowledges it and resumes the context, which comes back here). With the
// output high (CNTV_CTL: ENABLE = 1, IMASK = 0, ISTATUS = 1; ARM §D11.2.4) or the guest's own GICD_ISPENDR0 bit 27 in
// the latch, and the VM's distributor forwarding INTID 27 (GICD_CTLR.EnableGrp0, GICD_ISENABLER0 bit 27), LR0 gets the
// interrupt as a hardware one with the VM's priority, and takes the latch (KVM vgic_hw_irq_spending: the latch, with
// the physical interrupt kept active): the guest's EOI through GICV deactivates PPI 27 (GICH_LR.HW, ARCH-NOTES §17b;
// KVM's mapped timer interrupt).
vgic_timer:
    mov x3, #GICH_BASE
    ldr w4, [x3, #GICH_LR0]
    tst w4, #LR_STATE
    b.ne vgic_timer_held      // LR0 holds it (pending or active): active until the guest's EOI
    ldr w12, [x20, #C_GICD + VGICD_PEND] // the latches of INTIDs 0–31
    mrs x5, cntv_ctl_el0
    and x5, x5, #7
    cmp x5, #5
    cset w13, eq              // the output is high
    ubfx w14, w12, #VTIMER_INTID, #1
    orr w13, w13, w14
    cbz w13, 1f               // the output is low and nothing latched
    ldr w6, [x20, #C_GICD + VGICD_CTLR]
    tbz w6, #0, vgic_timer_held // not forwarded by the VM's distributor: held until it is
    ldr w6, [x20, #C_GICD + VGICD_ENABLE]
    tbz w6, #VTIMER_INTID, vgic_timer_held
    bic w12, w12, #(1 << VTIMER_INTID)
    str w12, [x20, #C_GICD + VGICD_PEND] // the LR takes the latch
    ldrb w6, [x20, #C_GICD + VGICD_PRIORITY + VTIMER_INTID]
    lsr w6, w6, #3            // LR.Priority: the top five bits
    mov w7, #(VTIMER_LR & 0xffff)
    movk w7, #(VTIMER_LR >> 16), lsl #16
    orr w7, w7, w6, lsl #LR_PRIO_SHIFT
    str w7, [x3, #GICH_LR0]
    b vgic_timer_held
1:  mov x0, #GICD_BASE
    mov w1, #(1 << VTIMER_INTID)
    str w1, [x0, #GICD_ICACTIVER0]
    ret
vgic_timer_held:
    mov x0, #GICD_BASE
    mov w1, #(1 << VTIMER_INTID)
    str w1, [x0, #GICD_ISACTIVER0]
    ret
