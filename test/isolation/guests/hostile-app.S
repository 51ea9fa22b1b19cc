// A hostile native app of the isolation campaign (test/isolation), at EL0: its registers from INIT_REGS, then the
// case's program. Its exceptions go to the hypervisor (through the EL1 shim, or directly under HCR_EL2.TGE).
    .include "hostile-layout.inc"
    .text
    .global _start
_start:
    .include "hostile-start.inc"
