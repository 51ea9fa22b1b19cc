// Correct, Jailhouse style (prior-art.md §1: the VMID is the cell id, ≤ 255; written from the facts, not copied):
// the root cell is id 0 and is under stage 2 like every cell, so VMID 0 is a live context's here. The cell's VTTBR_EL2
// is its stage-2 root with the cell id inserted by BFI, then the cell flushes its own VMID (ISB first so the TLBI
// selects it), as Jailhouse does when a cell is (re)started — an over-invalidation, harmless.
// check: --from vm1 --to vm2
// expect: none
// check: --from vm2 --to app
// expect: none
// check: --from app --to vm1 --scenario test/check/corpus/flush.yaml
// expect: none
// static: none
    .equ C_HCR, 0x00
    .equ C_VTTBR, 0x08
    .equ C_VTCR, 0x10

arch_cell_enter:
    ldr x0, [x20, #C_VTTBR]
    bfi x0, x21, #48, #8            // VTTBR_EL2.VMID = cell id
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
