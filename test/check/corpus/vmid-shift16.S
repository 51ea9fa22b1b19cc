// Wrong: a table-driven switch that builds VTTBR_EL2 from the stage-2 root and the VMID it keeps in C_VMIDGEN —
// shifting the VMID by 16, as the design note does, into BADDR. Every context then runs with VMID 0, and a VM's
// stage-2 walk starts VMID · 64 KiB above its root.
// check: --from vm1 --to vm2
// expect: 18:vttbr-vmid-shift:error 18:vmid-wrong:error
// check: --from vm1 --to app
// expect: 18:vttbr-vmid-shift:error 18:vmid-wrong:error
// static: 18:vttbr-vmid-shift:error
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_VMIDGEN, 0x20

    ldp x0, x1, [x20, #C_HCR]
    and x1, x1, #0x0000ffffffffffff // BADDR
    ldr x2, [x20, #C_VMIDGEN]
    and x2, x2, #0xff               // VMID
    orr x1, x1, x2, lsl #16         // VTTBR_EL2 = BADDR | VMID << 16
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    eret
