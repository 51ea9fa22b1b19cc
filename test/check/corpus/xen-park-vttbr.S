// Correct on a Cortex-A57 with erratum 1319537, Xen style (prior-art.md §0 fact 6; written from the description,
// not copied): on the way out the VTTBR_EL2 is parked on an empty root with INVALID_VMID (0, which no context holds)
// and synchronized, so a speculative walk of the half-switched regime finds nothing to cache; then every EL1 MMU
// register of the incoming context, ISB, SCTLR_EL1 and HCR_EL2, ISB, and the incoming VTTBR_EL2 last. A walk after
// that point sees the incoming stage 1 with the incoming stage 2: consistent. The parking value (VMID 0, a root that
// differs from vm1's only in bits 23:16) looks like the note's VMID << 16 to the quick rule; the exploration clears it.
// check: --from app --to vm1 --errata
// expect: none
// cleared: 26:vttbr-vmid-shift
// check: --from vm1 --to app --errata
// expect: none
// check: --from vm1 --to vm2 --errata
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_VTCR, 0x10
    .equ C_VBAR_EL1, 0x1e0
    .equ C_MAIR_EL1, 0x1e8
    .equ C_TTBR0_EL1, 0x1f8
    .equ C_SCTLR_EL1, 0x200
    .equ C_TCR_EL1, 0x208

p2m_save_state:
    adr x0, empty_root              // INVALID_VMID (0) in bits 55:48, BADDR = an all-invalid table
    msr vttbr_el2, x0
    isb
p2m_restore_state:
    ldp x0, x1, [x20, #C_VBAR_EL1]
    msr vbar_el1, x0
    msr mair_el1, x1
    ldr x0, [x20, #C_TTBR0_EL1]
    msr ttbr0_el1, x0
    ldr x0, [x20, #C_TCR_EL1]
    msr tcr_el1, x0
    ldr x0, [x20, #C_VTCR]
    msr vtcr_el2, x0
    isb
    ldr x0, [x20, #C_SCTLR_EL1]
    msr sctlr_el1, x0
    ldr x0, [x20, #C_HCR]
    msr hcr_el2, x0
    isb
    ldr x0, [x20, #C_VTTBR]         // the incoming stage 2 and VMID last
    msr vttbr_el2, x0
    isb
    eret

    .balign 65536                   // as large and aligned as the largest root: 16 concatenated 4 KiB tables
empty_root:
    .space 65536, 0
