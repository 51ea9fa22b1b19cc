// Wrong on a Cortex-A57 with erratum 1319537: a plain table-driven switch. A speculative EL1&0 walk at EL2 may see
// the new VTTBR_EL2 with the outgoing app's stage 1 still in context — caching the app's translation under vm1's
// VMID — or, leaving a VM for the app, the app's new stage 1 under the VM's old VMID, an entry that waits for the VM.
// check: --from app --to vm1 --errata
// expect: 16:tlb-stale:error
// check: --from vm1 --to app --errata
// expect: 19:tlb-latent:error
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_VTCR, 0x10

    ldr x2, [x20, #C_VTCR]
    ldp x0, x1, [x20, #C_HCR]
    msr vtcr_el2, x2
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    eret
