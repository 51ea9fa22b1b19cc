// A hostile VM of the isolation campaign (test/isolation) with its own stage 1: an identity map of its whole 40-bit
// VA space in 1 GiB blocks of Normal write-back memory at TABLES (L0[0], L0[1] → two L1 tables; the campaign writes
// them), so that every IPA its stage 2 does not map is one load away; the program may rewrite them. Then as
// hostile-vm.S.
    .include "hostile-layout.inc"
    .text
    .global _start
_start:
    adr x0, vectors
    msr vbar_el1, x0
    adr x1, _start + TABLES   // L0, written by the campaign with the L1 tables after it (shape.ts stage1Tables)
    mov x0, #0xff             // MAIR_EL1.Attr0: Normal write-back
    msr mair_el1, x0
    ldr x0, =0x0000000400803518 // TCR_EL1: T0SZ = 24 (40-bit VA), 4K, write-back inner-shareable walks, EPD1, IPS 44 bits
    msr tcr_el1, x0
    msr ttbr0_el1, x1
    dsb ishst
    tlbi vmalle1
    dsb nsh
    isb
    mrs x0, sctlr_el1
    mov x1, #0x1005           // SCTLR_EL1.M, C, I
    orr x0, x0, x1
    msr sctlr_el1, x0
    isb
    .include "hostile-start.inc"
    .ltorg
    .include "hostile-vectors.inc"
