// Wrong: loads HCR_EL2 and VTCR_EL2 from the context table and forgets VTTBR_EL2: the incoming context runs with
// the outgoing one's VMID (and, for a VM, its stage-2 root).
// check: --from vm1 --to vm2
// expect: 12:hcr-same-vmid:error 14:vmid-wrong:error 12:walk-outside:error 14:tlb-stale:error
// static: 12:hcr-same-vmid:error
    .equ C_HCR, 0x00
    .equ C_VTCR, 0x10

    ldr x0, [x20, #C_HCR]
    ldr x1, [x20, #C_VTCR]
    msr vtcr_el2, x1
    msr hcr_el2, x0
    isb
    eret
