// Correct, but longer than the checker's default bound: a settling delay of 30000 iterations before the switch.
// The exploration stops at --max-steps and says so (no proof, exit status 3); with the bound raised it proves the
// switch.
// check: --from vm1 --to vm2
// expect: 13:not-proven:warning
// status: 3
// check: --from vm1 --to vm2 --max-steps 100000
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08

    ldr x5, =30000
1:  subs x5, x5, #1
    b.ne 1b
    ldp x0, x1, [x20, #C_HCR]
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    eret
    .ltorg
