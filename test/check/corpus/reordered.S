// Correct, reordered: HCR_EL2 first, then VTTBR_EL2 and VTCR_EL2, the DSB after the register writes — the EL1&0
// registers are out of context at EL2, so their order does not matter before the ISB (ARM §D8.1.5 I SFZVV).
// check: --from vm2 --to app
// expect: none
// check: --from app --to vm2
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_VTCR, 0x10

    ldr x0, [x20, #C_HCR]
    msr hcr_el2, x0
    ldr x0, [x20, #C_VTTBR]
    msr vttbr_el2, x0
    ldr x0, [x20, #C_VTCR]
    msr vtcr_el2, x0
    dsb sy
    isb
    eret
