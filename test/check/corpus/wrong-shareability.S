// Wrong: the broadcast TLBI VMALLS12E1IS is "completed" with DSB NSH, which covers only local maintenance; the
// invalidation may still be in flight at the ERET (ARM §D8.17.8).
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
    tlbi vmalls12e1is
    dsb nsh
    isb
    eret
