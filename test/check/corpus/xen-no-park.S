// Wrong on a Cortex-A57 with erratum 1319537: Xen's restore order (prior-art.md §0 fact 6) without the parking of
// VTTBR_EL2 on the empty root on the way out. The incoming EL1 MMU registers are synchronized (ISB) while the outgoing
// stage 2 and VMID are still in context: a speculative walk then caches the incoming context's translation under the
// outgoing VMID. Leaving vm1 for the app (HCR_EL2.VM = 0 synchronized with vm1's VMID) that is the app's
// translation cached for vm1 to hit. The other way the window pairs vm1's EL1 registers (stage 1 off, as the
// harness's VMs have it) with the app's VTTBR_EL2, whose BADDR is no table: every walk faults, nothing is cached;
// between the VMs the window's walks go through vm1's own stage 2 and stay in vm1's memory.
// check: --from vm1 --to app --errata
// expect: 43:tlb-latent:error
// check: --from app --to vm1 --errata
// expect: none
// check: --from vm1 --to vm2 --errata
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_VTCR, 0x10
    .equ C_VBAR_EL1, 0x1e0
    .equ C_MAIR_EL1, 0x1e8
    .equ C_TTBR0_EL1, 0x1f8
    .equ C_SCTLR_EL1, 0x200
    .equ C_TCR_EL1, 0x208

p2m_restore_state:
    ldp x0, x1, [x20, #C_VBAR_EL1]
    msr vbar_el1, x0
    msr mair_el1, x1
    ldr x0, [x20, #C_TTBR0_EL1]
    msr ttbr0_el1, x0
    ldr x0, [x20, #C_TCR_EL1]
    msr tcr_el1, x0
    ldr x0, [x20, #C_VTCR]
    msr vtcr_el2, x0
    isb
    ldr x0, [x20, #C_SCTLR_EL1]
    msr sctlr_el1, x0
    ldr x0, [x20, #C_HCR]
    msr hcr_el2, x0
    isb
    ldr x0, [x20, #C_VTTBR]         // the incoming stage 2 and VMID last
    msr vttbr_el2, x0
    isb
    eret

