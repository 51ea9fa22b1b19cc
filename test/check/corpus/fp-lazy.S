// Correct, lazy FP/SIMD: the switch sets CPTR_EL2.TFP on every entry, so the target's first FP/SIMD instruction traps
// to EL2, where the hypervisor saves the owner's V registers and loads the target's before clearing TFP (ARM
// §D13.2.31; KVM's __activate_traps and kvm_hyp_handle_fpsimd, in the manner, not the code).
// check: --from vm1 --to vm2
// expect: none
// check: --from vm2 --to app
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_VTCR, 0x10

    ldr x0, [x20, #C_HCR]
    msr hcr_el2, x0
    ldr x0, [x20, #C_VTTBR]
    msr vttbr_el2, x0
    ldr x0, [x20, #C_VTCR]
    msr vtcr_el2, x0
    mrs x1, cptr_el2
    orr x1, x1, #(1 << 10)    // TFP = 1: FP/SIMD traps until the target owns the registers
    msr cptr_el2, x1
    isb
    eret
