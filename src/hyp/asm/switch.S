// The scheduler (round robin over runnable contexts) and the switch.
// resume: back into the context that trapped, with only what its call or trap handler changed (GPRs, ELR_EL2).
// schedule: pick the next runnable context after x19; switch_to: leave x19 (0 = none), enter x20.
resume:
    mov x20, x19
    b enter

schedule:
    adr x1, ctx_table
    adr x2, ctx_count
    ldr x2, [x2]
    mov x3, #CTX_SIZE
    madd x4, x2, x3, x1       // end of the table
    mov x5, x19
    mov x6, x2                // contexts left to look at
1:  add x5, x5, #CTX_SIZE
    cmp x5, x4
    csel x5, x1, x5, hs       // wrap around
    ldr x0, [x5, #C_STATE]
    cmp x0, #ST_RUN
    b.eq 2f
    subs x6, x6, #1
    b.ne 1b
    b all_done
2:  mov x20, x5
    cmp x20, x19
    b.eq enter                // the only runnable context: no switch
    ldr x0, [x19, #C_STATE]
    cmp x0, #ST_RUN
    b.eq switch_to
    mov x19, xzr              // the outgoing context is finished: nothing to save

switch_to:
    cbz x19, 1f
    // save the outgoing context's registers and where it resumes (context.S, generated from context-state.ts)
    save_switched
    // complete the outgoing context's table walks before the regime changes (ARM R_LFHQG, as KVM's DSB NSH)
1:  dsb nsh
    // errata.S: nothing, or the 1319537 workaround — before vmid_check: a new VMID generation's TLBI ALLE1 must find the
    // outgoing EL1&0 walks already off, or a speculative walk after it completes caches the outgoing translations again
    // under the old VMID, which the new generation hands to another context (KVM flushes from the host, VMID 0)
    at_walks_off
    bl vmid_check
    .include "regime.S"
    .include "tlb.S"
    at_stage2_loaded
    // the incoming context's registers (context.S): the EL1 ones out of context at EL2, made effective together by
    // the ERET; SCTLR_EL1 and then TCR_EL1 last (the order the 1319537 workaround needs)
    restore_switched
    // the shared virtual interface control (GICH): the outgoing context's state saved, the incoming one's loaded (vgic.S)
    vgic_switch
    // CPTR_EL2.TFP: FP/SIMD untrapped for the owner of the V registers only (lazy.S fp_trap); written when it changes
    adr x0, fp_owner
    ldr x0, [x0]
    mrs x1, cptr_el2
    orr x2, x1, #CPTR_TFP
    bic x3, x1, #CPTR_TFP
    cmp x0, x20
    csel x2, x3, x2, eq
    cmp x1, x2
    b.eq 2f
    msr cptr_el2, x2
2:  adr x0, cur_ctx
    str x20, [x0]
    // HCR_EL2 may have changed: an ERET reads it (TGE, RW) before its own synchronization, so ISB first
    // (ARM §D24.1.2.2; ARCH-NOTES §10)
    isb

// Restore the GPRs of x20 and return into it (with its slice timer armed: irq.S).
enter:
    bl vgic_flush             // vgic.S: PPI 27's active state, the virtual timer into LR0
    mov x0, x20
    ldp x2, x3, [x0, #C_GPR + 16]
    ldp x4, x5, [x0, #C_GPR + 32]
    ldp x6, x7, [x0, #C_GPR + 48]
    ldp x8, x9, [x0, #C_GPR + 64]
    ldp x10, x11, [x0, #C_GPR + 80]
    ldp x12, x13, [x0, #C_GPR + 96]
    ldp x14, x15, [x0, #C_GPR + 112]
    ldp x16, x17, [x0, #C_GPR + 128]
    ldp x18, x19, [x0, #C_GPR + 144]
    ldp x20, x21, [x0, #C_GPR + 160]
    ldp x22, x23, [x0, #C_GPR + 176]
    ldp x24, x25, [x0, #C_GPR + 192]
    ldp x26, x27, [x0, #C_GPR + 208]
    ldp x28, x29, [x0, #C_GPR + 224]
    arm_slice_timer           // irq.S: CNTHP_TVAL_EL2 = the budget left; restores x30
    ldp x0, x1, [x0, #C_GPR]
    eret

// Give x20 a VMID of the current generation (KVM-style allocator, ARCH-NOTES §8): VMID 0 is never handed
// out; when the 8-bit space is used up, start a new generation and invalidate every EL1&0 entry of every VMID.
vmid_check:
    adr x5, vmid_gen
    ldp x2, x3, [x5]          // x2 = current generation, x3 = next free VMID
    ldr x0, [x20, #C_VMIDGEN]
    cmp x2, x0, lsr #8
    b.eq 2f                   // allocated in this generation
    cmp x3, #256
    b.lo 1f
    add x2, x2, #1            // rollover
    mov x3, #1
    dsb ishst
    tlbi alle1                // every VMID's EL1&0 entries, both stages (ARM §D8.17)
    dsb ish
1:  orr x0, x3, x2, lsl #8
    str x0, [x20, #C_VMIDGEN]
    add x3, x3, #1
    stp x2, x3, [x5]
    ldr x1, [x20, #C_VTTBR]
    bfi x1, x0, #48, #8       // VTTBR_EL2.VMID = bits 55:48
    str x1, [x20, #C_VTTBR]
2:  ret

all_done:
    bl line_begin
    adr x0, msg_done
    bl puts
    adr x0, log_count
    ldr x0, [x0]
    bl puthex
    bl putnl
    mov x0, #0
// End the run through the firmware, as a hypervisor on hardware does (PSCI over SMC, Arm DEN 0022): x0 = 0, every
// context finished: SYSTEM_OFF, exit status 0; x0 = 1, the hypervisor failed: SYSTEM_RESET, which stops the machine
// with no exit status (twostage; QEMU with -no-reboot). Never semihosting: images run without it, so that a guest's
// HLT #0xF000 is UNDEFINED in that guest (src/hyp/image.ts machineFor).
hyp_exit:
    cmp x0, #0
    mov x0, #PSCI_SYSTEM_OFF_LO
    mov x1, #PSCI_SYSTEM_RESET_LO
    csel x0, x0, x1, eq
    movk x0, #PSCI_FN_HI, lsl #16
    smc #0
    b .
