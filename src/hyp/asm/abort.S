// Denied accesses: record (context, ESR, FAR, HPFAR) in the log in hypervisor memory, print it decoded on the
// UART, then apply the policy: stop the context and go on with the others, or (on_denied: skip) step over the
// faulting load or store and resume it.
// In: x19 = context, x21 = ESR, x22 = FAR, x23 = HPFAR, x24 = 0 taken to EL2 / 1 forwarded by the shim / 2 fatal.
abort_entry:
    mrs x22, far_el2
    mrs x23, hpfar_el2
    mov x24, xzr
    b deny

// An illegal exception return into the context (EC 0x0E): nothing to skip.
deny_stop_elr2:
    mrs x22, elr_el2
    mov x23, xzr
    mov x24, #2
deny:
    adr x0, log_count
    ldr x1, [x0]
    add x2, x1, #1
    str x2, [x0]
    cmp x1, #LOG_MAX
    b.hs 1f
    adr x0, deny_log
    add x0, x0, x1, lsl #5    // LOG_ENTRY = 32 bytes
    adr x2, ctx_table
    sub x2, x19, x2
    lsr x2, x2, #CTX_SHIFT    // context index
    stp x2, x21, [x0]
    stp x22, x23, [x0, #16]
1:  ldr x0, [x19, #C_NAME]
    bl put_prefix
    adr x0, msg_denied
    bl puts
    bl put_decoded
    adr x0, msg_far
    bl puts
    mov x0, x22
    bl puthex
    adr x0, msg_hpfar
    bl puts
    mov x0, x23
    bl puthex
    adr x0, msg_esr
    bl puts
    mov x0, x21
    bl puthex
    bl putnl
    // policy
    cmp x24, #2
    b.eq deny_stop
    adr x0, on_denied_skip
    ldr x0, [x0]
    cbz x0, deny_stop
    lsr x0, x21, #26
    cmp x0, #0x24             // data abort (lower EL): step over the access
    b.eq 2f
    cmp x0, #0x25             // data abort (same EL, i.e. EL1 under the shim)
    b.ne deny_stop
2:  cbnz x24, 3f
    mrs x0, elr_el2
    add x0, x0, #4
    msr elr_el2, x0
    b resume
3:  mrs x0, elr_el1
    add x0, x0, #4
    msr elr_el1, x0
    b resume
deny_stop:
    mov x0, #ST_STOPPED
    str x0, [x19, #C_STATE]
    b schedule

// Print what ESR (x21) says: the fault kind and level from the FSC, and the access.
put_decoded:
    stp x29, x30, [sp, #-16]!
    lsr x0, x21, #26
    cmp x0, #0x0e
    b.ne 1f
    adr x0, msg_illegal
    bl puts
    b 9f
1:  and x1, x0, #0x3e         // EC 0x20/0x21/0x24/0x25: instruction or data abort
    cmp x1, #0x20
    b.eq 2f
    cmp x1, #0x24
    b.eq 2f
    adr x0, msg_trap
    bl puts
    lsr x0, x21, #26
    bl puthex
    b 9f
2:  and x1, x21, #0x3c        // FSC[5:2]: 0 address size, 1 translation, 2 access flag, 3 permission
    cmp x1, #0x0c
    b.hi 3f
    adr x0, fsc_names
    add x0, x0, x1, lsl #2    // 16-byte name slots
    bl puts
    adr x0, msg_level
    bl puts
    and x0, x21, #3
    add x0, x0, #0x30
    bl putc
    b 4f
3:  adr x0, msg_fsc
    bl puts
    and x0, x21, #0x3f
    bl puthex
4:  lsr x0, x21, #26
    tbz x0, #2, 5f            // EC 0x20/0x21: an instruction fetch
    tbnz x21, #6, 6f          // ISS.WnR
    adr x0, msg_read
    b 7f
5:  adr x0, msg_fetch
    b 7f
6:  adr x0, msg_write
7:  bl puts
    tbz x21, #7, 9f           // ISS.S1PTW: stage 2 fault on a stage-1 table walk
    adr x0, msg_s1ptw
    bl puts
9:  ldp x29, x30, [sp], #16
    ret
