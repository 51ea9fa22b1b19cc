// edge.S as a VM at EL1. It first turns on its own stage 1, an identity 2 MiB block of Normal memory: with the MMU
// off every data access is Device-nGnRnE and an unaligned one takes an Alignment fault before any translation. The
// block also maps the IPAs after its 64 KiB, so the probe's second page reaches stage 2, which must refuse it.
    .macro call
    hvc #0
    .endm
    .text
    .global _start
_start:
    adr x1, l1_table
    adr x2, l2_table
    orr x0, x2, #3            // L1[2] → L2 (VA 0x8000_0000: VA[38:30] = 2)
    str x0, [x1, #16]
    ldr x0, =0x80000701       // L2[0]: block VA 0x8000_0000 → IPA 0x8000_0000, AF, inner shareable, Attr0, EL1 RW
    str x0, [x2]
    mov x0, #0xff             // MAIR_EL1.Attr0 = Normal write-back
    msr mair_el1, x0
    ldr x0, =0x0000000400803519 // TCR_EL1: T0SZ = 25, 4K, WB inner-shareable walks, EPD1, IPS 44 bits
    msr tcr_el1, x0
    msr ttbr0_el1, x1
    dsb ishst
    tlbi vmalle1
    dsb nsh
    isb
    mrs x0, sctlr_el1
    orr x0, x0, #1            // SCTLR_EL1.M
    msr sctlr_el1, x0
    isb
    adr x20, _start
    mov x0, #0xffff           // its memory is 64 KiB from _start
    add x20, x20, x0
    .include "edge.S"
    .balign 4096
l1_table:
    .skip 4096
l2_table:
    .skip 4096
