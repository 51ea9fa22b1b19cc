// Correct, table-driven: everything the incoming context runs with comes from its context-table entry (X20) —
// HCR_EL2, VTTBR_EL2 with its VMID already in bits 55:48, VTCR_EL2 — and one ISB before the ERET.
// check: --from vm1 --to vm2
// expect: none
// check: --from app --to vm1
// expect: none
// check: --from vm1 --to app
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_VTCR, 0x10

    dsb nsh                         // the outgoing context's walks complete (ARM R LFHQG)
    ldp x0, x1, [x20, #C_HCR]       // x0 = HCR_EL2, x1 = VTTBR_EL2
    ldr x2, [x20, #C_VTCR]
    msr vtcr_el2, x2
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    eret
