// Wrong, Hafnium style: the VMID is the FF-A partition id, and secure partitions have ids 0x8000 + n (the app here,
// the first partition: 0x8001). With 8-bit VMIDs (VTCR_EL2.VS = 0 on a Cortex-A57) only bits 55:48 of the id reach
// VTTBR_EL2.VMID — bits 63:56 are RES0 — so the partition runs with VMID 1, the primary VM's. Each sees the
// other's TLB entries: entering either, it hits the other's (tlb-stale); and even a switch between the two VMs
// leaves vm1's entries for the app to hit next (tlb-latent). The ids are correct FF-A ids; only their truncation
// makes them collide.
// check: --from vm1 --to app
// expect: 22:vmid-wrong:error 26:tlb-stale:error
// check: --from app --to vm1
// expect: 22:vmid-wrong:error 26:tlb-stale:error
// check: --from vm1 --to vm2
// expect: 26:tlb-latent:error
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08

    adr x9, ffa_ids
    ldr x1, [x9, x21, lsl #3]       // this context's FF-A id
    ldr x0, [x20, #C_VTTBR]
    and x0, x0, #0x0000fffffffffffe
    orr x0, x0, x1, lsl #48         // VMID[15:0] = the id: bits 63:56 are RES0 with 8-bit VMIDs
    msr vttbr_el2, x0
    ldr x0, [x20, #C_HCR]
    msr hcr_el2, x0
    isb
    eret

    .balign 8
ffa_ids:
    .quad 0x0001                    // vm1: the primary VM
    .quad 0x0002                    // vm2
    .quad 0x8001                    // app: the first secure partition
