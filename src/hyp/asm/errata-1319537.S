// errata: [1319537] — Cortex-A57 speculative AT (prior-art §2.3, KVM nVHE's ARM64_WORKAROUND_SPECULATIVE_AT;
// ARCH-NOTES §8): at EL2 the A57 may walk the out-of-context EL1&0 regime speculatively, so it must never see the
// old stage 1 with the new stage 2 (or the reverse). Stage-1 walks are disabled while the stage-2 context changes,
// and the incoming SCTLR_EL1 and then TCR_EL1 are restored last.

// Before the regime changes and before a VMID rollover's TLBI ALLE1 (switch.S): TCR_EL1.EPD0/EPD1 = 1 (no stage-1
// walks), ISB; SCTLR_EL1.M = 1 so that stage 1 is not bypassed (with M = 0 an access would go to stage 2 directly), and
// HCR_EL2.VM = DC = 0, ISB: DC = 1 (an s2-only app) also bypasses stage 1, and a stage-2-only walk with VTCR_EL2 and
// VTTBR_EL2 of different contexts caches garbage under a VMID (regime-correct.S turns stage 2 on last).
    .macro at_walks_off
    mrs x0, tcr_el1
    orr x0, x0, #TCR_EPD0     // TCR_EL1.EPD0
    orr x0, x0, #TCR_EPD1     // TCR_EL1.EPD1
    msr tcr_el1, x0
    isb
    mrs x0, sctlr_el1
    orr x0, x0, #SCTLR_M      // SCTLR_EL1.M
    msr sctlr_el1, x0
    mrs x0, hcr_el2
    bic x0, x0, #HCR_VM       // HCR_EL2.VM
    bic x0, x0, #HCR_DC       // HCR_EL2.DC
    msr hcr_el2, x0
    isb
    .endm

// Between the incoming VTCR_EL2/VTTBR_EL2 and HCR_EL2 (regime-correct.S): ISB, so stage 2 comes back on (VM, DC)
// only with both of the incoming context's in context.
    .macro at_stage2_consistent
    isb
    .endm

// After the new stage 2 (VTCR/HCR/VTTBR) is written: ISB, so it is in context before stage 1 comes back.
    .macro at_stage2_loaded
    isb
    .endm

// Between the incoming SCTLR_EL1 and TCR_EL1: ISB, so TCR (walks enabled again) is the last to take effect.
    .macro at_sctlr_then_tcr
    isb
    .endm
