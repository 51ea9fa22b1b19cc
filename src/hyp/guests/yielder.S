// A minimal guest (VM at EL1 or native app at EL0): yields twice, then exits 0. Used by the many-context
// scenarios (VMID rollover). VMs call with HVC #0, apps with SVC #0; X0 = function, X1 = argument.
    .text
    .global _start
_start:
    mov x0, #0
    hvc #0
    mov x0, #0
    hvc #0
    mov x0, #2
    mov x1, #0
    hvc #0
    b .
