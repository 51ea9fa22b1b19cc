// Wrong but isolation-safe, and bounded: VTCR_EL2 from a literal pool with T0SZ = 16 — a 48-bit IPA on a PE with
// a 44-bit PA. The Arm ARM leaves the implementation two choices (ARM §D8.1.10; J1.1 AArch64.S2TxSZFaults): a
// stage-2 Translation fault on every access, or T0SZ behaving as 20; either way the VM reaches only its own
// memory (with 20 the tables are the VM's own). The checker explores both, and never walks a 48-bit root over RAM.
// check: --from vm1 --to vm2
// expect: none
// check: --from app --to vm1
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_KIND, 0x38

    ldp x0, x1, [x20, #C_HCR]
    ldr x2, =0x80043590             // VTCR_EL2: PS 44 bits, 4K, SL0 = 2 (level 0) — but T0SZ = 16
    msr vtcr_el2, x2
    msr vttbr_el2, x1
    msr hcr_el2, x0
    isb
    eret
    .ltorg
