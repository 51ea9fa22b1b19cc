// Syntax of LD1–LD4/ST1–ST4 (multiple structures; src/arch/a64/rows/asimd-struct.ts): `op {list}, [Xn|SP]` and the
// post-index forms `[Xn|SP], #size` / `[Xn|SP], Xm`, the list spelled as objdump 2.40 prints it. LD2–LD4/ST2–ST4
// have no `.1d` form (size:Q = 110 is reserved: objdump prints the word as undefined).
import { ASIMD_STRUCT, structShape } from '../../arch/a64/rows/asimd-struct.ts';
import type { Fields, Form } from '../forms.ts';
import { memBase, memPostStruct } from '../kinds-mem.ts';
import { vlist } from '../kinds-simd.ts';

function formsFor(id: string, mn: string): Form[] {
  const s = structShape(id)!;
  const list = vlist('Rt', s.regs);
  const mem = s.post ? memPostStruct((q) => s.regs * (q ? 16 : 8)) : memBase('Rn');
  const when = s.selem === 1 ? undefined : (f: Fields) => !(f.size === 3 && f.Q === 0);
  return [when === undefined ? { mn, ops: [list, mem] } : { mn, ops: [list, mem], when }];
}

export const ASIMD_STRUCT_SYNTAX: Record<string, readonly Form[]> = Object.fromEntries(ASIMD_STRUCT.map((r) => [r.id, formsFor(r.id, r.mnemonic)]));
