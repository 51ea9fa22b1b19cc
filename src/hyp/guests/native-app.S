// A native application at EL0 (stage 2 off under the el1-shim hosting): it logs where it runs, writes and
// reads back memory at its own VAs (above 2^44 in scenarios/seed.yaml), ticks three times and exits.
// Calls: SVC #0 with X0 = function (0 yield, 1 putc, 2 exit, 3 log), X1 = argument.
    .text
    .global _start
_start:
    adr x19, _start
    mov x0, #3                // log the VA this code runs at
    mov x1, x19
    svc #0
    add x20, x19, #0x8000
    ldr x21, =0x0123456789abcdef
    str x21, [x20]
    ldr x22, [x20]
    cmp x21, x22
    b.ne fail
    mov x0, #3                // log the VA just written and read back
    mov x1, x20
    svc #0
    adr x2, msg_ok
    bl puts
    mov x23, #0
1:  adr x2, msg_tick
    bl puts
    mov x0, #0                // yield
    svc #0
    add x23, x23, #1
    cmp x23, #3
    b.lo 1b
    mov x0, #2                // exit 0
    mov x1, #0
    svc #0
fail:
    adr x2, msg_bad
    bl puts
    mov x0, #2
    mov x1, #1
    svc #0
puts:
    ldrb w1, [x2], #1
    cbz w1, 2f
    mov x0, #1
    svc #0
    b puts
2:  ret
msg_ok:   .asciz "native app: wrote and read back its memory\n"
msg_tick: .asciz "native app: tick\n"
msg_bad:  .asciz "native app: read back a different value\n"
    .ltorg
