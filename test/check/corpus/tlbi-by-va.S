// Wrong under tlb: flush: it invalidates only the incoming context's first page by VA (TLBI VAE1 of ELR_EL2)
// instead of all of its VMID: every other stale entry under the reused VMID — among them the outgoing VM's 2 MiB
// stage-2 entries — survives, and stage-2-only entries are not touched by a stage-1 operation at all.
// check: --from vm1 --to app --scenario test/check/corpus/flush.yaml
// expect: 18:tlb-stale:error
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_ELR_EL2, 0x150

    dsb ishst
    ldp x0, x1, [x20, #C_HCR]
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    ldr x2, [x20, #C_ELR_EL2]
    lsr x2, x2, #12                 // Xt = VA[55:12]
    tlbi vae1, x2
    dsb nsh
    isb
    eret
