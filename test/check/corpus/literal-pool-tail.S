// Correct: the tail of a VM -> app switch with its constants in a literal pool (ldr =): the app's full HCR_EL2
// (RW, TSC, AMO, IMO, FMO) and its VMID 3 in bits 55:48 (stage 2 off: BADDR 0).
// check: --from vm1 --to app
// expect: none
// check: --from vm2 --to app
// expect: none
// static: none
    ldr x0, =0x80080038
    ldr x1, =(3 << 48)
    msr hcr_el2, x0
    msr vttbr_el2, x1
    isb
    eret
    .ltorg
