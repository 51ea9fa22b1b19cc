// Wrong: it enters every context in EL1h (SPSR_EL2 = 0x3c5), VMs and native apps alike. For a VM that is right.
// For the app under el1-shim (TGE = 0) the ERET is legal and the app's code runs at EL1, privileged; for the app
// under s2-only (TGE = 1) the ERET is an illegal exception return, and the PE stays at EL2 with PSTATE.IL set.
// check: --from vm1 --to vm2
// expect: none
// check: --from vm1 --to app
// expect: 18:eret-wrong-mode:error
// check: --from vm1 --to app --scenario test/check/corpus/s2-only.yaml
// expect: 20:eret-illegal:error
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08

    ldp x0, x1, [x20, #C_HCR]
    msr vttbr_el2, x1
    msr hcr_el2, x0
    mov x2, #0x3c5                  // EL1h, DAIF masked
    msr spsr_el2, x2
    isb
    eret
