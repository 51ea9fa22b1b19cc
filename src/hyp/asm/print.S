// UART output (PL011 data register; EL2 runs with its MMU off, so this is a Device access).
// putc: W0 → UART (clobbers x9). puts: X0 = NUL-terminated string (clobbers x0, x9–x11).
// puthex: X0 as 0x + 16 hex digits (clobbers x0, x9–x13). put_prefix: "[name] " for X0 = name.
putc:
    mov x9, #UART_DR
    str w0, [x9]
    ret

putnl:
    mov x0, #10
    b putc

puts:
    mov x10, x0
    mov x11, x30
1:  ldrb w0, [x10], #1
    cbz w0, 2f
    bl putc
    b 1b
2:  mov x30, x11
    ret

puthex:
    mov x12, x0
    mov x11, x30
    mov x0, #0x30             // '0'
    bl putc
    mov x0, #0x78             // 'x'
    bl putc
    mov x13, #60
1:  lsr x0, x12, x13
    and x0, x0, #15
    cmp x0, #10
    b.lo 2f
    add x0, x0, #0x27         // 'a' - '0' - 10
2:  add x0, x0, #0x30
    bl putc
    subs x13, x13, #4
    b.pl 1b
    mov x30, x11
    ret

put_prefix:
    stp x29, x30, [sp, #-16]!
    mov x14, x0
    mov x0, #0x5b             // '['
    bl putc
    mov x0, x14
    bl puts
    mov x0, #0x5d             // ']'
    bl putc
    mov x0, #0x20
    bl putc
    ldp x29, x30, [sp], #16
    ret

// A character from context x19: lines are prefixed with the context's name.
guest_putc:
    stp x29, x30, [sp, #-16]!
    mov x15, x0
    adr x1, line_start
    ldr x2, [x1]
    cbz x2, 1f
    ldr x0, [x19, #C_NAME]
    bl put_prefix
1:  mov x0, x15
    bl putc
    cmp x15, #10
    cset x2, eq
    adr x1, line_start
    str x2, [x1]
    ldp x29, x30, [sp], #16
    ret
