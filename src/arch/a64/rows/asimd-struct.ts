// Encoding rows: Advanced SIMD load/store multiple structures (ARM C4.1 "Advanced SIMD load/store multiple
// structures" and "… (post-indexed)"; C7.2 LD1–LD4, ST1–ST4): one row per opcode, direction and form. The opcode
// gives the structure's element count (selem: LD2 interleaves pairs, LD3 triples, LD4 quads) and, for LD1/ST1, how
// many registers are transferred one after the other (rpt). Post-index: Rm = 11111 adds the transfer size, any
// other Rm adds Xm. LD2–LD4/ST2–ST4 with size:Q = 110 (`.1d`) are reserved: the handler raises UNDEFINED.
import type { RowSpec } from '../encoding.ts';

/** [opcode bits, registers, selem] for each allocated opcode (the others stay with the encoding class rows). */
const OPCODES: readonly (readonly [string, number, number])[] = [
  ['0111', 1, 1], ['1010', 2, 1], ['0110', 3, 1], ['0010', 4, 1], // LD1/ST1, 1–4 consecutive registers
  ['1000', 2, 2], ['0100', 3, 3], ['0000', 4, 4], // LD2/ST2, LD3/ST3, LD4/ST4
];

export interface StructShape {
  /** Registers in the list. */
  readonly regs: number;
  /** Elements per structure (1 for LD1/ST1). */
  readonly selem: number;
  readonly load: boolean;
  readonly post: boolean;
}

const SHAPES = new Map<string, StructShape>();

function rows(): RowSpec[] {
  const out: RowSpec[] = [];
  for (const [opcode, regs, selem] of OPCODES) {
    for (const load of [false, true]) {
      const mn = `${load ? 'ld' : 'st'}${selem}`;
      const stem = `${mn.toUpperCase()}${selem === 1 ? `_${regs}V` : '_V'}`;
      for (const post of [false, true]) {
        const id = post ? `${stem}_post` : stem;
        const diagram = post
          ? `0 Q:1 0011001 ${load ? 1 : 0} 0 Rm:5 ${opcode} size:2 Rn:5 Rt:5`
          : `0 Q:1 0011000 ${load ? 1 : 0} 000000 ${opcode} size:2 Rn:5 Rt:5`;
        SHAPES.set(id, { regs, selem, load, post });
        out.push({ id, mnemonic: mn, cls: 'fpsimd', feature: 'AdvSIMD', diagram });
      }
    }
  }
  return out;
}

export const ASIMD_STRUCT: readonly RowSpec[] = rows();

/** The shape of a multiple-structure row (undefined for any other row). */
export function structShape(id: string): StructShape | undefined {
  return SHAPES.get(id);
}
