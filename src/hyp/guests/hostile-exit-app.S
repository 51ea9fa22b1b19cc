// A hostile native app (EL0) that tries to end the whole run with semihosting SYS_EXIT. Semihosting is never a
// guest's: HLT #0xF000 is UNDEFINED at EL0 even where the machine offers semihosting (QEMU refuses it at EL0), and a
// hypervisor image runs without it. Its EL1 shim forwards the UNDEFINED exception (EC 0x00) to the hypervisor,
// which denies it and stops the app; the others run on. Calls: SVC #0, X0 = function (3 log), X1 = argument.
    .text
    .global _start
_start:
    mov x0, #3
    mov x1, #0x1
    svc #0
    mov x0, #0x18             // SYS_EXIT {ADP_Stopped_ApplicationExit, 0}
    adr x1, exit_block
    hlt #0xf000
    mov x0, #3                // never reached: the hypervisor stopped the app at the HLT
    mov x1, #0xbad
    svc #0
    b .
    .balign 8
exit_block:
    .quad 0x20026, 0
