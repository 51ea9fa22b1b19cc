// edge.S as a native app at EL0, under the hypervisor-owned stage 1 (Normal memory): calls are SVC #0.
    .macro call
    svc #0
    .endm
    .text
    .global _start
_start:
    adr x20, _start
    mov x0, #0xffff           // its memory is 64 KiB from _start
    add x20, x20, x0
    .include "edge.S"
