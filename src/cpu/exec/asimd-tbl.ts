// TBL and TBX (ARM C7.2; shared pseudocode "Advanced SIMD table lookup"): each byte of Vm indexes the table formed by
// len + 1 consecutive registers from Vn (modulo 32, 16 bytes each, Vn's byte 0 first); an index past the table gives
// 0 (TBL) or keeps the byte of Vd (TBX). The result is built in the vt scratch (Vd may be a table register or Vm)
// and a 64-bit form (Q = 0) clears bits 127:64 of Vd, TBX included (V[d] = result, 64 bits).
import type { Cpu } from '../cpu.ts';
import { INSN } from '../state.ts';
import { writeResult } from './asimd-int.ts';
import { fpAccessTrapped } from './fpsimd.ts';

export function tableLookup(c: Cpu): void {
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64
  const w = c.u32[INSN * 2]!;
  const q = (w >>> 30) & 1;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const tbx = (w & (1 << 12)) !== 0;
  const tableBytes = (((w >>> 13) & 3) + 1) * 16;
  const b = c.v8;
  const t = c.vt8;
  const bytes = q === 1 ? 16 : 8;
  for (let i = 0; i < bytes; i++) {
    const index = b[m * 16 + i]!;
    // the table register holding byte `index` is (n + index DIV 16) MOD 32
    t[i] = index < tableBytes ? b[((n + (index >>> 4)) & 31) * 16 + (index & 15)]! : tbx ? b[d * 16 + i]! : 0;
  }
  writeResult(c, d, q);
}
