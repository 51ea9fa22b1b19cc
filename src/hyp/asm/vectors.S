// EL2 vector table (ARM §D1.4; ARCH-NOTES §13): 16 entries of 0x80 bytes, 2 KiB aligned.
    .balign 2048
el2_vectors:
    b el2_unexpected          // +0x000 current EL, SP_EL0: sync
    .balign 0x80
    b el2_unexpected
    .balign 0x80
    b el2_unexpected
    .balign 0x80
    b el2_unexpected
    .balign 0x80
    b el2_self_sync           // +0x200 current EL, SP_ELx: sync (an illegal exception return lands here)
    .balign 0x80
    b el2_unexpected
    .balign 0x80
    b el2_unexpected
    .balign 0x80
    b el2_unexpected
    .balign 0x80
    b el2_lower_sync          // +0x400 lower EL, AArch64: sync
    .balign 0x80
    b el2_lower_irq           // +0x480 lower EL, AArch64: IRQ (irq.S)
    .balign 0x80
    b el2_unexpected
    .balign 0x80
    b el2_unexpected
    .balign 0x80
    b el2_lower_aarch32       // +0x600 lower EL, AArch32: sync (HCR_EL2.RW = 0)
    .balign 0x80
    b el2_lower_irq           // +0x680 lower EL, AArch32: IRQ
    .balign 0x80
    b el2_unexpected
    .balign 0x80
    b el2_unexpected
    .balign 0x80

// A synchronous exception from the running context: save its X0–X30 (and its slice budget) into its context
// entry (irq.S save_context), then dispatch on ESR_EL2.EC.
el2_lower_sync:
    save_context
    mov x19, x0
    mrs x21, esr_el2
    lsr x0, x21, #ESR_EC_SHIFT  // ESR_EL2.EC
    cmp x0, #EC_HVC64
    b.eq hvc_entry
    cmp x0, #EC_SVC64         // from EL0 routed here by HCR_EL2.TGE = 1
    b.eq svc_entry
    cmp x0, #EC_SYSREG        // MSR/MRS trapped to EL2: the EL1 physical timer is emulated (lazy.S)
    b.eq sysreg_trap
    cmp x0, #EC_FP            // FP/SIMD trapped by CPTR_EL2.TFP (lazy.S)
    b.eq fp_trap
    cmp x0, #EC_DABT_LOWER    // a data abort: an emulated device's access (vuart.S) or a denied one
    b.eq dabt_lower
    b abort_entry             // aborts and any other trap: a denied or unsupported action

// Lower EL in AArch32 (HCR_EL2.RW = 0 and an implementation that let the ERET through): stop the context.
el2_lower_aarch32:
    ldr x19, cur_ctx
    mrs x21, esr_el2
    b abort_entry

// An exception taken at EL2 itself. EC 0x0E (Illegal Execution state) follows an illegal exception return
// into the context in cur_ctx: the context never ran; record it and stop it. Anything else is a hypervisor bug.
el2_self_sync:
    adr x0, hyp_stack_top
    mov sp, x0
    ldr x19, cur_ctx
    mrs x21, esr_el2
    lsr x0, x21, #ESR_EC_SHIFT
    cmp x0, #EC_ILLEGAL
    b.eq deny_stop_elr2
el2_unexpected:
    adr x0, hyp_stack_top
    mov sp, x0
    bl line_begin
    adr x0, msg_panic
    bl puts
    mrs x0, esr_el2
    bl puthex
    adr x0, msg_elr
    bl puts
    mrs x0, elr_el2
    bl puthex
    bl putnl
    mov x0, #1
    b hyp_exit
