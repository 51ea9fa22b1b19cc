// Correct, Hafnium style (prior-art.md §1 "Per-context VMID": the VMID is the FF-A VM id; written from the facts,
// not copied): VM ids are static — the primary VM is id 1, the others follow in table order — so the VMID is the
// context's index + 1, and VTTBR_EL2 is built from the context's stage-2 root (its VTTBR_EL2 without the VMID field).
// Hafnium never shares an id between contexts, so no TLBI on the switch; the VMIDs differ from the reference
// allocator's numbers and the checker must not mind.
// check: --from vm1 --to vm2
// expect: none
// check: --from vm2 --to app
// expect: none
// check: --from app --to vm1
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_VTCR, 0x10
    .equ VTTBR_VMID_SHIFT, 48

vm_set_stage2:
    ldr x0, [x20, #C_VTTBR]
    and x0, x0, #0x0000fffffffffffe // BADDR only: the table's VMID field is the allocator's, not ours
    add x1, x21, #1                 // FF-A VM id: primary 1, then table order
    orr x0, x0, x1, lsl #VTTBR_VMID_SHIFT
    ldr x2, [x20, #C_VTCR]
    msr vtcr_el2, x2
    msr vttbr_el2, x0
    ldr x0, [x20, #C_HCR]
    msr hcr_el2, x0
    isb
    eret
