// Denied accesses: record (context, ESR, FAR, HPFAR) in the log in hypervisor memory, print it decoded on the
// UART, then apply the policy: stop the context and go on with the others, or (on_denied: skip) step over the
// faulting load or store and resume it. The log (config.S) gives each context its own LOG_PER_CTX records, the first
// ones it caused, and counts all it caused (deny_seen), so the report can say how many were dropped; no context can
// push another's records out.
// In: x19 = context, x21 = ESR, x22 = FAR, x23 = HPFAR, x24 = 0 taken to EL2 / 1 forwarded by the shim / 2 fatal.
abort_entry:
    mov x22, xzr              // FAR and HPFAR only where the exception reports them: for any other exception they
    mov x23, xzr              // are UNKNOWN and may still hold another context's address (ARM §D24.2.76; QEMU D8)
    lsr x0, x21, #ESR_EC_SHIFT
    sub x0, x0, #EC_IABT_LOWER
    cmp x0, #(EC_DABT_SAME - EC_IABT_LOWER)
    b.hi 1f                   // FAR_EL2: EC 0x20-0x25 (instruction and data aborts, PC alignment)
    mrs x22, far_el2
    tst x0, #~(1 << EC_ABORT_DATA_BIT)  // x0 = EC - 0x20, 0 or 4
    b.ne 1f                   // HPFAR_EL2: aborts from a lower EL (EC 0x20, 0x24)
    mrs x23, hpfar_el2
1:  mov x24, xzr
    b deny

// An illegal exception return into the context (EC 0x0E): nothing to skip.
deny_stop_elr2:
    mrs x22, elr_el2
    mov x23, xzr
    mov x24, #2
deny:
    adr x0, log_count
    ldr x1, [x0]
    add x1, x1, #1
    str x1, [x0]
    ctx_index x2
    adr x0, deny_seen
    ldr x1, [x0, x2, lsl #3]  // the denials this context caused before this one
    add x3, x1, #1
    str x3, [x0, x2, lsl #3]
    cmp x1, #LOG_PER_CTX
    b.hs 1f                   // its records are full: counted, not kept
    adr x0, deny_log
    mov x3, #(LOG_PER_CTX * LOG_ENTRY)
    madd x0, x2, x3, x0       // its own part of the log
    add x0, x0, x1, lsl #5    // LOG_ENTRY = 32 bytes
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
    lsr x0, x21, #ESR_EC_SHIFT
    cmp x0, #EC_DABT_LOWER    // data abort (lower EL): step over the access
    b.eq 2f
    cmp x0, #EC_DABT_SAME     // data abort (same EL, i.e. EL1 under the shim)
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
    lsr x0, x21, #ESR_EC_SHIFT
    cmp x0, #EC_ILLEGAL
    b.ne 1f
    adr x0, msg_illegal
    bl puts
    b 9f
1:  and x1, x0, #0x3e         // EC 0x20/0x21/0x24/0x25 (lower or same EL): instruction or data abort
    cmp x1, #EC_IABT_LOWER
    b.eq 2f
    cmp x1, #EC_DABT_LOWER
    b.eq 2f
    adr x0, msg_trap
    bl puts
    lsr x0, x21, #ESR_EC_SHIFT
    bl puthex
    b 9f
2:  and x1, x21, #ISS_FSC_KIND  // FSC[5:2]: 0 address size, 1 translation, 2 access flag, 3 permission
    cmp x1, #0x0c
    b.hi 3f
    adr x0, fsc_names
    add x0, x0, x1, lsl #2    // 16-byte name slots
    bl puts
    adr x0, msg_level
    bl puts
    and x0, x21, #ISS_FSC_LEVEL
    add x0, x0, #0x30
    bl putc
    b 4f
3:  adr x0, msg_fsc
    bl puts
    and x0, x21, #ISS_FSC
    bl puthex
4:  lsr x0, x21, #ESR_EC_SHIFT
    tbz x0, #EC_ABORT_DATA_BIT, 5f  // EC 0x20/0x21: an instruction fetch
    tbnz x21, #ISS_WNR_BIT, 6f  // ISS.WnR
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
