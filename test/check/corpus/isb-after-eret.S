// Wrong where it matters: the ISB meant to synchronize HCR_EL2 sits after the ERET, where it never runs. The ERET
// checks its legality with the HCR_EL2 in context before it: leaving a TGE=1 app (s2-only) for a VM's EL1h, the
// old TGE=1 makes that return illegal. Between contexts with the same TGE and RW (seed) the ERET's own
// synchronization is enough, and the warning is cleared.
// check: --from app --to vm1 --scenario test/check/corpus/s2-only.yaml
// expect: 16:hcr-no-isb-eret:error 17:eret-illegal:error
// check: --from vm1 --to app
// expect: none
// cleared: 16:hcr-no-isb-eret
// static: 16:hcr-no-isb-eret:error
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08

    ldp x0, x1, [x20, #C_HCR]
    msr vttbr_el2, x1
    msr hcr_el2, x0
    eret
    isb
