// A VM guest that never yields: it prints one line, then spins at EL1 with its interrupts masked (PSTATE.I = 1).
// Only the hypervisor's slice timer (HCR_EL2.IMO = 1 takes the CNTHP_EL2 IRQ to EL2 whatever PSTATE.I says) gets
// the CPU back; when its slices are used up the hypervisor finishes it. X0 = function (1 putc), X1 = argument.
    .text
    .global _start
_start:
    adr x10, msg
1:  ldrb w1, [x10], #1
    cbz w1, 2f
    mov x0, #1
    hvc #0
    b 1b
2:  add x2, x2, #1
    b 2b
msg:
    .asciz "spinner: spinning until the hypervisor's timer preempts it\n"
