// Correct, seL4 style (its context switch sets the VSpace root with the hardware VMID the VSpace was given, with a
// DSB before and an ISB after the write; written from that description, not copied): the hardware VMID comes from a
// per-context table the kernel keeps (hw_vmid), not from the reference allocator, and the translation-mode bits of
// HCR_EL2 are set read-modify-write from the thread's mode (VM for a VCPU thread, none for a native thread).
// check: --from vm1 --to vm2
// expect: none
// check: --from app --to vm2
// expect: none
// check: --from vm2 --to app
// expect: none
// static: none
    .equ C_VTTBR, 0x08
    .equ C_VTCR, 0x10
    .equ C_KIND, 0x38
    .equ HCR_VM, 1 << 0

setCurrentUserVSpaceRoot:
    adr x9, hw_vmid
    ldrb w1, [x9, x21]
    ldr x0, [x20, #C_VTTBR]
    and x0, x0, #0x0000fffffffffffe
    orr x0, x0, x1, lsl #48
    ldr x2, [x20, #C_VTCR]
    dsb sy
    msr vtcr_el2, x2
    msr vttbr_el2, x0
    isb
    mrs x0, hcr_el2
    ldr x2, [x20, #C_KIND]
    bic x0, x0, #HCR_VM
    cbnz x2, 1f                     // a native thread: no stage 2
    orr x0, x0, #HCR_VM             // a VCPU thread
1:  msr hcr_el2, x0
    isb
    eret

hw_vmid:
    .byte 7, 3, 9                   // vm1, vm2, app
