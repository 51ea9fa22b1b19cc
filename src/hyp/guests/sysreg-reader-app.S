// A native app (EL0) that reads back what EL0 can read of the other contexts' writes (scenarios/sysreg-leak.yaml) and
// logs it: TPIDR_EL0, TPIDRRO_EL0, NZCV and its stack pointer, each its own (0). Then it tries the EL1 virtual
// timer, which its CNTKCTL_EL1 (the hypervisor's 0) does not open to EL0: the access traps (to the EL1 shim, or to
// EL2 under HCR_EL2.TGE) and is denied, which stops it — a VM's CNTKCTL_EL1 left live would let it read the VM's
// CVAL instead. Calls: SVC #0, X0 = function (3 log), X1 = argument.
    .text
    .global _start
_start:
    mrs x1, tpidr_el0
    mov x0, #3
    svc #0
    mrs x1, tpidrro_el0
    mov x0, #3
    svc #0
    mrs x1, nzcv
    mov x0, #3
    svc #0
    mov x1, sp
    mov x0, #3
    svc #0
    mrs x1, cntv_cval_el0                // trapped: CNTKCTL_EL1.EL0VTEN = 0
    mov x0, #3
    svc #0
    b .
