// State the hypervisor emulates or switches only on use (src/hyp/context-state.ts EMULATED and LAZY). In: x19 = the context,
// x21 = ESR_EL2 (vectors.S el2_lower_sync).

// EC 0x18, an MSR/MRS trapped to EL2. CNTHCTL_EL2.EL1PCEN = 0 (boot.S hyp_traps_init) traps every EL0/EL1 access to
// the EL1 physical timer, which is emulated on the context's own CTL and CVAL (C_CNTP_CTL_EL0, C_CNTP_CVAL_EL0) —
// KVM's approach: the switch never touches the physical timer. Anything else trapped is denied, as before.
// The emulated timer never interrupts (the hypervisor delivers no interrupt to a context); ISTATUS and TVAL are
// computed from the physical count at EL2 (ARM §D11.2.4: condition met when CNTPCT - CVAL >= 0, unsigned).
sysreg_trap:
    // ISS (ARM §D24.2.46, EC 0x18): Op0[21:20] Op2[19:17] Op1[16:14] CRn[13:10] Rt[9:5] CRm[4:1] Dir[0] (1 = read)
    stored_dispatch           // MDSCR_EL1, PMUSERENR_EL0: the context's copy (context.S, stored_access below)
    mov x0, #(CNTP_ISS_MASK & 0xffff)
    movk x0, #(CNTP_ISS_MASK >> 16), lsl #16
    and x0, x21, x0
    mov x1, #(CNTP_ISS & 0xffff)
    movk x1, #(CNTP_ISS >> 16), lsl #16
    cmp x0, x1
    b.ne abort_entry          // not the physical timer: denied
    ubfx x3, x21, #ISS_SYS_OP2_SHIFT, #3  // Op2: 0 TVAL, 1 CTL, 2 CVAL
    cmp x3, #2
    b.hi abort_entry
    // under HCR_EL2.TGE an EL0 access that the context's own CNTKCTL_EL1.EL0PTEN refuses is routed here too: denied
    mrs x0, spsr_el2
    tst x0, #SPSR_M_EL        // SPSR_EL2.M[3:2]: the EL it came from
    b.ne 1f
    mrs x0, cntkctl_el1
    tbz x0, #CNTKCTL_EL0PTEN_BIT, abort_entry  // CNTKCTL_EL1.EL0PTEN = 0
1:  ubfx x4, x21, #ISS_SYS_RT_SHIFT, #5  // Rt (31: XZR)
    add x7, x19, x4, lsl #3   // its slot is [x7, #C_GPR]
    ldr x5, [x19, #C_CNTP_CVAL_EL0]
    ldr x6, [x19, #C_CNTP_CTL_EL0]
    mrs x8, cntpct_el0        // the physical count now
    tbz x21, #ISS_SYS_DIR_BIT, 4f  // Dir = 0: MSR
    // MRS: TVAL = (CVAL - count)[31:0] (bits 63:32 RES0); CTL = IMASK, ENABLE and ISTATUS; CVAL
    sub x0, x5, x8
    mov w0, w0
    cmp x3, #1
    b.ne 2f
    mov x0, x6
    tbz x6, #0, 2f            // ISTATUS reads 0 while ENABLE = 0 (as QEMU)
    cmp x8, x5
    b.lo 2f
    orr x0, x0, #4            // CNTP_CTL_EL0.ISTATUS
2:  cmp x3, #2
    csel x0, x5, x0, eq
    cmp x4, #31
    b.eq 6f
    str x0, [x7, #C_GPR]
    b 6f
    // MSR: TVAL sets CVAL = count + SignExtend(TimerValue[31:0]); CTL keeps ENABLE and IMASK; CVAL all 64 bits
4:  mov x0, xzr
    cmp x4, #31
    b.eq 5f
    ldr x0, [x7, #C_GPR]
5:  sxtw x1, w0
    add x1, x8, x1
    and x2, x0, #3
    cmp x3, #1
    csel x1, x0, x1, hi       // CVAL: the value; TVAL: count + TimerValue
    b.eq 7f
    str x1, [x19, #C_CNTP_CVAL_EL0]
    b 6f
7:  str x2, [x19, #C_CNTP_CTL_EL0]
6:
sysreg_done:
    mrs x0, elr_el2           // resume after the instruction
    add x0, x0, #4
    msr elr_el2, x0
    b resume

// A STORED register (context-state.ts), x2 = its slot's offset in the entry: MRS reads the context's copy into Rt,
// MSR writes Rt into it (Rt 31: XZR, reads nothing, writes 0) — KVM's trap_debug_regs, the copy never loaded.
stored_access:
    ubfx x4, x21, #ISS_SYS_RT_SHIFT, #5  // Rt
    add x7, x19, x4, lsl #3   // its slot is [x7, #C_GPR]
    tbz x21, #ISS_SYS_DIR_BIT, 1f  // Dir = 0: MSR
    cmp x4, #31
    b.eq sysreg_done
    ldr x0, [x19, x2]
    str x0, [x7, #C_GPR]
    b sysreg_done
1:  mov x0, xzr
    cmp x4, #31
    b.eq 2f
    ldr x0, [x7, #C_GPR]
2:  str x0, [x19, x2]
    b sysreg_done

// EC 0x07: an FP/SIMD instruction or an FPCR/FPSR access of a context that does not own the V registers, trapped by
// CPTR_EL2.TFP (context-state.ts LAZY; KVM's kvm_hyp_handle_fpsimd): save the owner's V0–V31, FPCR and FPSR into its
// entry, load this context's, make it the owner with TFP clear, and re-execute the instruction (ELR_EL2 unchanged).
// The switch sets TFP again for any other context (switch.S).
fp_trap:
    mrs x0, cptr_el2
    bic x0, x0, #CPTR_TFP     // EL2's own FP/SIMD accesses below are trapped by TFP too (ARM §D24.2.31 CPTR_EL2.TFP)
    msr cptr_el2, x0
    isb                       // the write must be seen by the accesses that follow (a context synchronization event)
    adr x1, fp_owner
    ldr x2, [x1]
    cbz x2, 1f                // no owner yet: nothing to save
    add x3, x2, #C_V
    stp q0, q1, [x3], #32
    stp q2, q3, [x3], #32
    stp q4, q5, [x3], #32
    stp q6, q7, [x3], #32
    stp q8, q9, [x3], #32
    stp q10, q11, [x3], #32
    stp q12, q13, [x3], #32
    stp q14, q15, [x3], #32
    stp q16, q17, [x3], #32
    stp q18, q19, [x3], #32
    stp q20, q21, [x3], #32
    stp q22, q23, [x3], #32
    stp q24, q25, [x3], #32
    stp q26, q27, [x3], #32
    stp q28, q29, [x3], #32
    stp q30, q31, [x3], #32
    mrs x4, fpcr
    mrs x5, fpsr
    stp x4, x5, [x3]          // C_FPCR, C_FPSR follow C_V
1:  add x3, x19, #C_V
    ldp q0, q1, [x3], #32
    ldp q2, q3, [x3], #32
    ldp q4, q5, [x3], #32
    ldp q6, q7, [x3], #32
    ldp q8, q9, [x3], #32
    ldp q10, q11, [x3], #32
    ldp q12, q13, [x3], #32
    ldp q14, q15, [x3], #32
    ldp q16, q17, [x3], #32
    ldp q18, q19, [x3], #32
    ldp q20, q21, [x3], #32
    ldp q22, q23, [x3], #32
    ldp q24, q25, [x3], #32
    ldp q26, q27, [x3], #32
    ldp q28, q29, [x3], #32
    ldp q30, q31, [x3], #32
    ldp x4, x5, [x3]
    msr fpcr, x4
    msr fpsr, x5
    str x19, [x1]
    b resume
