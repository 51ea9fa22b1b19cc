// State the hypervisor traps instead of switching (src/hyp/context-state.ts EMULATED and LAZY). In: x19 = the context,
// x21 = ESR_EL2 (vectors.S el2_lower_sync).

// EC 0x18, an MSR/MRS trapped to EL2. CNTHCTL_EL2.EL1PCEN = 0 (boot.S hyp_traps_init) traps every EL0/EL1 access to
// the EL1 physical timer, which is emulated on the context's own CTL and CVAL (C_CNTP_CTL_EL0, C_CNTP_CVAL_EL0) —
// KVM's approach: the switch never touches the physical timer. Anything else trapped is denied, as before.
// The emulated timer never interrupts (the hypervisor delivers no interrupt to a context); ISTATUS and TVAL are
// computed from the physical count at EL2 (ARM §D11.2.4: condition met when CNTPCT - CVAL >= 0, unsigned).
sysreg_trap:
    // ISS (ARM §D24.2.46, EC 0x18): Op0[21:20] Op2[19:17] Op1[16:14] CRn[13:10] Rt[9:5] CRm[4:1] Dir[0] (1 = read)
    mov x0, #(CNTP_ISS_MASK & 0xffff)
    movk x0, #(CNTP_ISS_MASK >> 16), lsl #16
    and x0, x21, x0
    mov x1, #(CNTP_ISS & 0xffff)
    movk x1, #(CNTP_ISS >> 16), lsl #16
    cmp x0, x1
    b.ne abort_entry          // not the physical timer: denied
    ubfx x3, x21, #17, #3     // Op2: 0 TVAL, 1 CTL, 2 CVAL
    cmp x3, #2
    b.hi abort_entry
    // under HCR_EL2.TGE an EL0 access that the context's own CNTKCTL_EL1.EL0PTEN refuses is routed here too: denied
    mrs x0, spsr_el2
    tst x0, #0xc              // SPSR_EL2.M[3:2]: the EL it came from
    b.ne 1f
    mrs x0, cntkctl_el1
    tbz x0, #9, abort_entry   // CNTKCTL_EL1.EL0PTEN = 0
1:  ubfx x4, x21, #5, #5      // Rt (31: XZR)
    add x7, x19, x4, lsl #3   // its slot is [x7, #C_GPR]
    ldr x5, [x19, #C_CNTP_CVAL_EL0]
    ldr x6, [x19, #C_CNTP_CTL_EL0]
    mrs x8, cntpct_el0        // the physical count now
    tbz x21, #0, 4f           // Dir = 0: MSR
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
6:  mrs x0, elr_el2           // resume after the instruction
    add x0, x0, #4
    msr elr_el2, x0
    b resume

// EC 0x07: an FP/SIMD instruction or an FPCR/FPSR access, trapped by CPTR_EL2.TFP for every context (boot.S). The CPU
// does not execute FP/SIMD yet, so the access is denied. This is where the lazy FP switch goes when it does (KVM's
// kvm_hyp_handle_fpsimd): save the V registers, FPCR and FPSR of the context that owns them into its entry, load this
// context's, clear CPTR_EL2.TFP, note the owner and resume; the switch then sets TFP again whenever the incoming
// context is not the owner (context-state.ts LAZY).
fp_trap:
    b abort_entry
