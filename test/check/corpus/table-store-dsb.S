// Correct: it revokes the target's first stage-2 table (stores an invalid root entry), completes the store for the
// table walker with DSB ISHST, and only then invalidates the target's VMID (TLBI VMALLS12E1; DSB NSH; ISB): the
// sequence of ARCH-NOTES §10, STR; DSB ISHST; TLBI; DSB; ISB.
// check: --from app --to vm2 --scenario test/check/corpus/flush.yaml
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08

    ldp x0, x1, [x20, #C_HCR]
    and x2, x1, #0x0000fffffffffffe     // VTTBR_EL2.BADDR: the root of the target's stage 2
    // revoke: the root entry that maps the target's memory becomes invalid
    str xzr, [x2]
    dsb ishst
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    tlbi vmalls12e1
    dsb nsh
    isb
    eret
