// A hostile VM for issue 11 (scenarios/high-alias.yaml): its memory, IPA 0x4000_0000..0x4040_0000, lies at PA
// 0x1_4000_0000 — exactly 4 GiB above the hypervisor (PA 0x4008_0000..0x4020_0000) and its page tables (from
// 0x4020_0000). With RAM indexed in 32 bits, its IPA x was the hypervisor's PA x. EL1, MMU off (VA == IPA).
// It logs what it finds where the hypervisor's first instruction and the first stage-2 descriptor would be, then
// covers that window of its own memory with a NOP sled ending in an EL2 payload (print, then PSCI SYSTEM_OFF),
// so that the hypervisor's vectors would run it at the next exception to EL2; then it logs its CurrentEL and a
// marker through the hypervisor and exits 0. On a correct machine (and on QEMU -m 8G) it only ever writes its own
// memory: it logs 0, 0, 0x4 (EL1) and 0x600d, and nothing prints "EL2".
    .text
    .global _start
    .equ HYP_ALIAS, 0x40080000   // the hypervisor's PA, as this VM's IPA (src/hyp/layout.ts HYP_BASE)
    .equ POOL_ALIAS, 0x40200000  // the page-table pool's PA (HYP_LIMIT), as this VM's IPA
    .equ PAYLOAD_AT, 0x401fffc0  // the last 64 bytes below the pool
_start:
    ldr x1, =HYP_ALIAS
    ldr x1, [x1]
    mov x0, #3                  // log
    hvc #0
    ldr x1, =POOL_ALIAS
    ldr x1, [x1]
    mov x0, #3
    hvc #0
    // the sled: NOP over [HYP_ALIAS, PAYLOAD_AT)
    ldr x1, =HYP_ALIAS
    ldr x2, =PAYLOAD_AT
    ldr x3, =0xd503201fd503201f // two NOPs
1:  stp x3, x3, [x1], #16
    cmp x1, x2
    b.lo 1b
    // the payload: 64 bytes at PAYLOAD_AT
    adr x4, payload
    mov x5, #4
2:  ldp x6, x7, [x4], #16
    stp x6, x7, [x1], #16
    subs x5, x5, #1
    b.ne 2b
    dsb sy
    isb
    mrs x1, currentel
    mov x0, #3
    hvc #0                      // on an aliasing machine the hypervisor's vector is now the sled
    mov x1, #0x600d
    mov x0, #3
    hvc #0
    mov x0, #2                  // exit 0
    mov x1, #0
    hvc #0
    b .

    .balign 16
payload:                        // position-independent EL2 code, 64 bytes with its message
    movz x1, #0x0900, lsl #16   // the PL011 data register
    adr x2, payload_msg
3:  ldrb w3, [x2], #1
    cbz w3, 4f
    strb w3, [x1]
    b 3b
4:  movz x0, #0x8400, lsl #16
    movk x0, #8                 // PSCI SYSTEM_OFF
    smc #0
    b .
payload_msg:
    .asciz "EL2 taken by high\n"
    .balign 16
payload_end:
    .ltorg
