// Wrong: after loading the incoming VMID it translates the outgoing context's resume address with AT S1E1R (to
// log it) before the ISB. The AT walks with whatever is in context: the new VTTBR_EL2 may already be visible while
// HCR_EL2 and the EL1 translation registers are still the outgoing app's, and an AT may allocate the TLB entry of
// its walk (ARM §D8.2.13 R RNPZWX, §D8.16 R SQBCS; the Cortex-A57 1319537 write-ups: an AT allocates TLB entries).
// The app's translation is then cached under vm1's VMID, and vm1 can hit it.
// check: --from app --to vm1
// expect: 16:tlb-stale:error
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_ELR_EL2, 0x150

    ldp x0, x1, [x20, #C_HCR]
    ldr x3, [x19, #C_ELR_EL2]          // where the outgoing context resumes
    msr vttbr_el2, x1
    at s1e1r, x3                    // too early: the incoming regime is only half loaded
    mrs x4, par_el1
    msr hcr_el2, x0
    isb
    eret
