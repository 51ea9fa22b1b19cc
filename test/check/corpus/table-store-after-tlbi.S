// Subtly wrong: it revokes the target's first stage-2 table (stores an invalid root entry) after the TLBI and its
// DSB, with no DSB after the store: the ISB and the ERET do not complete a store for the table walker, so the target
// may still be translated through the old entry (and a walk may cache it again after the TLBI).
// check: --from app --to vm2 --scenario test/check/corpus/flush.yaml
// expect: 18:table-store-incomplete:error 15:tlbi-no-prior-dsb:warning
// static: 15:tlbi-no-prior-dsb:warning
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08

    ldp x0, x1, [x20, #C_HCR]
    and x2, x1, #0x0000fffffffffffe     // VTTBR_EL2.BADDR: the root of the target's stage 2
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    tlbi vmalls12e1
    dsb nsh
    // revoke: the root entry that maps the target's memory becomes invalid
    str xzr, [x2]
    isb
    eret
