// Wrong on one branch only: a VM gets its full HCR_EL2 from the context table, but the native-app branch writes
// the design note's "TGE alone" (MOV x0, #(1 << 27)), clearing IMO/FMO/AMO and TSC (RW is RAO/WI on a Cortex-A57
// without AArch32, so it stays 1). The quick rule fires only where that branch runs: entering the app; between VMs
// it never runs. With TGE=1 the app's stage 1 is off and it reaches all of RAM (walk-outside). The missing ISB is
// harmless here: an ERET to EL0 is legal whatever TGE the ERET reads. Without a pair the branch cannot be decided,
// and the findings are warnings naming it.
// check: --from vm1 --to vm2
// expect: none
// check: --from vm1 --to app
// expect: 22:hcr-clobber:error 22:hcr-wrong:error 22:walk-outside:error
// cleared: 22:hcr-no-isb-eret
// static: 22:hcr-clobber:warning 22:hcr-no-isb-eret:warning
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_KIND, 0x38

    ldp x0, x1, [x20, #C_HCR]
    msr vttbr_el2, x1
    ldr x2, [x20, #C_KIND]
    cbz x2, 1f
    mov x0, #(1 << 27)              // "Set HCR_EL2.TGE to disable entry to EL1"
    msr hcr_el2, x0
    eret
1:  msr hcr_el2, x0
    isb
    eret
