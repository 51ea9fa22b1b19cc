// Correct: it revokes the outgoing VM's memory (its stage-2 root entry, a table descriptor, becomes invalid) and
// recycles the freed level-1 table page as the target's, after TLBI IPAS2E1 — the all-levels form, which removes the
// cached table descriptors of vm1's walks of IPA 0x4000_0000 too (ARM C5.5, §D8.17.1) — and a DSB. vm1 keeps no
// cached path to the page (compare table-recycle-last-level.S).
// check: --from vm1 --to vm2
// expect: none
// cleared: 20:tlbi-before-vmid 22:tlbi-before-vmid
// static: 20:tlbi-before-vmid:warning 22:tlbi-before-vmid:warning
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08

    // revoke: vm1's stage-2 root entry 0 (the table descriptor of its level-1 table) becomes invalid
    ldr x5, [x19, #C_VTTBR]
    and x2, x5, #0x0000fffffffffffe     // VTTBR_EL2.BADDR: vm1's stage-2 root
    ldr x6, [x2]
    str xzr, [x2]
    dsb ishst
    // invalidate vm1's translations of IPA 0x4000_0000, all levels (vm1's VTTBR_EL2, its VMID, is still in context)
    mov x7, #(0x40000000 >> 12)         // Xt[35:0] = IPA[47:12]
    tlbi ipas2e1, x7
    dsb ish
    tlbi vmalle1
    dsb ish
    // recycle the freed level-1 table as the target's: its entry for the 1 GiB at IPA 0x4000_0000, then the root
    ldp x0, x1, [x20, #C_HCR]
    and x3, x1, #0x0000fffffffffffe     // vm2's stage-2 root
    ldr x8, [x3]
    and x9, x8, #0x0000fffffffff000     // vm2's level-1 table
    ldr x10, [x9, #8]
    and x11, x6, #0x0000fffffffff000    // the freed page
    str x10, [x11, #8]
    dsb ishst
    str x6, [x3]
    dsb ishst
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    eret
