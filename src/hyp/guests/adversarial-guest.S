// An adversarial VM (EL1, MMU off so VA == IPA; its memory at IPA 0x8000_0000, scenarios/adversarial.yaml): it
// tries IPAs outside its own memory — equal to the physical addresses of the hypervisor, its page-table pool and
// another VM, the board's RTC (a device no VM is given; its UART is its own, emulated: test/hyp/vuart.test.ts), the top of the 44-bit IPA space — and a write to its read-only region. Every attempt must be denied by stage 2 and logged. After each probe
// it logs the value in X2 (0xbad when the hypervisor stepped over the access).
    .text
    .global _start
_start:
    adr x20, probes
1:  ldr x21, [x20], #8
    cbz x21, 2f
    mov x2, #0xbad
    ldr x2, [x21]             // probe (read)
    mov x0, #3
    mov x1, x2
    hvc #0
    b 1b
2:  ldr x21, =0x80400000      // its read-only region
    mov x2, #0xbad
    str x2, [x21]             // probe (write)
    mov x0, #2                // exit 0
    mov x1, #0
    hvc #0
    .balign 8
probes:
    .quad 0x40080000          // the hypervisor's PA
    .quad 0x40200000          // the page-table pool's PA
    .quad 0x40000000          // where the other VM's IPA space starts
    .quad 0x09010000          // the board's PL031 RTC
    .quad 0x0ffffffff000      // the top of the 44-bit IPA space
    .quad 0
    .ltorg
