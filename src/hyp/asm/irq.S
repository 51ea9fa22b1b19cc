// Preemption: the GICv2 of QEMU's virt board and the EL2 physical timer (CNTHP_EL2, PPI 10 = INTID 26) end a
// context's slice after slice_insns of its own instructions (ARM §D11.2 generic timer; GICv2 §4.3–§4.4). Every entry
// (switch.S `enter`) writes CNTHP_TVAL_EL2 = the budget left + ENTER_TVAL_LEAD just before the ERET; every exit
// (vectors.S `save_context`) reads what is left, so calls that resume the context (putc, log …) do not restart its
// slice and hypervisor time is not charged to it. HCR_EL2.IMO = 1 (boot.S, and HCR_HYP in every context's value
// from src/hyp/context-table.ts; not in seed-literal's snippets) takes the IRQ to EL2 whatever the context's
// PSTATE.I. On twostage the count is one tick per instruction, so the budget is exact; on QEMU the counter runs at
// 62.5 MHz of (virtual) time, so a slice lasts slice_insns ticks instead.
    .equ GICD_BASE, 0x08000000
    .equ GICC_BASE, 0x08010000
    .equ GICD_CTLR, 0x000
    .equ GICD_ISENABLER0, 0x100
    .equ GICD_IPRIORITYR, 0x400
    .equ GICD_ISACTIVER0, 0x300
    .equ GICD_ICACTIVER0, 0x380
    .equ GICC_CTLR, 0x00
    .equ GICC_PMR, 0x04
    .equ GICC_IAR, 0x0c
    .equ GICC_EOIR, 0x10
    .equ TIMER_INTID, 26        // CNTHP_EL2 on the virt board (hw/arm/virt.c ARCH_TIMER_NS_EL2_IRQ = PPI 10)
    .equ MAINT_INTID, 25        // the GIC's maintenance interrupt on the virt board (ARCH_GIC_MAINT_IRQ = PPI 9)
    .equ SPURIOUS_INTID, 1023
    // Instructions between a guest's last one and the TVAL read in save_context: the vector's branch and the STP
    .equ VEC_TVAL_LAG, 2
    // CNTHP_TVAL_EL2 = budget + this: the MSR, the LDP and the ERET retire before the context's first instruction
    .equ ENTER_TVAL_LEAD, 3

// The end of `enter` (switch.S), x0 = the context with X2–X29 restored: arm CNTHP_EL2 with the budget left, using
// x1 and x30 (restored here; x0 and x1 by the LDP that follows), then the ERET: ENTER_TVAL_LEAD counts from the MSR.
.macro arm_slice_timer
    ldr x1, slice_insns
    ldr x30, [x0, #C_SPENT]
    sub x1, x1, x30
    add x1, x1, #ENTER_TVAL_LEAD
    ldr x30, [x0, #C_GPR + 240]
    msr cnthp_tval_el2, x1
.endm

// Save the trapped context's X0–X30 into its entry (x0 = the entry afterwards) and note its slice budget left.
// Must be the first thing on a lower-EL vector path (VEC_TVAL_LAG counts the instructions before the TVAL read).
.macro save_context
    stp x0, x1, [sp, #-16]!
    mrs x1, cnthp_tval_el2
    ldr x0, cur_ctx
    stp x2, x3, [x0, #C_GPR + 16]
    stp x4, x5, [x0, #C_GPR + 32]
    stp x6, x7, [x0, #C_GPR + 48]
    stp x8, x9, [x0, #C_GPR + 64]
    stp x10, x11, [x0, #C_GPR + 80]
    stp x12, x13, [x0, #C_GPR + 96]
    stp x14, x15, [x0, #C_GPR + 112]
    stp x16, x17, [x0, #C_GPR + 128]
    stp x18, x19, [x0, #C_GPR + 144]
    stp x20, x21, [x0, #C_GPR + 160]
    stp x22, x23, [x0, #C_GPR + 176]
    stp x24, x25, [x0, #C_GPR + 192]
    stp x26, x27, [x0, #C_GPR + 208]
    stp x28, x29, [x0, #C_GPR + 224]
    str x30, [x0, #C_GPR + 240]
    ldp x2, x3, [sp], #16
    stp x2, x3, [x0, #C_GPR]
    bl note_spent
.endm

// Boot: the distributor and CPU interface forward INTID 26 (priority 0x80 below the mask 0xf0), and CNTHP_EL2 is
// enabled; it stays enabled, each entry re-arms it. EL2 itself runs with PSTATE.I = 1, so it is never interrupted.
irq_init:
    mov x0, #GICD_BASE
    mov w1, #1
    str w1, [x0, #GICD_CTLR]  // GICD_CTLR.EnableGrp0 (no Security Extensions: every interrupt is Group 0)
    mov w1, #0x80
    strb w1, [x0, #GICD_IPRIORITYR + TIMER_INTID]
    // the virtual timer's PPI 27, below the slice timer: vgic.S keeps it active (so not signalled) except while a VM
    // with a vGIC runs with its timer low, and an active interrupt's priority must not hold off the slice timer
    mov w1, #0xc0
    strb w1, [x0, #GICD_IPRIORITYR + VTIMER_INTID]
    // the vGIC's maintenance interrupt (PPI 9, INTID 25): a guest's EOI of a level-sensitive interrupt, or list
    // registers run low with more pending (vgic.S vgic_flush); signalled only while GICH_HCR.En (the VM's own)
    strb w1, [x0, #GICD_IPRIORITYR + MAINT_INTID]
    mov w1, #((1 << TIMER_INTID) | (1 << VTIMER_INTID) | (1 << MAINT_INTID))
    str w1, [x0, #GICD_ISENABLER0]
    // the machine's PL011 receives the run's input for the scenario's input context (vuart.S uart_rx_pull): its SPI
    // and UARTIMSC.RXIM, only when the scenario names one
    ldr x2, input_ctx
    cbz x2, 1f
    mov w1, #0xc0
    strb w1, [x0, #GICD_IPRIORITYR + VUART_INTID]
    mov w1, #(1 << (VUART_INTID - 32))
    str w1, [x0, #GICD_ISENABLER0 + 4]
    mov x2, #UART_DR
    mov w1, #(1 << VUART_INT_RX_BIT)
    str w1, [x2, #VUART_IMSC]
1:
    mov x0, #GICC_BASE
    mov w1, #0xf0
    str w1, [x0, #GICC_PMR]
    mov w1, #1
    str w1, [x0, #GICC_CTLR]  // GICC_CTLR.EnableGrp0: signal as IRQ
    mov x1, #1
    msr cnthp_ctl_el2, x1     // CNTHP_CTL_EL2.ENABLE, IMASK = 0
    ret

// x0 = context, w1 = CNTHP_TVAL_EL2 as read in save_context: C_SPENT = slice_insns - max(0, TVAL + VEC_TVAL_LAG).
// Clobbers x1, x2.
note_spent:
    sxtw x1, w1               // TimerValue is a signed 32-bit count
    add x1, x1, #VEC_TVAL_LAG // its instructions left in the slice
    cmp x1, #0
    csel x1, xzr, x1, lt
    adr x2, slice_insns
    ldr x2, [x2]
    subs x1, x2, x1
    csel x1, xzr, x1, lo
    str x1, [x0, #C_SPENT]
    ret

// An IRQ from the running context (lower EL, AArch64 +0x480 or AArch32 +0x680): acknowledge it; the timer ends
// the slice like a yield (hvc.S end_slice); the machine's UART hands what it received to the input context first
// (vuart.S uart_rx_pull, before the EOI: the level has fallen by then); anything else — the maintenance interrupt, whose
// cause the entry's vgic_flush answers, or the virtual timer's rise — resumes the context.
el2_lower_irq:
    save_context
    mov x19, x0
    mov x0, #GICC_BASE
    ldr w22, [x0, #GICC_IAR]
    and w23, w22, #0x3ff
    cmp w23, #SPURIOUS_INTID
    b.eq resume               // nothing to take (it went away): back into the context
    cmp w23, #VUART_INTID
    b.ne 1f
    bl uart_rx_pull
    mov x0, #GICC_BASE
1:  str w22, [x0, #GICC_EOIR] // EOImode 0: priority drop and deactivation (the line stays high until re-armed)
    cmp w23, #TIMER_INTID
    b.ne resume
    b end_slice
