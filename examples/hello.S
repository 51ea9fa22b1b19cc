// hello.S: the smallest twostage/QEMU program. It starts at EL2 (QEMU -M virt,virtualization=on starts a
// bare ELF there), prints "Hello from EL<n>" over the PL011 UART with <n> read from CurrentEL, and exits
// with status 0 through semihosting. Same bytes, same exit status on twostage and on QEMU:
//   twostage boot examples/hello.elf
//   qemu-system-aarch64 -M virt,virtualization=on -cpu cortex-a57 -nographic -semihosting -kernel examples/hello.elf
// Build: scripts/build-examples.sh (GNU as + ld, linked at 0x40080000).

        .equ    UART_DR, 0x09000000             // PL011 data register (QEMU virt memory map)
        .equ    SYS_EXIT, 0x18                  // semihosting operation number, in W0
        .equ    ADP_Stopped_ApplicationExit, 0x20026

        .text
        .global _start
_start:
        movz    x1, #(UART_DR >> 16), lsl #16   // x1 = &UARTDR
        adr     x2, greeting
        bl      puts                            // "Hello from EL"
        mrs     x0, CurrentEL                   // CurrentEL.EL is bits [3:2]: 0x8 at EL2
        adr     x2, el_digits
        ldrb    w3, [x2, x0]                    // '0' '1' '2' '3' sit at offsets 0, 4, 8, 12
        strb    w3, [x1]
        movz    w3, #'\n'
        strb    w3, [x1]
        movz    x0, #SYS_EXIT
        adr     x1, exit_block                  // AArch64 SYS_EXIT takes X1 -> {reason, subcode}
        hlt     #0xf000                         // semihosting call
1:      b       1b                              // not reached

// puts: write the NUL-terminated string at x2 to the UART at x1. Clobbers w3, x2.
puts:
        ldrb    w3, [x2]
        cbz     w3, 2f
        strb    w3, [x1]
        add     x2, x2, #1
        b       puts
2:      ret

greeting:
        .asciz  "Hello from EL"
el_digits:
        .ascii  "0...1...2...3..."
        .balign 8
exit_block:
        .quad   ADP_Stopped_ApplicationExit     // reason
        .quad   0                               // subcode: the exit status
