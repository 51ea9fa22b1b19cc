// Correct: waits a fixed number of iterations (a counted loop, as for a watchdog or a hardware settling time)
// before loading the incoming regime from the context table.
// check: --from vm2 --to vm1
// expect: none
// check: --from vm1 --to app
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08

    mov x5, #200
1:  subs x5, x5, #1
    b.ne 1b
    ldp x0, x1, [x20, #C_HCR]
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    eret
