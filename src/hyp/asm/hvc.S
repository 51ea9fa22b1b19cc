// The hypervisor call interface: X0 = function (yield, putc, exit, log), X1 = argument. VMs call it with
// HVC #0; a native app calls SVC #0, which its EL1 shim forwards with HVC #1 (or which HCR_EL2.TGE = 1 routes
// here directly).
hvc_entry:
    and x0, x21, #0xffff      // ESR_EL2.ISS[15:0] = the HVC immediate
    cmp x0, #HVC_SHIM_FWD
    b.eq shim_forward
    cmp x0, #HVC_SHIM_FAULT
    b.eq shim_fault
svc_entry:
    ldp x0, x1, [x19, #C_GPR]
    cmp x0, #CALL_PUTC
    b.eq call_putc
    cmp x0, #CALL_YIELD
    b.eq call_yield
    cmp x0, #CALL_EXIT
    b.eq call_exit
    cmp x0, #CALL_LOG
    b.eq call_log
    mov x0, #-1               // unknown call: X0 = -1
    str x0, [x19, #C_GPR]
    b resume

// An exception the EL1 shim took from its app: an SVC is a call, anything else a stage-1 abort (or other
// trap) of the app, reported with ESR_EL1 and FAR_EL1.
shim_forward:
    mrs x21, esr_el1
    lsr x0, x21, #26
    cmp x0, #0x15             // SVC64
    b.eq svc_entry
    mrs x22, far_el1
    mov x23, xzr              // no HPFAR: stage 1 found it
    mov x24, #1               // reported by the shim: ELR_EL1 holds the app's instruction
    b deny

// The shim itself took an exception at EL1: a hypervisor bug or a hostile app state; stop the context.
shim_fault:
    mrs x21, esr_el1
    mrs x22, far_el1
    mov x23, xzr
    mov x24, #2               // never skipped
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
    mov x0, #ST_DONE          // its slices are used up
    str x0, [x19, #C_STATE]
    ldr x0, [x19, #C_NAME]
    bl put_prefix
    adr x0, msg_slices
    bl puts
    b schedule

call_exit:
    mov x0, #ST_DONE
    str x0, [x19, #C_STATE]
    ldr x0, [x19, #C_NAME]
    bl put_prefix
    adr x0, msg_exit
    bl puts
    ldr x0, [x19, #C_GPR + 8]
    bl puthex
    bl putnl
    b schedule
