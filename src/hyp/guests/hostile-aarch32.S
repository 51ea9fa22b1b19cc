// A hostile VM (EL1, MMU off) that returns to AArch32 EL0: SPSR_EL1.M = 0b10000 (User, A32) and ERET. The model
// executes A64 only and says so (ID_AA64PFR0_EL1.EL0 = 0b0001), so the return is illegal (J1.3
// IllegalExceptionReturn): PSTATE.IL = 1 at EL1, and this VM's own vector takes EC 0x0E (+0x200). It logs ESR_EL1 and
// ELR_EL1 and exits 0; the machine and the other contexts never notice. (QEMU's A57 would run the A32 code.)
// Calls: HVC #0, X0 = function (2 exit, 3 log), X1 = argument.
    .include "el1-vectors.inc"
    .text
    .global _start
_start:
    mov x0, #0x10             // AArch32 User mode, A32, interrupts unmasked
    msr spsr_el1, x0
    adr x0, vectors
    msr vbar_el1, x0
    adr x0, a32_code
    msr elr_el1, x0
    eret
    .balign 4
a32_code:
    .word 0xef000000          // A32: svc #0 (never executed)

// EL1 vectors: +0x200 (current EL, SP_EL1) is where the illegal return lands; anything else exits 1.
    .balign 2048
vectors:
    vec4 other                // current EL, SP_EL0
    vec illegal               // +0x200: current EL, SP_EL1, sync
    vec other
    vec other
    vec other
    vec4 other                // lower EL, AArch64
    vec4 other                // lower EL, AArch32
illegal:
    mov x0, #3
    mrs x1, esr_el1
    hvc #0
    mov x0, #3
    mrs x1, elr_el1
    hvc #0
    mov x0, #2                // exit 0
    mov x1, #0
    hvc #0
other:
    mov x0, #3
    mrs x1, esr_el1
    hvc #0
    mov x0, #2                // exit 1
    mov x1, #1
    hvc #0
