// tlb: flush — invalidate the incoming VMID's stage-1 and stage-2 entries on every switch. TLBI uses the VMID
// in VTTBR_EL2, so the ISB makes the new VTTBR_EL2 effective first (ARCH-NOTES §9); the DSB completes the TLBI.
    isb
    tlbi vmalls12e1
    dsb nsh
