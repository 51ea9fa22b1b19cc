// Syntax of LD1–LD4/ST1–ST4 (multiple and single structures) and LD1R–LD4R (src/arch/a64/rows/asimd-struct.ts):
// `op {list}, [Xn|SP]` and the post-index forms `[Xn|SP], #size` / `[Xn|SP], Xm`, the list spelled as objdump 2.40
// prints it (`{v0.4s, v1.4s}`, a single structure's `{v0.s, v1.s}[1]`). LD2–LD4/ST2–ST4 (multiple) have no `.1d`
// form (size:Q = 110 is reserved: objdump prints the word as undefined); LD1R–LD4R have.
import { ASIMD_SINGLE, ASIMD_STRUCT, singleShape, structShape } from '../../arch/a64/rows/asimd-struct.ts';
import type { Fields, Form } from '../forms.ts';
import { memBase, memPostStruct } from '../kinds-mem.ts';
import { vlist, vlistLane } from '../kinds-simd.ts';

function formsFor(id: string, mn: string): Form[] {
  const s = structShape(id)!;
  const list = vlist('Rt', s.regs);
  const mem = s.post ? memPostStruct((q) => s.regs * (q ? 16 : 8)) : memBase('Rn');
  const when = s.selem === 1 ? undefined : (f: Fields) => !(f.size === 3 && f.Q === 0);
  return [when === undefined ? { mn, ops: [list, mem] } : { mn, ops: [list, mem], when }];
}

/** A single-structure row: the lane list (or, replicating, a whole-register list); post-index by selem elements. */
function singleFormsFor(id: string, mn: string): Form[] {
  const s = singleShape(id)!;
  const esize = 'bhsd'.indexOf(s.kind);
  const list = s.kind === 'r' ? vlist('Rt', s.selem) : vlistLane('Rt', s.selem, esize);
  const mem = s.post ? memPostStruct((_q, size) => s.selem << (s.kind === 'r' ? size : esize)) : memBase('Rn');
  return [{ mn, ops: [list, mem] }];
}

export const ASIMD_STRUCT_SYNTAX: Record<string, readonly Form[]> = {
  ...Object.fromEntries(ASIMD_STRUCT.map((r) => [r.id, formsFor(r.id, r.mnemonic)])),
  ...Object.fromEntries(ASIMD_SINGLE.map((r) => [r.id, singleFormsFor(r.id, r.mnemonic)])),
};
