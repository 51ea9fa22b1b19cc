// Which drawn words the harness runs, from a mask table over the A64 encoding groups (Arm ARM C4.1, "A64
// instruction set encoding") — deliberately not twostage's decoder, which is what the programs test.
// - filtered: the words that would leave the harness or wreck it; drawn, counted per class, never run;
// - memory: loads and stores; the harness points their base register (and a register offset) into the scratch;
// - plain: everything else, run as drawn (UNDEFINED words included: the harness records the exception).

export type FilterClass =
  | 'branch (B, BL)'
  | 'conditional branch (B.cond)'
  | 'compare and branch (CBZ, CBNZ)'
  | 'test and branch (TBZ, TBNZ)'
  | 'branch to register (BR, BLR, RET, ERET, DRPS)'
  | 'exception generation (SVC, HVC, SMC, BRK, HLT, DCPS)'
  | 'wait (WFI, WFE)'
  | 'MSR (immediate): PSTATE'
  | 'system instruction (SYS, SYSL: DC, IC, AT, TLBI)'
  | 'MSR (register)'
  | 'MRS of a counter (CNT*, PMU)'
  | 'load/store exclusive';

export type Classified =
  | { readonly kind: 'filtered'; readonly class: FilterClass }
  | { readonly kind: 'memory'; /** the register-offset form: Rm (20:16) indexes the base */ readonly rm: boolean }
  | { readonly kind: 'plain' };

const PLAIN: Classified = { kind: 'plain' };
const MEMORY: Classified = { kind: 'memory', rm: false };
const MEMORY_RM: Classified = { kind: 'memory', rm: true };
const filtered = (c: FilterClass): Classified => ({ kind: 'filtered', class: c });

/** [mask, value, class]: the first row whose (word & mask) === value filters the word. */
const FILTERS: readonly (readonly [number, number, FilterClass])[] = [
  [0x7c00_0000, 0x1400_0000, 'branch (B, BL)'],                                       // C4.1.3 op0 = x00101
  [0xfe00_0000, 0x5400_0000, 'conditional branch (B.cond)'],                          // op0 = 010, 25 = 0
  [0x7e00_0000, 0x3400_0000, 'compare and branch (CBZ, CBNZ)'],                       // op0 = x01, 25 = 0
  [0x7e00_0000, 0x3600_0000, 'test and branch (TBZ, TBNZ)'],                          // op0 = x01, 25 = 1
  [0xfe00_0000, 0xd600_0000, 'branch to register (BR, BLR, RET, ERET, DRPS)'],        // op0 = 110, 25 = 1
  [0xff00_0000, 0xd400_0000, 'exception generation (SVC, HVC, SMC, BRK, HLT, DCPS)'], // op0 = 110, 25:24 = 00
  [0xffff_ffdf, 0xd503_205f, 'wait (WFI, WFE)'],                                      // HINT CRm = 0, op2 = 01x
  [0xfff8_f01f, 0xd500_401f, 'MSR (immediate): PSTATE'],                              // op0 = 00, CRn = 0100, Rt = 11111
  [0xffd8_0000, 0xd508_0000, 'system instruction (SYS, SYSL: DC, IC, AT, TLBI)'],     // op0 = 01
  [0xfff0_0000, 0xd510_0000, 'MSR (register)'],                                       // L = 0, op0 = 1x
  [0xffff_f000, 0xd53b_e000, 'MRS of a counter (CNT*, PMU)'],                         // MRS op0 = 11, op1 = 011, CRn = 1110 (generic timer)
  [0xffff_f000, 0xd53b_9000, 'MRS of a counter (CNT*, PMU)'],                         // MRS op0 = 11, op1 = 011, CRn = 1001 (PMU)
  [0x3f80_0000, 0x0800_0000, 'load/store exclusive'],                                 // 29:24 = 001000, o2 (23) = 0
];

export function classify(word: number): Classified {
  for (const [mask, value, c] of FILTERS) if (((word & mask) >>> 0) === value) return filtered(c);
  if ((word & 0x0a00_0000) !== 0x0800_0000) return PLAIN; // C4.1: op0 = x1x0 are the loads and stores
  if ((word & 0x3b00_0000) === 0x1800_0000) return PLAIN; // load register (literal): PC-relative, inside RAM
  if ((word & 0x3b20_0c00) === 0x3820_0800) return MEMORY_RM; // load/store register (register offset)
  return MEMORY;
}
