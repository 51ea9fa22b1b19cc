// A hostile VM (EL1, MMU off) that forges the native-app shim's calls to make the hypervisor log denials that never
// happened: it writes ESR_EL1 and FAR_EL1 as if an app had taken a data abort on the hypervisor's memory, then issues
// the shim's HVC #1 ("forward") and HVC #2 ("the shim faulted"), and HVC #0x1234 with X0 = the log call, 70 times
// each (more records than the log keeps for a context). The hypervisor authenticates calls by where they come from —
// a VM's EL1 is never an app's shim — so every one is an unknown call: X0 = -1, nothing logged. It logs the X0 each
// kind of forgery got back, then exits 0. Calls: HVC #0, X0 = function (2 exit, 3 log), X1 = argument.
    .text
    .global _start
_start:
    ldr x0, =0x92000004       // forged ESR_EL1: data abort from EL0, translation fault level 0
    msr esr_el1, x0
    ldr x0, =0x40080000       // forged FAR_EL1: the hypervisor's PA
    msr far_el1, x0
    mov x20, #70
1:  mov x0, #3                // the log call, so that an HVC taken for a call would print
    mov x1, #0x1111
    hvc #1
    mov x21, x0
    mov x0, #3
    hvc #2
    mov x22, x0
    mov x0, #3
    hvc #0x1234
    mov x23, x0
    subs x20, x20, #1
    b.ne 1b
    mov x0, #3
    mov x1, x21               // X0 after HVC #1
    hvc #0
    mov x0, #3
    mov x1, x22               // after HVC #2
    hvc #0
    mov x0, #3
    mov x1, x23               // after HVC #0x1234
    hvc #0
    mov x0, #2                // exit 0
    mov x1, #0
    hvc #0
    .ltorg
