// Wrong: a VM -> VM switch loads HCR_EL2 from a literal — RW and VM only. The hypervisor's interrupt routing
// (IMO/FMO/AMO) and the SMC trap (TSC) are gone: a physical IRQ now goes to the guest's EL1.
// check: --from vm1 --to vm2
// expect: 11:hcr-clobber:error 11:hcr-wrong:error
// static: 11:hcr-clobber:error
    .equ C_VTTBR, 0x08

    ldr x0, =0x80000001             // RW | VM
    ldr x1, [x20, #C_VTTBR]
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    eret
    .ltorg
