// Correct on a Cortex-A57 with erratum 1319537, KVM nVHE's ARM64_WORKAROUND_SPECULATIVE_AT entry (prior-art.md
// §2.3; written from the sequence, not copied): the guest's TCR_EL1 goes in first with EPD0|EPD1 set (no stage-1
// walks), ISB; SCTLR_EL1.M is kept 1 while the stage 2 changes; `__load_stage2` ends with an ISB; then HCR_EL2, ISB;
// the guest's SCTLR_EL1, ISB; and only then its real TCR_EL1. No speculative walk can combine one context's stage 1
// with another's stage 2.
// check: --from app --to vm1 --errata
// expect: none
// check: --from vm1 --to app --errata
// expect: none
// check: --from vm1 --to vm2 --errata
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_VTCR, 0x10
    .equ C_SCTLR_EL1, 0x200
    .equ C_TCR_EL1, 0x208
    .equ TCR_EPD0, 1 << 7
    .equ TCR_EPD1, 1 << 23

    dsb nsh
    ldr x0, [x20, #C_TCR_EL1]
    orr x0, x0, #TCR_EPD0
    orr x0, x0, #TCR_EPD1
    msr tcr_el1, x0                 // the guest's TCR_EL1, walks disabled
    isb
    mrs x0, sctlr_el1
    orr x0, x0, #1                  // SCTLR_EL1.M = 1: no flat stage 1 either
    msr sctlr_el1, x0
    isb
    bl __load_stage2
    ldr x0, [x20, #C_HCR]
    msr hcr_el2, x0
    isb
    ldr x0, [x20, #C_SCTLR_EL1]     // "S2 configured and enabled: now restore S1, SCTLR first, and only then TCR"
    msr sctlr_el1, x0
    isb
    ldr x0, [x20, #C_TCR_EL1]
    msr tcr_el1, x0
    eret

__load_stage2:
    ldr x0, [x20, #C_VTCR]
    msr vtcr_el2, x0
    ldr x0, [x20, #C_VTTBR]
    msr vttbr_el2, x0
    isb
    ret
