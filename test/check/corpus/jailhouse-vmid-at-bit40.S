// Wrong, Jailhouse style: jailhouse-cell-id.S with the cell id inserted at bit 40 instead of 48 — not the design
// note's shift by 16, so no quick rule knows the pattern. VTTBR_EL2.BADDR (bits 47:1) then points the stage-2 walk
// of every cell but the root (id 0) 1 TiB × id above its tables, into what is not memory at all; the VMID field
// keeps the VMID the context table holds. The exploration must catch it from what the PE does. Entering the app
// (stage 2 off) the wrong BADDR is never walked: no finding there.
// check: --from vm1 --to vm2
// expect: 24:walk-outside:error
// check: --from app --to vm2
// expect: 24:walk-outside:error
// check: --from vm2 --to app
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_VTCR, 0x10

arch_cell_enter:
    ldr x0, [x20, #C_VTTBR]
    bfi x0, x21, #40, #8            // "VMID = cell id" — at bit 40, inside BADDR
    ldr x1, [x20, #C_VTCR]
    msr vtcr_el2, x1
    msr vttbr_el2, x0
    ldr x0, [x20, #C_HCR]
    msr hcr_el2, x0
    isb
    dsb ishst
    tlbi vmalls12e1
    dsb nsh
    isb
    eret
