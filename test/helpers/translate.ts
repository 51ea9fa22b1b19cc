// The translation threshold the translator tests run with: low, so that their loops reach translated blocks after a
// few passes (Cpu.translateAfter; the machine's default, jit/block.ts HOT, is set for real programs).
export const TEST_HOT = 16;
