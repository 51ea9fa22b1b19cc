// A VM (EL1) that reads back, in sysreg-writer.S's order, every register that guest wrote and logs what it finds
// (scenarios/sysreg-leak.yaml): each must be its own — the context table's initial value, 0 for most — never the
// writer's. Its EL1 physical timer is the hypervisor's emulation of its own (CVAL 0, CTL 0). Then FPCR, FPSR and
// some V registers (its own: 0; the writer's are in the registers until its first FP/SIMD access traps). Then it
// yields once and exits 0. Calls: HVC #0, X0 = function (0 yield, 2 exit, 3 log), X1 = argument.
    .text
    .global _start

    // log what \reg holds
    .macro show reg
    mrs x1, \reg
    mov x0, #3
    hvc #0
    .endm

_start:
    show tpidr_el0
    show tpidrro_el0
    show tpidr_el1
    show contextidr_el1
    show par_el1
    show elr_el1
    show spsr_el1
    show esr_el1
    show far_el1
    show sp_el0
    show csselr_el1
    show cpacr_el1
    show cntkctl_el1
    show cntv_cval_el0
    show cntv_ctl_el0
    show cntp_cval_el0
    show cntp_ctl_el0
    show vbar_el1
    show mair_el1
    show ttbr1_el1
    show ttbr0_el1
    show tcr_el1
    show sctlr_el1
    mov x1, sp
    mov x0, #3
    hvc #0
    // its FP/SIMD state: FPEN opened by its own CPACR_EL1; the first access makes it the owner (lazy.S fp_trap), and
    // every register is its own: 0
    mov x1, #(3 << 20)
    msr cpacr_el1, x1
    isb
    show fpcr
    show fpsr
    fmov x1, d0
    mov x0, #3
    hvc #0
    fmov x1, v0.d[1]
    mov x0, #3
    hvc #0
    fmov x1, d17
    mov x0, #3
    hvc #0
    fmov x1, v31.d[1]
    mov x0, #3
    hvc #0
    mov x0, #0                           // yield
    hvc #0
    mov x0, #2                           // exit 0
    mov x1, #0
    hvc #0
    b .
