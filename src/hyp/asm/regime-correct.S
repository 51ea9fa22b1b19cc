// Load the incoming context's stage-2 regime: VTCR_EL2 and HCR_EL2 only when they differ from the live values
// (VM↔VM and VM↔app-with-stage-2 switches keep them), VTTBR_EL2 (BADDR | VMID << 48) always; HCR_EL2 last.
    ldr x0, [x20, #C_VTCR]
    mrs x1, vtcr_el2
    cmp x0, x1
    b.eq 1f
    msr vtcr_el2, x0
1:  ldr x0, [x20, #C_VTTBR]
    msr vttbr_el2, x0
    // errata.S: nothing, or (1319537) an ISB: HCR_EL2, which turns stage 2 on, last
    at_stage2_consistent
    ldr x0, [x20, #C_HCR]
    mrs x1, hcr_el2
    cmp x0, x1
    b.eq 2f
    msr hcr_el2, x0
2:
