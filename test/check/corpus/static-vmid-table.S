// Correct: a partitioning hypervisor's static regime table (.quad data), indexed by the incoming context's index
// (X21): its own VMIDs 10, 11 and 12 — not the numbers a VMID allocator would hand out, and unique.
// check: --from vm1 --to vm2
// expect: none
// check: --from vm2 --to app
// expect: none
// check: --from app --to vm1
// expect: none
// static: none
    adr x9, regimes
    add x9, x9, x21, lsl #4         // 16 bytes per context: HCR_EL2, VTTBR_EL2
    ldp x0, x1, [x9]
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    eret

    .balign 8
regimes:
    .quad 0x80080039, (10 << 48) | 0x40200000   // vm1: stage 2 at its root, VMID 10
    .quad 0x80080039, (11 << 48) | 0x40203000   // vm2: VMID 11
    .quad 0x80080038, (12 << 48)                // app: stage 2 off, VMID 12
