// A hostile VM (EL1, MMU off) for the register check of scenarios/sysreg-leak.yaml: it writes a value of its own into
// every system register EL1 can write — the ones the switch moves (context-state.ts SWITCHED) and the EL1 physical
// timer, which the hypervisor emulates — reads each back and logs it, then yields three times so that the other
// contexts run over its values, and ends with an FPCR write, which CPTR_EL2.TFP traps to EL2 (denied: it is stopped).
// SCTLR_EL1 keeps M = 0, EE = 0 and E0E = 0, so its own execution is unaffected. Calls: HVC #0, X0 = function
// (0 yield, 3 log), X1 = argument.
    .text
    .global _start

    // write \val into \reg, read it back and log what it holds
    .macro set reg, val
    ldr x1, =\val
    msr \reg, x1
    mrs x1, \reg
    mov x0, #3
    hvc #0
    .endm

_start:
    set tpidr_el0, 0x5701000000000001
    set tpidrro_el0, 0x5701000000000002
    set tpidr_el1, 0x5701000000000003
    set contextidr_el1, 0x57010004
    set par_el1, 0x5701000000000005
    set elr_el1, 0x5701000000000006
    set spsr_el1, 0x20000005
    set esr_el1, 0x96000047
    set far_el1, 0x5701000000000008
    set sp_el0, 0x5701000000000009
    set csselr_el1, 0x2                  // level 2, data or unified
    set cpacr_el1, 0x10300000            // FPEN = 0b11, TTA = 1
    set cntkctl_el1, 0x303               // EL0PTEN, EL0VTEN, EL0VCTEN, EL0PCTEN
    set cntv_cval_el0, 0x570100000000000d
    set cntv_ctl_el0, 0x3                // ENABLE, IMASK
    set cntp_cval_el0, 0x10              // emulated by the hypervisor: long past, so ISTATUS reads 1
    set cntp_ctl_el0, 0x1                // ENABLE
    set vbar_el1, 0x5701000000000800
    set mair_el1, 0x570100000044ff04
    set ttbr1_el1, 0x5701000000011000
    set ttbr0_el1, 0x5701000000012000
    set tcr_el1, 0x00000005b5193519
    set sctlr_el1, 0x34d5ca38            // the reset value with UCI, UCT, DZE, UMA set; M = 0
    ldr x1, =0x5701000000000013          // its EL1 stack pointer (SP_EL1, never used as a stack here)
    mov sp, x1
    mov x1, sp
    mov x0, #3
    hvc #0
    mov x19, #3
1:  mov x0, #0                           // yield
    hvc #0
    subs x19, x19, #1
    b.ne 1b
    msr fpcr, x1                         // trapped by CPTR_EL2.TFP: denied
    b .
    .ltorg
