// A hostile VM (EL1, MMU off) that floods the hypervisor's log: 100 loads from an IPA its stage 2 does not map, each a
// real denial (scenarios/hostile.yaml runs with on_denied: skip, so each is logged and stepped over). The log keeps a
// context's first LOG_PER_CTX records and counts the rest, so the flood cannot push any other context's records
// out. Then it logs 100 (its count) and exits 0. Calls: HVC #0, X0 = function (2 exit, 3 log), X1 = argument.
    .text
    .global _start
_start:
    ldr x21, =0x70000000      // nothing of this VM's there
    mov x20, #0
1:  ldr x2, [x21]             // denied: stage-2 translation fault
    add x20, x20, #1
    cmp x20, #100
    b.lo 1b
    mov x0, #3
    mov x1, x20
    hvc #0
    mov x0, #2                // exit 0
    mov x1, #0
    hvc #0
    .ltorg
