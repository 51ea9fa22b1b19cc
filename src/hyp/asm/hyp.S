// The reference hypervisor (non-VHE ARMv8.0, EL2). The image builder assembles this file with twostage's own
// assembler; `context.S` (the context-table layout, the switch's save/restore of the per-context registers and the
// boot's trap setup), `config.S` (the context table and constants), `regime.S` (how a context's translation regime is
// loaded), `tlb.S` (the switch's TLB maintenance) and `errata.S` (the switch's speculative-AT hooks) are generated or
// chosen per scenario by src/hyp/image.ts.
// Register conventions inside the hypervisor: x19 = the context that trapped, x20 = the context being entered;
// x0–x15 are scratch; SP_EL2 is the hypervisor stack. EL2 runs with its MMU off (SCTLR_EL2.M = 0).
    .text
    .global _start
    .include "offsets.S"
    .include "context.S"
    .include "errata.S"
    .include "boot.S"
    .include "irq.S"
    .include "vectors.S"
    .include "hvc.S"
    .include "abort.S"
    .include "vuart.S"
    .include "vgicd.S"
    .include "vgic.S"
    .include "vpsci.S"
    .include "switch.S"
    .include "lazy.S"
    .include "print.S"
    .include "shim.S"
    .include "data.S"
    .include "config.S"
