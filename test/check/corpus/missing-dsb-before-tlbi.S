// Subtly wrong (a warning): under tlb: flush it invalidates the incoming VMID correctly, but no DSB precedes the
// TLBI, so a page-table store made just before the switch may not be visible to the walker when the TLBI
// completes — a walk after it can cache the old descriptor again. The explorer sees only the switch's own descriptor stores,
// so this stays a warning.
// check: --from vm1 --to app --scenario test/check/corpus/flush.yaml
// expect: 15:tlbi-no-prior-dsb:warning
// static: 15:tlbi-no-prior-dsb:warning
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08

    ldp x0, x1, [x20, #C_HCR]
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    tlbi vmalls12e1
    dsb nsh
    isb
    eret
