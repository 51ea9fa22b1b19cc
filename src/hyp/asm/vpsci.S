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
    adr x0, msg_psci_off
    cmp x3, #VPSCI_H_OFF
    b.eq 1f
    adr x0, msg_psci_reset
1:  bl ctx_finish
    b schedule

// w2 = a function ID → x3 = its VPSCI_H_* from vpsci_table (config.S), 0 when it is not there (clobbers x4–x6).
vpsci_which:
    adr x4, vpsci_table
1:  ldp w5, w6, [x4], #8
    mov x3, xzr
    cbz w5, 2f                // the end: not implemented
    cmp w5, w2
    b.ne 1b
    mov w3, w6
2:  ret
