// Constants of the hypervisor. The context-table entry's layout (C_* offsets, CTX_SIZE) and the register fields the
// code names (HCR_*, TCR_EPD*, SCTLR_M) are generated into context.S by src/hyp/context-table.ts.
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

    .equ LOG_PER_CTX, 16      // denied-access records kept per context (its first ones; the rest are counted)
    .equ LOG_ENTRY, 32        // context index, ESR, FAR, HPFAR
