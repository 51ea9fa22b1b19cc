// Subtly wrong under tlb: flush: it invalidates the reused VMID of the target by the target's one IPA range — TLBI
// IPAS2LE1 of the 2 MiB block at IPA 0x4000_0000, then TLBI VMALLE1 for stage 1 — which removes every leaf entry the
// outgoing VM left under that VMID, but IPAS2LE1 is a last-level form: it need not remove walk-cache entries (ARM
// §D8.16, C5.5), and vm1's cached stage-2 table descriptors for the same IPAs lead vm2's walks into vm1's tables and
// memory. TLBI VMALLS12E1 (or IPAS2E1, all levels) is the operation.
// check: --from vm1 --to vm2 --scenario test/check/corpus/flush.yaml
// expect: 18:tlb-stale:error
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08

    dsb ishst
    ldp x0, x1, [x20, #C_HCR]
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    mov x7, #(0x40000000 >> 12)         // Xt[35:0] = IPA[47:12]: the target's memory
    tlbi ipas2le1, x7
    tlbi vmalle1
    dsb nsh
    isb
    eret
