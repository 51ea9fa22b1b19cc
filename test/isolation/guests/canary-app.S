// A canary native app of the isolation campaign: canary-body.inc with SVC calls, TPIDR_EL0 holding a canary value.
    .macro call
    svc #0
    .endm
    .macro own_registers
    msr tpidr_el0, x2
    .endm
    .include "canary-body.inc"
