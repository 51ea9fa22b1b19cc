// Wrong under tlb: flush: TLBI right after MSR VTTBR_EL2 with no ISB between — the write is not yet in context, so
// the TLBI may select the outgoing VMID and the incoming one keeps its stale entries.
// check: --from vm1 --to app --scenario test/check/corpus/flush.yaml
// expect: 12:tlbi-before-vmid:error 12:tlb-stale:error
// static: 12:tlbi-before-vmid:error
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08

    dsb ishst
    ldp x0, x1, [x20, #C_HCR]
    msr vttbr_el2, x1
    tlbi vmalls12e1
    dsb nsh
    msr hcr_el2, x0
    isb
    eret
