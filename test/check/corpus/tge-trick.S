// The VHE-less TGE trick: a native app runs directly under EL2 with HCR_EL2.TGE = 1 and DC = 1 (stage 1 off, the
// app's stage 2 on, VA == IPA), built by setting those bits on top of the VMs' value. Right where the scenario
// hosts apps that way (s2-only); where apps are meant to run with their own stage 1 (el1-shim, seed.yaml) it
// turns that stage 1 off and points stage 2 at a root the app does not have (its VTTBR_EL2 BADDR is 0): the
// app cannot run, and its HCR_EL2 is not the one the scenario gives it.
// check: --from vm1 --to app --scenario test/check/corpus/s2-only.yaml
// expect: none
// check: --from vm1 --to vm2 --scenario test/check/corpus/s2-only.yaml
// expect: none
// check: --from vm1 --to app
// expect: 26:hcr-clobber:error 26:hcr-wrong:error 26:walk-outside:error
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_KIND, 0x38
    .equ HCR_DC, (1 << 12)
    .equ HCR_TGE, (1 << 27)

    ldr x0, =0x80080039             // what every VM runs with: RW, TSC, AMO, IMO, FMO, VM
    ldr x1, [x20, #C_VTTBR]
    ldr x2, [x20, #C_KIND]
    cbz x2, 1f
    orr x0, x0, #HCR_TGE            // a native app: EL1 out of the way, exceptions to EL2
    orr x0, x0, #HCR_DC             // stage 1 off, stage 2 on
1:  msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    eret
    .ltorg
