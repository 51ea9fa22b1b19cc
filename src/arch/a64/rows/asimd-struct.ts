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

/**
 * Single structures (ARM C4.1 "Advanced SIMD load/store single structure" and "… (post-indexed)"; C7.2 LD1–LD4,
 * ST1–ST4 (single structure), LD1R–LD4R): selem = opcode<0>:R + 1 registers, one element each. The element size
 * (opcode<2:1>) fixes how the lane index is packed: B Q:S:size, H Q:S:size<1> (size<0> = 0), S Q:S (size = 00), D Q
 * (S:size = 001); opcode<2:1> = 11 is the replicating load (L = 1, S = 0; size gives the element). The other
 * combinations are unallocated and stay with the class rows. Post-index: Rm = 11111 adds selem × element bytes.
 */
export type SingleKind = 'b' | 'h' | 's' | 'd' | 'r';

export interface SingleShape {
  readonly selem: number;
  readonly kind: SingleKind;
  readonly load: boolean;
  readonly post: boolean;
}

/** Bits 12:10 after opcode<2:1> (opcode<0> between them) for each kind: S and the size bits or their fixed values. */
const SINGLE_KINDS: readonly (readonly [SingleKind, string, string])[] = [
  ['b', '00', 'S:1 size:2'], ['h', '01', 'S:1 sz:1 0'], ['s', '10', 'S:1 00'], ['d', '10', '0 01'], ['r', '11', '0 size:2'],
];

const SINGLE = new Map<string, SingleShape>();

function singleRows(): RowSpec[] {
  const out: RowSpec[] = [];
  for (const [kind, scale, low] of SINGLE_KINDS) {
    for (const load of kind === 'r' ? [true] : [false, true]) {
      for (let selem = 1; selem <= 4; selem++) {
        const mn = `${load ? 'ld' : 'st'}${selem}${kind === 'r' ? 'r' : ''}`;
        const r = (selem - 1) & 1; // selem = opcode<0>:R + 1
        const o0 = (selem - 1) >>> 1;
        for (const post of [false, true]) {
          const id = `${mn.toUpperCase()}_${kind === 'r' ? 'V' : kind.toUpperCase()}${post ? '_post' : ''}`;
          const base = post ? `0011011 ${load ? 1 : 0} ${r} Rm:5` : `0011010 ${load ? 1 : 0} ${r} 00000`;
          SINGLE.set(id, { selem, kind, load, post });
          out.push({ id, mnemonic: mn, cls: 'fpsimd', feature: 'AdvSIMD', diagram: `0 Q:1 ${base} ${scale}${o0} ${low} Rn:5 Rt:5` });
        }
      }
    }
  }
  return out;
}

export const ASIMD_SINGLE: readonly RowSpec[] = singleRows();

/** The shape of a single-structure row (undefined for any other row). */
export function singleShape(id: string): SingleShape | undefined {
  return SINGLE.get(id);
}
