// Correct, over-invalidating: after loading the incoming regime it flushes every VMID's EL1&0 entries (TLBI ALLE1IS,
// completed by DSB ISH) on every switch — costly, never wrong.
// check: --from vm1 --to app
// expect: none
// check: --from app --to vm2 --scenario test/check/corpus/flush.yaml
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08

    ldp x0, x1, [x20, #C_HCR]
    msr vttbr_el2, x1
    msr hcr_el2, x0
    dsb ishst
    tlbi alle1is
    dsb ish
    isb
    eret
