// A hostile native app (EL0) for the register check of scenarios/sysreg-leak.yaml: it writes values of its own into
// what EL0 can write — TPIDR_EL0, NZCV, its stack pointer (SP_EL0) — logs them, yields three times so that the other
// contexts run over them, then exits 0. Calls: SVC #0, X0 = function (0 yield, 2 exit, 3 log), X1 = argument.
    .text
    .global _start
_start:
    ldr x1, =0x5702000000000001
    msr tpidr_el0, x1
    mrs x1, tpidr_el0
    mov x0, #3
    svc #0
    ldr x1, =0x5702000000000002          // its stack pointer (never used as a stack here)
    mov sp, x1
    mov x1, sp
    mov x0, #3
    svc #0
    mov x19, #3
1:  mov x1, #0xa0000000                  // N and C: the flags it yields with
    msr nzcv, x1
    mov x0, #0                           // yield
    svc #0
    mrs x1, nzcv
    mov x0, #3
    svc #0
    subs x19, x19, #1
    b.ne 1b
    mov x0, #2                           // exit 0
    mov x1, #0
    svc #0
    b .
    .ltorg
