// Wrong: the same static regime table with a copy-paste slip — the app gets vm1's VMID 10. Entering vm1 (or the
// app), the other's TLB entries tagged 10 are hit; entering vm2, vm1's entries left under VMID 10 wait for the app.
// check: --from app --to vm1
// expect: 11:vmid-wrong:error 14:tlb-stale:error
// check: --from vm1 --to vm2
// expect: 14:tlb-latent:error
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
    .quad 0x80080039, (10 << 48) | 0x40200000   // vm1: VMID 10
    .quad 0x80080039, (11 << 48) | 0x40203000   // vm2: VMID 11
    .quad 0x80080038, (10 << 48)                // app: VMID 10 (should be 12)
