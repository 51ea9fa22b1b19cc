// loop-mmu.S: the CPU benchmark of loop.S with the MMU on, at EL1 under stage 1 + stage 2. The EL2 start code
// builds an identity stage 2 (VTCR_EL2: 4K granule, 40-bit IPA, start level 1 with two concatenated root tables,
// 1 GiB blocks: Device below 1 GiB, Normal write-back above) and an identity stage 1 for EL1 (TCR_EL1: 4K, 39-bit
// VA, start level 1; 4 KiB pages: the 2 MiB of RAM holding the code and CELL as Normal write-back, the PL011 page as
// Device-nGnRnE), enables HCR_EL2.VM, and drops to EL1h with SCTLR_EL1.M = 1 to run loop-body.inc: the same
// loop, the same checksums, semihosting exit from EL1. `npm run bench` (bench/cpu.ts) compares it with loop.S.
// Build: scripts/build-examples.sh (also a 1,000-iteration copy for the tests, --defsym ITERATIONS=1000).

        .equ    TABLES, 0x40200000              // 7 zeroed 4 KiB tables, outside what stage 1 maps
        .equ    S2_ROOT, TABLES                 // stage-2 level 1: two concatenated tables (8 KiB, 8 KiB aligned)
        .equ    S1_L1, TABLES + 0x2000
        .equ    S1_L2_IO, TABLES + 0x3000       // VA 0 .. 1 GiB
        .equ    S1_L3_IO, TABLES + 0x4000       // VA 0x0900_0000 .. +2 MiB
        .equ    S1_L2_RAM, TABLES + 0x5000      // VA 1 GiB .. 2 GiB
        .equ    S1_L3_RAM, TABLES + 0x6000      // VA 0x4000_0000 .. +2 MiB: code (0x4008_0000) and CELL (0x4010_0000)
        .equ    TABLES_END, TABLES + 0x7000
        .equ    RAM, 0x40000000
        .equ    UART, 0x09000000

        // descriptor bits (ARM §D8.3): [1:0] 11 table/page, 01 block; AF [10]; SH [9:8]
        .equ    TABLE, 3
        .equ    PAGE, 3
        .equ    BLOCK, 1
        .equ    AF, 1 << 10
        .equ    SH_INNER, 3 << 8
        .equ    S1_NORMAL, 0 << 2               // stage 1 AttrIndx 0: MAIR_EL1.Attr0, AP[2:1] = 00 (EL1 read/write)
        .equ    S1_DEVICE, 1 << 2               // AttrIndx 1: MAIR_EL1.Attr1
        .equ    S1_XN, 3 << 53                  // PXN and UXN
        .equ    S2_NORMAL, 0xf << 2             // stage-2 MemAttr 1111: Normal, write-back (inner and outer)
        .equ    S2_DEVICE, 0 << 2               // MemAttr 0000: Device-nGnRnE
        .equ    S2AP_RW, 3 << 6
        .equ    S2_XN, 1 << 54

        // TCR_EL1: T0SZ 25 (39-bit VA), IRGN0/ORGN0 01 (write-back), SH0 11, TG0 00 (4K), EPD1, IPS 010 (40 bits)
        .equ    TCR, 25 | (1 << 8) | (1 << 10) | (3 << 12) | (1 << 23) | (2 << 32)
        // VTCR_EL2: T0SZ 24 (40-bit IPA), SL0 01 (start at level 1), IRGN0/ORGN0 01, SH0 11, TG0 00, PS 010, RES1 [31]
        .equ    VTCR, 24 | (1 << 6) | (1 << 8) | (1 << 10) | (3 << 12) | (2 << 16) | (1 << 31)
        .equ    VMID, 1
        .equ    MAIR, 0xff                      // Attr0 Normal write-back read/write-allocate, Attr1 Device-nGnRnE
        .equ    HCR, (1 << 31) | 1              // HCR_EL2.RW (EL1 is AArch64), VM (stage 2 on)
        // SCTLR_EL1: RES1 bits 29, 28, 23, 22, 20, 11, plus I, C and M
        .equ    SCTLR, 0x30d00800 | (1 << 12) | (1 << 2) | 1
        .equ    SPSR_EL1H, 0x3c5                // EL1h, DAIF masked

        .text
        .global _start
_start:                                         // EL2, MMU off
        ldr     x0, =TABLES                     // zero the tables
        ldr     x1, =TABLES_END
1:      stp     xzr, xzr, [x0], #16
        cmp     x0, x1
        b.ne    1b

        // stage 2: IPA 0 .. 1 GiB Device (the UART), 1 .. 2 GiB Normal (RAM), identity
        ldr     x0, =S2_ROOT
        ldr     x1, =(0 | BLOCK | AF | S2AP_RW | S2_DEVICE | S2_XN)
        str     x1, [x0, #0 * 8]
        ldr     x1, =(RAM | BLOCK | AF | SH_INNER | S2AP_RW | S2_NORMAL)
        str     x1, [x0, #1 * 8]

        // stage 1: L1[0] -> L2_IO, L1[1] -> L2_RAM
        ldr     x0, =S1_L1
        ldr     x1, =(S1_L2_IO | TABLE)
        str     x1, [x0, #0 * 8]
        ldr     x1, =(S1_L2_RAM | TABLE)
        str     x1, [x0, #1 * 8]
        // the UART page: L2_IO[UART >> 21] -> L3_IO, L3_IO[0] = UART, Device, execute-never
        ldr     x0, =S1_L2_IO
        ldr     x1, =(S1_L3_IO | TABLE)
        str     x1, [x0, #(UART >> 21) * 8]
        ldr     x0, =S1_L3_IO
        ldr     x1, =(UART | PAGE | AF | S1_DEVICE | S1_XN)
        str     x1, [x0]
        // RAM 0x4000_0000 .. +2 MiB: L2_RAM[0] -> L3_RAM, 512 Normal 4 KiB pages
        ldr     x0, =S1_L2_RAM
        ldr     x1, =(S1_L3_RAM | TABLE)
        str     x1, [x0]
        ldr     x0, =S1_L3_RAM
        ldr     x1, =(RAM | PAGE | AF | SH_INNER | S1_NORMAL)
        movz    x2, #512
2:      str     x1, [x0], #8
        add     x1, x1, #0x1000
        subs    x2, x2, #1
        b.ne    2b
        dsb     ish                             // the tables are written before any walk reads them

        ldr     x0, =MAIR
        msr     mair_el1, x0
        ldr     x0, =TCR
        msr     tcr_el1, x0
        ldr     x0, =S1_L1
        msr     ttbr0_el1, x0                   // ASID 0
        ldr     x0, =VTCR
        msr     vtcr_el2, x0
        ldr     x0, =(S2_ROOT | (VMID << 48))
        msr     vttbr_el2, x0
        ldr     x0, =HCR
        msr     hcr_el2, x0
        isb
        tlbi    alle1                           // nothing stale from before reset, for any VMID
        dsb     ish
        ldr     x0, =SCTLR
        msr     sctlr_el1, x0
        ldr     x0, =SPSR_EL1H
        msr     spsr_el2, x0
        adr     x0, el1_entry
        msr     elr_el2, x0
        eret                                    // to EL1 with the MMU on (ERET is context synchronizing)

        .ltorg

el1_entry:
        .include "loop-body.inc"
