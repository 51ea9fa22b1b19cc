// Correct under tlb: flush, with stronger barriers than needed: DSB SY where DSB NSH would do, and the broadcast
// TLBI VMALLS12E1IS completed by DSB ISH.
// check: --from vm1 --to app --scenario test/check/corpus/flush.yaml
// expect: none
// check: --from app --to vm2 --scenario test/check/corpus/flush.yaml
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08

    dsb sy
    ldp x0, x1, [x20, #C_HCR]
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    tlbi vmalls12e1is
    dsb ish
    isb
    eret
