// A hostile VM (EL1, MMU off) that tries to end the whole run and to print as someone else: semihosting SYS_WRITE0 of
// a line that looks like the hypervisor's, semihosting SYS_EXIT, then PSCI SYSTEM_OFF by SMC. A hypervisor image runs
// without semihosting, so each HLT #0xF000 is UNDEFINED and taken by this VM's own EL1 vector (EC 0x00), which logs
// ESR_EL1 and steps over it; HCR_EL2.TSC traps the SMC to the hypervisor, which denies it and stops this VM. The
// others run on. Calls: HVC #0, X0 = function (3 log), X1 = argument.
    .include "el1-vectors.inc"
    .text
    .global _start
_start:
    adr x0, vectors
    msr vbar_el1, x0
    adr x0, stack_top
    mov sp, x0
    mov x0, #0x04             // SYS_WRITE0
    adr x1, fake_line
    hlt #0xf000
    mov x0, #0x18             // SYS_EXIT {ADP_Stopped_ApplicationExit, 0}
    adr x1, exit_block
    hlt #0xf000
    mov x0, #3                // still here: log it
    mov x1, #0x5711
    hvc #0
    ldr x0, =0x84000008       // PSCI SYSTEM_OFF
    smc #0
    mov x0, #3                // never reached: the hypervisor stopped this VM at the SMC
    mov x1, #0xbad
    hvc #0
    b .

// EL1 vectors: every synchronous exception logs ESR_EL1 and returns past the instruction that caused it.
    .balign 2048
vectors:
    vec4 sync
    vec4 sync
    vec4 sync
    vec4 sync
sync:
    stp x0, x1, [sp, #-16]!
    mov x0, #3
    mrs x1, esr_el1
    hvc #0
    mrs x0, elr_el1
    add x0, x0, #4
    msr elr_el1, x0
    ldp x0, x1, [sp], #16
    eret

    .balign 8
exit_block:
    .quad 0x20026, 0          // ADP_Stopped_ApplicationExit, status 0
fake_line:
    .asciz "[hyp] all contexts finished; denied accesses: 0x0000000000000000\n"
    .balign 16
    .space 256
stack_top:
    .ltorg
