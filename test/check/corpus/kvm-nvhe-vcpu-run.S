// Correct, KVM nVHE style (/work/shared/reference/prior-art.md §2.1; written from the sequence, not copied):
// `__kvm_vcpu_run` finishes walks begun in the outgoing regime (DSB NSH, ARM R_LFHQG), restores the guest's EL1
// registers from its context, calls `__load_stage2` (VTCR_EL2, then VTTBR_EL2 with the VMID already in it) and
// `__activate_traps` (the full HCR_EL2 from the context), and `__guest_enter` saves the host's callee-saved registers
// on the stack, loads the guest's GPRs and ERETs. No ISB and no TLBI: every context has its own VMID, and the ERET is
// the context synchronization event. The quick rule's missing-ISB warning is cleared by the exploration: neither
// TGE nor RW differs between the contexts, so the ERET's legality does not depend on the new HCR_EL2.
// check: --from vm1 --to vm2
// expect: none
// cleared: 55:hcr-no-isb-eret
// check: --from app --to vm1
// expect: none
// cleared: 55:hcr-no-isb-eret
// check: --from vm2 --to app
// expect: none
// cleared: 55:hcr-no-isb-eret
// static: 55:hcr-no-isb-eret:error
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_VTCR, 0x10
    .equ C_GPR, 0x50
    .equ C_VBAR_EL1, 0x1e0
    .equ C_MAIR_EL1, 0x1e8
    .equ C_TTBR0_EL1, 0x1f8
    .equ C_SCTLR_EL1, 0x200
    .equ C_TCR_EL1, 0x208

__kvm_vcpu_run:
    dsb nsh                         // walks of the outgoing regime complete before its registers change
    bl __sysreg_restore_el1
    bl __load_stage2
    bl __activate_traps
    b __guest_enter

__sysreg_restore_el1:
    ldp x0, x1, [x20, #C_VBAR_EL1]  // VBAR_EL1, MAIR_EL1
    msr vbar_el1, x0
    msr mair_el1, x1
    ldp x0, x1, [x20, #C_TTBR0_EL1] // TTBR0_EL1, SCTLR_EL1
    msr ttbr0_el1, x0
    msr sctlr_el1, x1
    ldr x0, [x20, #C_TCR_EL1]
    msr tcr_el1, x0
    ret

__load_stage2:
    ldr x0, [x20, #C_VTCR]
    msr vtcr_el2, x0
    ldr x0, [x20, #C_VTTBR]
    msr vttbr_el2, x0
    ret

__activate_traps:
    ldr x0, [x20, #C_HCR]
    msr hcr_el2, x0
    ret

__guest_enter:
    stp x29, x30, [sp, #-16]!       // the host's callee-saved registers
    stp x27, x28, [sp, #-16]!
    stp x19, x20, [sp, #-16]!
    add x29, x20, #C_GPR            // the guest's GPRs, x29 (the pointer) last
    ldp x0, x1, [x29, #0]
    ldp x2, x3, [x29, #16]
    ldp x4, x5, [x29, #32]
    ldp x6, x7, [x29, #48]
    ldr x29, [x29, #8 * 29]
    eret
