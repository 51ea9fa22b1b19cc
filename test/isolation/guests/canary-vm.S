// A canary VM of the isolation campaign: canary-body.inc with HVC calls, its EL1 registers holding canary values.
    .macro call
    hvc #0
    .endm
    .macro own_registers
    msr tpidr_el1, x2
    msr tpidr_el0, x3
    msr tpidrro_el0, x4
    msr contextidr_el1, x5
    msr par_el1, x6
    msr far_el1, x7
    msr elr_el1, x8
    msr sp_el0, x9
    msr ttbr0_el1, x10
    msr ttbr1_el1, x11
    msr cntv_cval_el0, x12
    msr mair_el1, x13
    .endm
    .include "canary-body.inc"
