// Wrong under tlb: flush between VMs: TLBI VMALLE1 invalidates the stage-1 and combined entries of the incoming
// VMID, not its stage-2-only ones (ARCH-NOTES §9): the outgoing VM's stage-2 translation of IPA 0x4000_0000, left
// under the reused VMID, leads vm2 into vm1's memory. VMALLS12E1 is the operation for a whole VMID.
// check: --from vm1 --to vm2 --scenario test/check/corpus/flush.yaml
// expect: 16:tlb-stale:error
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_VTCR, 0x10

    dsb ishst
    ldp x0, x1, [x20, #C_HCR]
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    tlbi vmalle1
    dsb nsh
    isb
    eret
