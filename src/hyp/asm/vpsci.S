// PSCI for a VM (src/hyp/vpsci.ts; Arm DEN 0022): its HVC #0 with an SMC Calling Convention fast-call ID in W0 (bit 31
// set) comes here from hvc.S; the answer goes in X0 and the VM resumes, except SYSTEM_OFF and SYSTEM_RESET, which end
// that VM only. Nothing here reads or writes another context's state. In: x19 = the context, x0/x1 = its X0/X1.
vpsci_call:
    mov w2, w0                // the function ID is W0 (SMCCC §2.5): bits 63:32 of X0 are ignored
    bl vpsci_which
    cmp x3, #VPSCI_H_OFF
    b.hs vpsci_end
    mov x0, #-1               // NOT_SUPPORTED
    cmp x3, #VPSCI_H_VERSION
    b.ne 1f
    mov x0, #VPSCI_VERSION
1:  cmp x3, #VPSCI_H_MIGRATE
    b.ne 2f
    mov x0, #VPSCI_MIGRATE_NONE
2:  cmp x3, #VPSCI_H_CPU_ON
    b.ne 3f
    mov x0, #-2               // INVALID_PARAMETERS: the VM's one vCPU is its only CPU
3:  cmp x3, #VPSCI_H_FEATURES
    b.ne 4f
    mov x0, #-1
    lsr x2, x1, #32
    cbnz x2, 4f               // not a 32-bit function ID: NOT_SUPPORTED
    mov w2, w1
    bl vpsci_which
    cmp x3, #0
    csel x0, xzr, x0, ne      // SUCCESS for an implemented function
4:  str x0, [x19, #C_GPR]
    b resume

// SYSTEM_OFF or SYSTEM_RESET (x3): the VM is done (a reset does not reboot it); the others go on.
vpsci_end:
    mov x0, #ST_DONE
    str x0, [x19, #C_STATE]
    ldr x0, [x19, #C_NAME]
    bl put_prefix
    adr x0, msg_psci_off
    cmp x3, #VPSCI_H_OFF
    b.eq 1f
    adr x0, msg_psci_reset
1:  bl puts
    b schedule

// w2 = a function ID → x3 = what it is: 0 not implemented, else a VPSCI_H_* (clobbers x4–x6).
vpsci_which:
    mov x3, xzr
    lsr w4, w2, #16
    and w5, w2, #0xffff
    mov w6, #VPSCI_SMC64_HI   // (not a CMP immediate)
    cmp w4, w6
    b.ne 1f
    cmp w5, #VPSCI_FN_CPU_ON  // the only SMC64 function implemented
    mov x6, #VPSCI_H_CPU_ON
    csel x3, x6, x3, eq
    ret
1:  mov w6, #VPSCI_SMC32_HI
    cmp w4, w6
    b.ne 9f
    cmp w5, #VPSCI_FN_VERSION
    mov x6, #VPSCI_H_VERSION
    csel x3, x6, x3, eq
    cmp w5, #VPSCI_FN_FEATURES
    mov x6, #VPSCI_H_FEATURES
    csel x3, x6, x3, eq
    cmp w5, #VPSCI_FN_MIGRATE_INFO_TYPE
    mov x6, #VPSCI_H_MIGRATE
    csel x3, x6, x3, eq
    cmp w5, #VPSCI_FN_CPU_ON
    mov x6, #VPSCI_H_CPU_ON
    csel x3, x6, x3, eq
    cmp w5, #VPSCI_FN_SYSTEM_OFF
    mov x6, #VPSCI_H_OFF
    csel x3, x6, x3, eq
    cmp w5, #VPSCI_FN_SYSTEM_RESET
    mov x6, #VPSCI_H_RESET
    csel x3, x6, x3, eq
9:  ret
