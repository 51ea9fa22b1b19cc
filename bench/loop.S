// loop.S: the CPU benchmark at EL2 with the MMU off: 25,000,000 iterations of the 8-instruction loop of
// loop-body.inc, then its checksums on the PL011 and semihosting exit 0. Run by `npm run bench` (bench/cpu.ts),
// which compares it with loop-mmu.S (the same loop at EL1 under stage 1 + stage 2). Build: scripts/build-examples.sh.

        .text
        .global _start
_start:
        .include "loop-body.inc"
