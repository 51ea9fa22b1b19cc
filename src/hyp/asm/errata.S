// errata.S as it stands (no `errata` key): no speculative-AT workaround, so the hooks of errata-1319537.S are
// empty; the image builder substitutes that file when the scenario lists 1319537. The switch writes the EL1 and
// stage-2 registers out of context and the ISB before the ERET makes them effective together (ARCH-NOTES §10).
    .macro at_walks_off
    .endm
    .macro at_stage2_consistent
    .endm
    .macro at_stage2_loaded
    .endm
    .macro at_sctlr_then_tcr
    .endm
