// Subtly wrong: it revokes the outgoing VM's memory (its stage-2 root entry, a table descriptor, becomes invalid)
// and recycles the freed level-1 table page as the target's, but invalidates with TLBI IPAS2LE1 — the last-level form,
// right for a changed page or block, not for a table. The last-level forms need not remove walk-cache entries (ARM
// §D8.16, C5.5 TLBI IPAS2LE1), so vm1's cached level-0 descriptor still points at the page, which now leads to vm2's
// memory: vm1 reaches it when it runs next. TLBI IPAS2E1 (all levels) is the operation (table-recycle-all-levels.S).
// The TLBIs act on vm1's VMID on purpose: the quick rule tlbi-before-vmid is settled only by an outcome about an entry
// of the target's VMID (RuleInfo.settledByTargetEntry), and the stale entry here is vm1's, so it is cleared.
// check: --from vm1 --to vm2
// expect: 23:tlb-latent:error
// cleared: 23:tlbi-before-vmid 25:tlbi-before-vmid
// static: 23:tlbi-before-vmid:warning 25:tlbi-before-vmid:warning
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08

    // revoke: vm1's stage-2 root entry 0 (the table descriptor of its level-1 table) becomes invalid
    ldr x5, [x19, #C_VTTBR]
    and x2, x5, #0x0000fffffffffffe     // VTTBR_EL2.BADDR: vm1's stage-2 root
    ldr x6, [x2]
    str xzr, [x2]
    dsb ishst
    // invalidate vm1's translation of IPA 0x4000_0000 (vm1's VTTBR_EL2, its VMID, is still in context)
    mov x7, #(0x40000000 >> 12)         // Xt[35:0] = IPA[47:12]
    tlbi ipas2le1, x7
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
