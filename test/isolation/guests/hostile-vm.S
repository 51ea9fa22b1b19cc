// A hostile VM of the isolation campaign (test/isolation), at EL1 with stage 1 off (every data access Device-nGnRnE,
// VA == IPA): EL1 vectors that step over every exception it takes itself (so the program runs on after a fault it
// caused), its registers from INIT_REGS, then the case's program. hostile-vm-s1.S turns its own stage 1 on first.
    .include "hostile-layout.inc"
    .text
    .global _start
_start:
    adr x0, vectors
    msr vbar_el1, x0
    isb
    .include "hostile-start.inc"
    .include "hostile-vectors.inc"
