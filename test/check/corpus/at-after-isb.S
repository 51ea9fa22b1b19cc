// Correct: probes the incoming context's entry point with AT S12E1R once its regime is in context (after the ISB):
// whatever TLB entry the AT allocates is the target's own translation under its own VMID.
// check: --from app --to vm1
// expect: none
// check: --from vm2 --to vm1
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_ELR_EL2, 0x150

    ldp x0, x1, [x20, #C_HCR]
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    ldr x2, [x20, #C_ELR_EL2]
    at s12e1r, x2                   // where the context resumes must be mapped
    isb
    mrs x3, par_el1
    tbnz x3, #0, 1f                 // PAR_EL1.F: not mapped, do not enter
    eret
1:  b 1b
