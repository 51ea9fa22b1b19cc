// Correct, with a redundant TLBI: VMALLE1 issued before the ISB that makes the new VTTBR_EL2 effective, so it may
// select the outgoing VMID. Under tlb: by-vmid the incoming VMID holds nothing stale, so nothing depends on it: the
// quick rule's warning is cleared by the exploration.
// check: --from vm2 --to app
// expect: none
// cleared: 15:tlbi-before-vmid
// static: 15:tlbi-before-vmid:error
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08

    dsb ishst
    ldp x0, x1, [x20, #C_HCR]
    msr vttbr_el2, x1
    msr hcr_el2, x0
    tlbi vmalle1
    dsb nsh
    isb
    eret
