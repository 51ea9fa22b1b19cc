// A hostile VM of the isolation campaign (test/isolation) whose program runs at its EL0: its EL1 (stage 1 off) sets
// up the vectors of hostile-vm.S and returns to EL0t at the program's start (SPSR_EL1 = 0: EL0t, DAIF clear). An SVC
// from EL0 reaches its EL1, which makes it the hypervisor's call (HVC #0, X0/X1 as the program set them): the exit
// call included; every other exception is stepped over by its EL1.
    .include "hostile-layout.inc"
    .text
    .global _start
_start:
    adr x0, vectors
    msr vbar_el1, x0
    adr x0, el0_start
    msr elr_el1, x0
    msr spsr_el1, xzr
    isb
    eret
el0_start:
    .include "hostile-start.inc"
    .include "hostile-vectors.inc"
