// Wrong under tlb: flush: the TLBI of the incoming VMID has no DSB after it; at the ERET it may not have
// completed, and the target can still use the entries it was meant to remove.
// check: --from vm1 --to app --scenario test/check/corpus/flush.yaml
// expect: 14:tlbi-no-dsb:error 14:tlb-stale:error
// static: 14:tlbi-no-dsb:error
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08

    dsb ishst
    ldp x0, x1, [x20, #C_HCR]
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    tlbi vmalls12e1
    isb
    eret
