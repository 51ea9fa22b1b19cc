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

// Every entry (switch.S enter), x20 = the context, its CNTV_CTL_EL0/CVAL_EL0 loaded: the physical PPI 27 is active —
// so the GIC does not signal it — unless the context has a vGIC, LR0 is empty and the timer's output is low; then its
// rise is taken to EL2 (irq.S acknowledges it and resumes the context, which comes back here). With the output high
// (CNTV_CTL: ENABLE = 1, IMASK = 0, ISTATUS = 1; ARM §D11.2.4) and the VM's distributor forwarding INTID 27
// (GICD_CTLR.EnableGrp0, GICD_ISENABLER0 bit 27), LR0 gets the interrupt as a hardware one with the VM's priority: the
// guest's EOI through GICV deactivates PPI 27 (GICH_LR.HW, ARCH-NOTES §17b; KVM's mapped timer interrupt). Clobbers x0–x7.
vgic_flush:
    mov x0, #GICD_BASE
    mov w1, #(1 << VTIMER_INTID)
    ldr w2, [x20, #C_VGIC + VGIC_HCR]
    tbz w2, #0, 2f            // GICH_HCR.En = 0: no vGIC; the context's timer interrupts no one
    mov x3, #GICH_BASE
    ldr w4, [x3, #GICH_LR0]
    tst w4, #LR_STATE
    b.ne 2f                   // LR0 holds it (pending or active): active until the guest's EOI
    mrs x5, cntv_ctl_el0
    and x5, x5, #7
    cmp x5, #5
    b.ne 1f                   // the output is low
    ldr w6, [x20, #C_GICD + VGICD_CTLR]
    tbz w6, #0, 2f            // high but not forwarded by the VM's distributor: held until it is
    ldr w6, [x20, #C_GICD + VGICD_ENABLE]
    tbz w6, #VTIMER_INTID, 2f
    ldrb w6, [x20, #C_GICD + VGICD_PRIORITY + VTIMER_INTID]
    lsr w6, w6, #3            // LR.Priority: the top five bits
    mov w7, #(VTIMER_LR & 0xffff)
    movk w7, #(VTIMER_LR >> 16), lsl #16
    orr w7, w7, w6, lsl #LR_PRIO_SHIFT
    str w7, [x3, #GICH_LR0]
    b 2f
1:  str w1, [x0, #GICD_ICACTIVER0]
    ret
2:  str w1, [x0, #GICD_ISACTIVER0]
    ret
