// Boot at EL2h (QEMU virt: MMU off, DAIF masked). Vectors, stack, HCR_EL2 and the EL2 traps built bit by bit,
// VTCR_EL2, then the first context.
_start:
    adr x0, hyp_stack_top
    mov sp, x0
    adr x0, el2_vectors
    msr vbar_el2, x0
    // HCR_EL2 resets to an UNKNOWN value (ARM §D24.2.62): set the bits the hypervisor relies on one by one,
    // keeping whatever else is there (read-modify-write, never a clobbering MOV of one bit)
    mrs x0, hcr_el2
    orr x0, x0, #HCR_RW       // HCR_EL2.RW: EL1 is AArch64
    orr x0, x0, #HCR_FMO      // HCR_EL2.FMO/IMO/AMO: physical FIQ/IRQ/SError go to EL2
    orr x0, x0, #HCR_IMO
    orr x0, x0, #HCR_AMO
    orr x0, x0, #HCR_TSC      // HCR_EL2.TSC: SMC from EL1 traps to EL2
    msr hcr_el2, x0
    // CPTR_EL2, MDCR_EL2, CNTHCTL_EL2: the traps every context runs under (context.S, from context-state.ts HYP_TRAPS)
    hyp_traps_init
    // VMID 0 is the hypervisor's own and never given to a context (VTTBR_EL2 resets UNKNOWN, ARM §D8.17.6)
    msr vttbr_el2, xzr
    adr x1, ctx_table
    ldr x0, [x1, #C_VTCR]
    msr vtcr_el2, x0
    isb
    bl irq_init               // irq.S: the GIC and the slice timer
    adr x0, banner
    bl puts
    adr x20, ctx_table
    mov x19, xzr              // no outgoing context
    b switch_to
