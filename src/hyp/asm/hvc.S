// The hypervisor call interface: X0 = function (yield, putc, exit, log), X1 = argument. A VM calls it with HVC #0
// from its EL1; a native app calls SVC #0 at EL0, which its EL1 shim forwards with HVC (or which HCR_EL2.TGE = 1
// routes here directly). A call is authenticated by where it comes from, never by what it says: the context's kind,
// the EL it came from (SPSR_EL2.M) and, for the shim, ELR_EL2 = the return address of one of the shim's own HVCs in
// that context's shim page. Anything else is an unknown call: X0 = -1, the context resumes, nothing is logged — so a
// VM's HVC #1 cannot make the hypervisor log a denial that never happened.

// xd = the index of context x19 in ctx_table (CTX_SIZE = 2^CTX_SHIFT bytes a row, context.S)
.macro ctx_index xd
    adr \xd, ctx_table
    sub \xd, x19, \xd
    lsr \xd, \xd, #CTX_SHIFT
.endm

hvc_entry:
    mrs x0, spsr_el2
    and x0, x0, #0x1f         // SPSR_EL2.M[4:0]: the state and EL the HVC came from
    ldr x1, [x19, #C_KIND]
    cbnz x1, shim_call
    // a VM: HVC #HVC_CALL from its EL1 (HVC is UNDEFINED at EL0: M is EL1t or EL1h)
    and x0, x0, #0x1c
    cmp x0, #0x04
    b.ne unknown_call
    and x0, x21, #0xffff      // ESR_EL2.ISS[15:0] = the HVC immediate
    cmp x0, #HVC_CALL
    b.ne unknown_call
    ldp x0, x1, [x19, #C_GPR]
    tbnz w0, #31, vpsci_call  // an SMCCC fast call (W0 bit 31): PSCI (vpsci.S)
    b call_dispatch

// A native app's context: only its EL1 shim can issue an HVC there (the app's EL0 cannot: UNDEFINED). The shim runs
// in EL1h (an exception to EL1 selects SP_EL1), from its page at the VA in ctx_shim.
shim_call:
    cmp x0, #0x05             // EL1h, AArch64
    b.ne unknown_call
    ctx_index x2
    adr x1, ctx_shim
    ldr x1, [x1, x2, lsl #3]  // this context's shim page (0: it has none)
    cbz x1, unknown_call
    mrs x2, elr_el2
    sub x2, x2, x1            // ELR_EL2 = the HVC + 4, as an offset in the shim page (shim.S)
    cmp x2, #0x404            // +0x400, lower EL AArch64 sync: hvc #HVC_SHIM_FWD
    b.eq shim_forward
    sub x2, x2, #4
    tst x2, #0x7f             // any other vector's first instruction: hvc #HVC_SHIM_FAULT
    b.ne unknown_call
    cmp x2, #0x800
    b.lo shim_fault
unknown_call:
    mov x0, #-1               // unknown call: X0 = -1
    str x0, [x19, #C_GPR]
    b resume

// An SVC from EL0 that HCR_EL2.TGE = 1 routed here (hosting s2-only, seed-tge): a native app's call from EL0t.
svc_entry:
    ldr x1, [x19, #C_KIND]
    cbz x1, unknown_call
    mrs x0, spsr_el2
    tst x0, #0x1f
    b.ne unknown_call
call_dispatch:
    ldp x0, x1, [x19, #C_GPR]
    cmp x0, #CALL_PUTC
    b.eq call_putc
    cmp x0, #CALL_YIELD
    b.eq call_yield
    cmp x0, #CALL_EXIT
    b.eq call_exit
    cmp x0, #CALL_LOG
    b.eq call_log
    b unknown_call

// An exception the EL1 shim took from its app: an SVC is a call, anything else a stage-1 abort (or other
// trap) of the app, reported with ESR_EL1 and FAR_EL1.
shim_forward:
    mrs x21, esr_el1
    lsr x0, x21, #ESR_EC_SHIFT
    cmp x0, #EC_SVC64
    b.eq call_dispatch
    mov x24, #1               // reported by the shim: ELR_EL1 holds the app's instruction
    b shim_report

// The shim itself took an exception at EL1: a hypervisor bug or a hostile app state; stop the context.
shim_fault:
    mrs x21, esr_el1
    mov x24, #2               // never skipped
shim_report:
    mov x22, xzr
    mov x23, xzr              // no HPFAR: stage 1 found it
    lsr x0, x21, #ESR_EC_SHIFT
    sub x0, x0, #EC_IABT_LOWER
    cmp x0, #(EC_DABT_SAME - EC_IABT_LOWER)
    b.hi deny                 // FAR_EL1 only for EC 0x20-0x25 (else UNKNOWN, as abort.S abort_entry)
    mrs x22, far_el1
    b deny

call_putc:
    mov x0, x1
    bl guest_putc
    b resume

call_log:
    ldr x0, [x19, #C_NAME]
    bl put_prefix
    adr x0, msg_log
    bl puts
    ldr x0, [x19, #C_GPR + 8]
    bl puthex
    bl putnl
    b resume

// A slice ends at a yield, or when the slice timer fires (irq.S); the next one starts with a full budget.
call_yield:
end_slice:
    str xzr, [x19, #C_SPENT]
    ldr x0, [x19, #C_SLICES]
    add x0, x0, #1
    str x0, [x19, #C_SLICES]
    adr x1, slice_limit
    ldr x1, [x1]
    cmp x0, x1
    b.lo schedule
    adr x0, msg_slices        // its slices are used up
    bl ctx_finish
    b schedule

call_exit:
    adr x0, msg_exit
    bl ctx_finish
    ldr x0, [x19, #C_GPR + 8]
    bl puthex
    bl putnl
    b schedule

// Context x19 is finished: mark it so and start its line with the message at x0 (clobbers x0, x1, x9–x11, x14, x15).
ctx_finish:
    stp x29, x30, [sp, #-16]!
    mov x15, x0
    mov x0, #ST_DONE
    str x0, [x19, #C_STATE]
    ldr x0, [x19, #C_NAME]
    bl put_prefix
    mov x0, x15
    bl puts
    ldp x29, x30, [sp], #16
    ret
