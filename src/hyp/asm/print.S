// UART output (PL011 data register; EL2 runs with its MMU off, so this is a Device access).
// putc: W0 → UART (clobbers x9). puts: X0 = NUL-terminated string (clobbers x0, x9–x11).
// puthex: X0 as 0x + 16 hex digits (clobbers x0, x9–x13).
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

// "[name] " for X0 = name, at the start of a line: a line a context left open is ended first, so no line holds the
// characters of two writers (clobbers x0, x1, x9–x11, x14).
put_prefix:
    stp x29, x30, [sp, #-16]!
    mov x14, x0
    bl line_begin
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

// Start a line of the hypervisor's own: end the line a context left open, if any (clobbers x0, x1, x9).
line_begin:
    adr x1, line_owner
    ldr x0, [x1]
    cbz x0, 1f
    str xzr, [x1]
    mov x0, #10
    b putc
1:  ret

// A character from context x19: a context's characters go on a line of its own, prefixed with its name — it opens
// one unless the open line is its own (line_owner: the context whose line is open, 0 at the start of a line).
guest_putc:
    stp x29, x30, [sp, #-16]!
    and x15, x0, #0xff        // the character the UART sends: UARTDR.DATA, bits [7:0] of the write (PL011 TRM 3.3.1)
    adr x1, line_owner
    ldr x2, [x1]
    cmp x2, x19
    b.eq 1f
    ldr x0, [x19, #C_NAME]
    bl put_prefix
    adr x1, line_owner
    str x19, [x1]
1:  mov x0, x15
    bl putc
    cmp x15, #10
    b.ne 2f
    adr x1, line_owner
    str xzr, [x1]
2:  ldp x29, x30, [sp], #16
    ret
