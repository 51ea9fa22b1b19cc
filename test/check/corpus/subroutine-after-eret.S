// Correct: the stage-2 load is a subroutine placed after the ERET, called before it; the flush of the incoming
// VMID follows the call (ISB first, so the TLBI selects the new VMID). Program order puts the VTTBR_EL2 write after
// the TLBI and the ERET; the path does not.
// check: --from vm1 --to vm2
// expect: none
// check: --from vm1 --to app --scenario test/check/corpus/flush.yaml
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_VTCR, 0x10

    dsb ishst
    bl load_stage2
    isb
    tlbi vmalls12e1
    dsb nsh
    ldr x0, [x20, #C_HCR]
    msr hcr_el2, x0
    isb
    eret

load_stage2:
    ldr x0, [x20, #C_VTCR]
    msr vtcr_el2, x0
    ldr x0, [x20, #C_VTTBR]
    msr vttbr_el2, x0
    ret
