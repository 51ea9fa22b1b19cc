// Correct, KVM-style VMID policy: VMs run with the VMID in their context table, native apps with VMID 0 (the VMID
// KVM keeps for its host); every live context still has a VMID of its own.
// check: --from vm1 --to app
// expect: none
// check: --from app --to vm2
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_KIND, 0x38

    ldp x0, x1, [x20, #C_HCR]
    ldr x2, [x20, #C_KIND]
    cbz x2, 1f                      // a VM keeps its VMID
    and x1, x1, #0x0000ffffffffffff // a native app: VMID 0
1:  msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    eret
