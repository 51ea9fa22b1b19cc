// Correct on a Cortex-A57 with erratum 1319537 (speculative AT walks of the EL1&0 regime at EL2 with any mix of
// old and new registers): stage-1 walks are off (TCR_EL1.EPD0/EPD1, SCTLR_EL1.M = 1, each with an ISB) while the
// stage-2 registers change, the new stage 2 is synchronized, then SCTLR_EL1 and last TCR_EL1 come back.
// check: --from app --to vm1 --errata
// expect: none
// check: --from vm1 --to app --errata
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_VTCR, 0x10
    .equ C_TCR_EL1, 0x208
    .equ C_SCTLR_EL1, 0x200

    mrs x0, tcr_el1
    orr x0, x0, #(1 << 7)           // EPD0
    orr x0, x0, #(1 << 23)          // EPD1
    msr tcr_el1, x0
    isb
    mrs x0, sctlr_el1
    orr x0, x0, #1                  // M: stage 1 not bypassed
    msr sctlr_el1, x0
    isb
    ldr x2, [x20, #C_VTCR]
    ldp x0, x1, [x20, #C_HCR]
    msr vtcr_el2, x2
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb                             // the new stage 2 in context before stage 1 comes back
    ldr x0, [x20, #C_SCTLR_EL1]
    msr sctlr_el1, x0
    isb
    ldr x0, [x20, #C_TCR_EL1]
    msr tcr_el1, x0
    isb
    eret
