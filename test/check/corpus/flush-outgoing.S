// The same code, right or wrong by the TLB contract: it retires the outgoing context's translations (TLBI
// VMALLS12E1 while its VMID is still in context) and then loads the incoming regime. With distinct VMIDs
// (tlb: by-vmid) that is a deliberate, harmless flush: the quick rule's warning is cleared by the exploration. When
// a VMID may be reused (tlb: flush) the incoming VMID is the one to flush, and the exploration confirms it.
// check: --from vm1 --to app
// expect: none
// cleared: 15:tlbi-before-vmid
// check: --from vm1 --to app --scenario test/check/corpus/flush.yaml
// expect: 15:tlbi-before-vmid:error 15:tlb-stale:error
// static: 15:tlbi-before-vmid:warning
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08

    dsb ishst
    tlbi vmalls12e1                 // the outgoing VMID: VTTBR_EL2 still holds it
    dsb nsh
    ldp x0, x1, [x20, #C_HCR]
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    eret
