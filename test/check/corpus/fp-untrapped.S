// Wrong, lazy FP/SIMD done halfway: the switch clears CPTR_EL2.TFP on every entry, as if the target owned the V
// registers — but they still hold what the outgoing context left (no save, no restore), and the target reads them.
// A lazy switch keeps TFP = 1 for everyone but the registers' owner (ARM §D13.2.31; KVM __activate_traps).
// check: --from vm1 --to vm2
// expect: 21:state-leak:error
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
    bic x1, x1, #(1 << 10)    // TFP = 0: FP/SIMD untrapped
    msr cptr_el2, x1
    isb
    eret
