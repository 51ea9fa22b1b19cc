// Layout of one context-table entry (written by src/hyp/context-table.ts; keep both in step).
    .equ C_HCR, 0x00        // HCR_EL2 while this context runs
    .equ C_VTTBR, 0x08      // VTTBR_EL2: BADDR; the VMID (bits 55:48) is filled in when one is allocated
    .equ C_VTCR, 0x10       // VTCR_EL2
    .equ C_TTBR0, 0x18      // EL1 state from here to C_TTBR1 (saved and restored on every switch)
    .equ C_TCR, 0x20
    .equ C_MAIR, 0x28
    .equ C_SCTLR, 0x30
    .equ C_VBAR, 0x38
    .equ C_ELR2, 0x40       // ELR_EL2: where the context resumes (first: its entry point)
    .equ C_SPSR2, 0x48      // SPSR_EL2: the EL and mode it resumes in
    .equ C_SP0, 0x50
    .equ C_SP1, 0x58
    .equ C_ELR1, 0x60
    .equ C_SPSR1, 0x68
    .equ C_ESR1, 0x70
    .equ C_FAR1, 0x78
    .equ C_TPIDR1, 0x80
    .equ C_TPIDR0, 0x88
    .equ C_CTXID, 0x90
    .equ C_TTBR1, 0x98
    .equ C_STATE, 0xa0      // 0 runnable, 1 finished, 2 stopped by the hypervisor
    .equ C_VMIDGEN, 0xa8    // generation << 8 | VMID (0: none allocated yet)
    .equ C_NAME, 0xb0       // address of the context's name (NUL-terminated)
    .equ C_SLICES, 0xb8     // slices used so far
    .equ C_KIND, 0xc0       // 0 VM, 1 native app
    .equ C_SPENT, 0xf8      // its instructions in the current slice so far (irq.S; 0 = a fresh slice)
    .equ C_GPR, 0x100       // X0–X30
    .equ CTX_SIZE, 0x200

    .equ ST_RUN, 0
    .equ ST_DONE, 1
    .equ ST_STOPPED, 2

    // HVC/SVC calls: X0 = function, X1 = argument
    .equ CALL_YIELD, 0
    .equ CALL_PUTC, 1
    .equ CALL_EXIT, 2
    .equ CALL_LOG, 3

    // HVC immediates: 0 a call from a VM, 1 an exception forwarded by the EL1 shim, 2 the shim itself faulted (hvc.S
    // trusts a call for where it comes from, never for its immediate)
    .equ HVC_CALL, 0
    .equ HVC_SHIM_FWD, 1
    .equ HVC_SHIM_FAULT, 2

    .equ UART_DR, 0x09000000   // PL011 data register on QEMU's virt board

    // PSCI function IDs (Arm DEN 0022; src/devices/psci.ts) in halves for MOV/MOVK: SYSTEM_OFF 0x8400_0008,
    // SYSTEM_RESET 0x8400_0009
    .equ PSCI_FN_HI, 0x8400
    .equ PSCI_SYSTEM_OFF_LO, 0x0008
    .equ PSCI_SYSTEM_RESET_LO, 0x0009

    // HCR_EL2 bits (ARM §D24.2.62; ARCH-NOTES §1a)
    .equ HCR_VM, (1 << 0)
    .equ HCR_FMO, (1 << 3)
    .equ HCR_IMO, (1 << 4)
    .equ HCR_AMO, (1 << 5)
    .equ HCR_TSC, (1 << 19)
    .equ HCR_RW, (1 << 31)

    .equ LOG_PER_CTX, 16      // denied-access records kept per context (its first ones; the rest are counted)
    .equ LOG_ENTRY, 32        // context index, ESR, FAR, HPFAR
