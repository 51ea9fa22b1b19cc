// Wrong: saves the hypervisor's stack pointer with MRS SP_EL2, which is UNDEFINED at EL2 (SP_EL2 is accessible
// to MRS/MSR only at EL3): the switch takes an exception to VBAR_EL2 and never reaches its ERET.
// check: --from vm1 --to vm2
// expect: 10:no-eret:error
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_SAVED_SP, 0xf0

    mrs x9, sp_el2
    str x9, [x19, #C_SAVED_SP]
    ldp x0, x1, [x20, #C_HCR]
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    eret
