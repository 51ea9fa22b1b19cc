// loop.S: the CPU benchmark. 25,000,000 iterations of an 8-instruction loop of loads, stores, ALU and a
// conditional branch, at EL2 with the MMU off, then the two accumulators in hex on the PL011 (so twostage
// and QEMU can be checked to agree) and semihosting exit 0. Run by `npm run bench` (bench/cpu.ts).
// Build: scripts/build-examples.sh.

        .equ    ITERATIONS, 25000000
        .equ    UART_DR, 0x09000000
        .equ    CELL, 0x40100000                // a RAM doubleword away from the code's 4 KiB pages

        .text
        .global _start
_start:
        movz    x0, #(ITERATIONS & 0xffff)
        movk    x0, #(ITERATIONS >> 16), lsl #16
        movz    x1, #(CELL >> 16), lsl #16
        movz    x3, #0x9e37                     // increment
        movz    x5, #0
        movz    x6, #0
loop:
        ldr     x4, [x1]                        // load
        add     x4, x4, x3                      // ALU
        eor     x5, x5, x4
        str     x4, [x1]                        // store
        add     x6, x6, x5, lsr #3              // ALU, shifted operand
        and     x7, x6, #0xff0
        subs    x0, x0, #1                      // flags
        b.ne    loop                            // branch: 8 instructions per iteration

        movz    x1, #(UART_DR >> 16), lsl #16
        adr     x11, hex_digits
        mov     x8, x6
        bl      put_hex
        mov     x8, x7
        bl      put_hex
        movz    x0, #0x18                       // SYS_EXIT
        adr     x1, exit_block
        hlt     #0xf000
1:      b       1b

// put_hex: x8 as 16 hex digits and a newline on the UART at x1. Clobbers x8-x10, x12.
put_hex:
        movz    x12, #16
2:      lsr     x9, x8, #60
        ldrb    w10, [x11, x9]
        strb    w10, [x1]
        lsl     x8, x8, #4
        subs    x12, x12, #1
        b.ne    2b
        movz    w10, #'\n'
        strb    w10, [x1]
        ret

hex_digits:
        .ascii  "0123456789abcdef"
        .balign 8
exit_block:
        .quad   0x20026, 0                      // ADP_Stopped_ApplicationExit, status 0
