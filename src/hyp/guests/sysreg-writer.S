// A hostile VM (EL1, MMU off) for the register check of scenarios/sysreg-leak.yaml: it writes a value of its own into
// every system register EL1 can write — the ones the switch moves (context-state.ts SWITCHED) and the EL1 physical
// timer, which the hypervisor emulates — reads each back and logs it, fills FPCR, FPSR and V0–V31 with values of its
// own (its first FP/SIMD access traps to EL2, which makes it the owner of the V registers: lazy.S fp_trap), then yields
// three times so that the other contexts run over its values, checks that its V registers still hold its values
// (logging the first and the last) and exits 0.
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
    set fpcr, 0x07c00000                 // AHP, DN, FZ, RMode = 0b11 (the trap enables are RAZ/WI)
    set fpsr, 0x0800009f                 // QC and every cumulative flag
    ldr x1, =0x570100000000f000
    fmov d0, x1
    ldr x1, =0x570100000000f100
    fmov v0.d[1], x1
    ldr x1, =0x570100000000f001
    fmov d1, x1
    ldr x1, =0x570100000000f101
    fmov v1.d[1], x1
    ldr x1, =0x570100000000f002
    fmov d2, x1
    ldr x1, =0x570100000000f102
    fmov v2.d[1], x1
    ldr x1, =0x570100000000f003
    fmov d3, x1
    ldr x1, =0x570100000000f103
    fmov v3.d[1], x1
    ldr x1, =0x570100000000f004
    fmov d4, x1
    ldr x1, =0x570100000000f104
    fmov v4.d[1], x1
    ldr x1, =0x570100000000f005
    fmov d5, x1
    ldr x1, =0x570100000000f105
    fmov v5.d[1], x1
    ldr x1, =0x570100000000f006
    fmov d6, x1
    ldr x1, =0x570100000000f106
    fmov v6.d[1], x1
    ldr x1, =0x570100000000f007
    fmov d7, x1
    ldr x1, =0x570100000000f107
    fmov v7.d[1], x1
    ldr x1, =0x570100000000f008
    fmov d8, x1
    ldr x1, =0x570100000000f108
    fmov v8.d[1], x1
    ldr x1, =0x570100000000f009
    fmov d9, x1
    ldr x1, =0x570100000000f109
    fmov v9.d[1], x1
    ldr x1, =0x570100000000f00a
    fmov d10, x1
    ldr x1, =0x570100000000f10a
    fmov v10.d[1], x1
    ldr x1, =0x570100000000f00b
    fmov d11, x1
    ldr x1, =0x570100000000f10b
    fmov v11.d[1], x1
    ldr x1, =0x570100000000f00c
    fmov d12, x1
    ldr x1, =0x570100000000f10c
    fmov v12.d[1], x1
    ldr x1, =0x570100000000f00d
    fmov d13, x1
    ldr x1, =0x570100000000f10d
    fmov v13.d[1], x1
    ldr x1, =0x570100000000f00e
    fmov d14, x1
    ldr x1, =0x570100000000f10e
    fmov v14.d[1], x1
    ldr x1, =0x570100000000f00f
    fmov d15, x1
    ldr x1, =0x570100000000f10f
    fmov v15.d[1], x1
    ldr x1, =0x570100000000f010
    fmov d16, x1
    ldr x1, =0x570100000000f110
    fmov v16.d[1], x1
    ldr x1, =0x570100000000f011
    fmov d17, x1
    ldr x1, =0x570100000000f111
    fmov v17.d[1], x1
    ldr x1, =0x570100000000f012
    fmov d18, x1
    ldr x1, =0x570100000000f112
    fmov v18.d[1], x1
    ldr x1, =0x570100000000f013
    fmov d19, x1
    ldr x1, =0x570100000000f113
    fmov v19.d[1], x1
    ldr x1, =0x570100000000f014
    fmov d20, x1
    ldr x1, =0x570100000000f114
    fmov v20.d[1], x1
    ldr x1, =0x570100000000f015
    fmov d21, x1
    ldr x1, =0x570100000000f115
    fmov v21.d[1], x1
    ldr x1, =0x570100000000f016
    fmov d22, x1
    ldr x1, =0x570100000000f116
    fmov v22.d[1], x1
    ldr x1, =0x570100000000f017
    fmov d23, x1
    ldr x1, =0x570100000000f117
    fmov v23.d[1], x1
    ldr x1, =0x570100000000f018
    fmov d24, x1
    ldr x1, =0x570100000000f118
    fmov v24.d[1], x1
    ldr x1, =0x570100000000f019
    fmov d25, x1
    ldr x1, =0x570100000000f119
    fmov v25.d[1], x1
    ldr x1, =0x570100000000f01a
    fmov d26, x1
    ldr x1, =0x570100000000f11a
    fmov v26.d[1], x1
    ldr x1, =0x570100000000f01b
    fmov d27, x1
    ldr x1, =0x570100000000f11b
    fmov v27.d[1], x1
    ldr x1, =0x570100000000f01c
    fmov d28, x1
    ldr x1, =0x570100000000f11c
    fmov v28.d[1], x1
    ldr x1, =0x570100000000f01d
    fmov d29, x1
    ldr x1, =0x570100000000f11d
    fmov v29.d[1], x1
    ldr x1, =0x570100000000f01e
    fmov d30, x1
    ldr x1, =0x570100000000f11e
    fmov v30.d[1], x1
    ldr x1, =0x570100000000f01f
    fmov d31, x1
    ldr x1, =0x570100000000f11f
    fmov v31.d[1], x1
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
    fmov x1, d0                          // its own V0 and V31, after the others ran
    mov x0, #3
    hvc #0
    fmov x1, v31.d[1]
    mov x0, #3
    hvc #0
    mrs x1, fpcr
    mov x0, #3
    hvc #0
    mov x0, #2                           // exit 0
    mov x1, #0
    hvc #0
    b .
    .ltorg
