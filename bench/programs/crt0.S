// Start-up of the benchmark programs, bare metal at EL2 on the virt board (QEMU -kernel ELF and twostage boot start
// here with the MMU off): a stack, BSS zeroed, main(), then semihosting SYS_EXIT with ADP_Stopped_ApplicationExit
// and main's return value as the exit status.
        .section .text.start, "ax"
        .global _start
_start: ldr     x0, =__stack_top
        mov     sp, x0
        ldr     x0, =__bss_start
        ldr     x1, =__bss_end
1:      cmp     x0, x1
        b.hs    2f
        str     xzr, [x0], #8
        b       1b
2:      bl      main
        sub     sp, sp, #16
        ldr     x1, =0x20026            // ADP_Stopped_ApplicationExit
        stp     x1, x0, [sp]            // {reason, subcode}
        mov     x1, sp
        mov     x0, #0x18               // SYS_EXIT
        hlt     #0xf000
3:      b       3b
