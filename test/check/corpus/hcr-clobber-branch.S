// Wrong on one branch only: a VM gets its full HCR_EL2 from the context table, but the native-app branch writes
// the design note's "TGE alone" (MOV x0, #(1 << 27)), clearing RW, IMO/FMO/AMO and TSC. The quick rule fires only
// where that branch runs: entering the app; between VMs it never runs. Without a pair the branch cannot be decided,
// and the finding is a warning naming it.
// check: --from vm1 --to vm2
// expect: none
// check: --from vm1 --to app
// expect: 19:hcr-clobber:error 19:hcr-no-isb-eret:error 19:hcr-wrong:error 19:walk-outside:error 20:eret-illegal:error
// static: 19:hcr-clobber:warning 19:hcr-no-isb-eret:warning
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_KIND, 0xc0

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
