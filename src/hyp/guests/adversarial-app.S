// An adversarial native app (EL0): it tries VAs its stage 1 does not give it — the physical addresses of the
// hypervisor, its page-table pool and the VMs (as if VA == PA), the EL1 shim's page (EL1-only), the top of the
// 44-bit range — and a write to its own read-only region. Under el1-shim every attempt is a stage-1 fault the
// shim forwards; under seed-tge (no translation at all) they succeed. After each probe it logs X2 (0xbad when
// the hypervisor stepped over the access).
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
    svc #0
    b 1b
2:  adr x21, _start
    add x21, x21, #0x10, lsl #12   // its read-only region, 64 KiB above the entry
    mov x2, #0xbad
    str x2, [x21]             // probe (write)
    mov x0, #2                // exit 0
    mov x1, #0
    svc #0
    .balign 8
probes:
    .quad 0x40080000          // the hypervisor
    .quad 0x40200000          // the page-table pool
    .quad 0x40000000          // VM memory (IPA) / RAM base
    .quad 0x0000fffffffff000  // the EL1 shim's page (EL1 only)
    .quad 0x00000ffffffff000  // the top of the 44-bit range
    .quad 0
    .ltorg
