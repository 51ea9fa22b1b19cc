// Wrong: a subroutine calls another with BL without saving X30, so its RET returns into itself — the switch comes
// back to a state it was in and never reaches its ERET.
// check: --from vm1 --to vm2
// expect: 15:no-eret:error
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08

    bl load_regime
    isb
    eret

load_regime:
    bl load_vttbr                   // X30 of the caller is lost here
    ldr x0, [x20, #C_HCR]
    msr hcr_el2, x0
    ret

load_vttbr:
    ldr x1, [x20, #C_VTTBR]
    msr vttbr_el2, x1
    ret
