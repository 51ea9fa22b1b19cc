// The design note's snippets exactly as written (../shared/reference/design-note.txt), with UNIQUE_VMID taken
// from the context table. For a native app: TGE alone, the VMID shifted by 16 (into BADDR), HCR_EL2 = 0 to
// "disable S2", barriers and TLBI VMALLE1. For a VM: VMID << 16 again and HCR_EL2 = VM alone.
    ldr x3, [x20, #C_VMIDGEN]
    and x3, x3, #0xff
    ldr x2, [x20, #C_KIND]
    cbz x2, 1f
    // Set HCR_EL2.TGE to disable entry to EL1
    MOV x0, #(1 << 27) // TGE bit
    MSR HCR_EL2, x0
    // Assign a unique VMID to the native application
    lsl x0, x3, #16    // MOV x0, #(UNIQUE_VMID << 16): VMID in the upper 16 bits
    MSR VTTBR_EL2, x0
    // Disable S2 translation by clearing HCR_EL2.VM
    MOV x0, #0
    MSR HCR_EL2, x0
    // Synchronize memory accesses with DSB and ISB
    DSB SY
    ISB
    // Invalidate TLB entries for the native application
    TLBI VMALLE1
    DSB SY
    ISB
    b 2f
1:  lsl x0, x3, #16    // MOV x0, #(UNIQUE_VMID << 16)
    MSR VTTBR_EL2, x0
    // Re-enable S2 translation by setting HCR_EL2.VM
    MOV x0, #(1 << 0) // VM bit
    MSR HCR_EL2, x0
    DSB SY
    ISB
2:
