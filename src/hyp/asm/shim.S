// The EL1 shim for native apps (hosting el1-shim, el1-shim-s2): a page of its own, mapped EL1-only and
// read-only in each app's hypervisor-owned stage 1 at the VA in VBAR_EL1. An exception from the app (SVC, or a
// stage-1 abort) is forwarded to the hypervisor by HVC #1 and the ERET after it returns to the app; an
// exception of the shim itself is HVC #2. It uses no register and no memory of its own. The hypervisor knows these
// HVCs by their address in this page (hvc.S shim_call), not by their immediates, which any VM can write too.
    .balign 65536
shim_page:
    hvc #HVC_SHIM_FAULT       // +0x000 current EL, SP_EL0
    .balign 0x80
    hvc #HVC_SHIM_FAULT
    .balign 0x80
    hvc #HVC_SHIM_FAULT
    .balign 0x80
    hvc #HVC_SHIM_FAULT
    .balign 0x80
    hvc #HVC_SHIM_FAULT       // +0x200 current EL, SP_EL1
    .balign 0x80
    hvc #HVC_SHIM_FAULT
    .balign 0x80
    hvc #HVC_SHIM_FAULT
    .balign 0x80
    hvc #HVC_SHIM_FAULT
    .balign 0x80
    hvc #HVC_SHIM_FWD         // +0x400 lower EL (the app), AArch64: sync
    eret
    .balign 0x80
    hvc #HVC_SHIM_FAULT
    .balign 0x80
    hvc #HVC_SHIM_FAULT
    .balign 0x80
    hvc #HVC_SHIM_FAULT
    .balign 0x80
    hvc #HVC_SHIM_FAULT       // +0x600 lower EL, AArch32
    .balign 0x80
    hvc #HVC_SHIM_FAULT
    .balign 0x80
    hvc #HVC_SHIM_FAULT
    .balign 0x80
    hvc #HVC_SHIM_FAULT
    .balign 65536             // nothing else shares the shim's page (64K granule included)
