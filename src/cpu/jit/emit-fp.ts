// Code emitters for the common FP/SIMD forms (issue 13): FMOV (general, register), DUP (general), the modified-
// immediate group (MOVI, MVNI, ORR, BIC, FMOV vector) with its immediate expanded at translation time, ORR (vector,
// register: MOV) and the SIMD&FP loads and stores that compiled code is made of — LDR/STR S/D/Q (unsigned offset)
// and LDP/STP/LDNP/STNP D/Q (offset) — straight from the host cache. Each mirrors its handler (src/cpu/exec/fp-move.ts,
// asimd-int.ts, fp-ldst.ts) and is checked against it by test/cpu/jit.test.ts. Every one opens with the FP/SIMD
// access check (AArch64.CheckFPAdvSIMDEnabled): when CPACR_EL1.FPEN (below EL2) or CPTR_EL2.TFP traps, or the
// fast path does not apply, the block runs the handler, which raises what the interpreter raises.
import { advSimdExpandImm, imm5Size } from '../../arch/a64/simd.ts';
import { MODIFIED_IMM_IDS } from '../../arch/a64/rows/asimd-int.ts';
import { FP_LDST, fpLdstForm } from '../../arch/a64/rows/fpsimd.ts';
import { field, lowMask } from '../../arch/reg-fields.ts';
import { SR } from '../../arch/sysreg-table.ts';
import { REG_SP, WRITE_ZR } from '../state.ts';
import type { EmitEnv, Emitter } from './emit.ts';
import { hostHitOpen } from './host-access.ts';
import { interpretAt } from './exits.ts';

const CPTR_TFP = lowMask('CPTR_EL2', 'TFP');
const FPEN_LO = field('CPACR_EL1', 'FPEN').lo;

/**
 * The block prologue of a block with FP/SIMD emitters: `v`, the V registers' words, and `fpOn`, FP/SIMD usable at
 * the block's EL — CPTR_EL2.TFP = 0 and, below EL2, CPACR_EL1.FPEN = 0b11, or 0b01 at EL1 (fpsimd.ts
 * fpAccessTrapped, which the handler runs when it is false). Both registers change only through MSR, a system
 * instruction, which ends a block, and an exception leaves the block: `fpOn` holds for the whole block.
 */
export const FP_PROLOGUE = `const v = c.v32, fpen = (c.sr32[${SR.CPACR_EL1 * 2}] >>> ${FPEN_LO}) & 3, ` +
  `fpOn = (c.sr32[${SR.CPTR_EL2 * 2}] & ${CPTR_TFP}) === 0 && (el === 2 || fpen === 3 || (el === 1 && fpen === 1));`;

/** `body` when FP/SIMD is usable, else the interpreter (whose handler raises the access trap). */
function guarded(e: EmitEnv, body: string): string {
  e.fp = true;
  return `if (fpOn) { ${body} } else ${interpretAt(e.i)}`;
}

/** Statements: V[d] bits 127:64 = 0 (a 64-bit or scalar result, ZeroExtend to 128). */
const clearHigh = (d: number): string => `v[${d * 4 + 2}] = 0; v[${d * 4 + 3}] = 0;`;

/** FMOV Wd, Sn / Xd, Dn and FMOV Sd, Wn / Dd, Xn (fmovToGeneral, fmovFromGeneral). */
function emitFmovGeneral(w: number, e: EmitEnv): string {
  const sf = w >>> 31 === 1;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  if (((w >>> 16) & 1) === 0) return guarded(e, `u[${WRITE_ZR[d]! * 2}] = v[${n * 4}]; u[${WRITE_ZR[d]! * 2 + 1}] = ${sf ? `v[${n * 4 + 1}]` : '0'};`);
  return guarded(e, `v[${d * 4}] = u[${n * 2}]; v[${d * 4 + 1}] = ${sf ? `u[${n * 2 + 1}]` : '0'}; ${clearHigh(d)}`);
}

/** FMOV Xd, Vn.D[1] and FMOV Vd.D[1], Xn (fmovFromUpper, fmovToUpper). */
function emitFmovUpper(w: number, e: EmitEnv): string {
  const d = w & 31;
  const n = (w >>> 5) & 31;
  if (((w >>> 16) & 1) === 0) return guarded(e, `u[${WRITE_ZR[d]! * 2}] = v[${n * 4 + 2}]; u[${WRITE_ZR[d]! * 2 + 1}] = v[${n * 4 + 3}];`);
  return guarded(e, `v[${d * 4 + 2}] = u[${n * 2}]; v[${d * 4 + 3}] = u[${n * 2 + 1}];`);
}

/** FMOV Sd, Sn / Dd, Dn (fmovRegister). */
function emitFmovRegister(w: number, e: EmitEnv): string {
  const d = w & 31;
  const n = (w >>> 5) & 31;
  const hi = (w & (1 << 22)) !== 0 ? `v[${n * 4 + 1}]` : '0';
  return guarded(e, `const lo = v[${n * 4}], hi = ${hi}; v[${d * 4}] = lo; v[${d * 4 + 1}] = hi; ${clearHigh(d)}`);
}

/** DUP Vd.T, Wn/Xn (dupGeneral); reserved sizes run the handler (UNDEFINED). */
function emitDupGeneral(w: number, e: EmitEnv): string | undefined {
  const q = (w >>> 30) & 1;
  const s = imm5Size((w >>> 16) & 31);
  if (s === 4 || (s === 3 && q === 0)) return undefined;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  if (s === 3) return guarded(e, `const lo = u[${n * 2}], hi = u[${n * 2 + 1}]; v[${d * 4}] = lo; v[${d * 4 + 1}] = hi; v[${d * 4 + 2}] = lo; v[${d * 4 + 3}] = hi;`);
  const word = s === 0 ? `Math.imul(u[${n * 2}] & 0xff, 0x01010101) >>> 0` : s === 1 ? `(((u[${n * 2}] & 0xffff) << 16) | (u[${n * 2}] & 0xffff)) >>> 0` : `u[${n * 2}]`;
  const high = q === 1 ? `v[${d * 4 + 2}] = r; v[${d * 4 + 3}] = r;` : clearHigh(d);
  return guarded(e, `const r = ${word}; v[${d * 4}] = r; v[${d * 4 + 1}] = r; ${high}`);
}

const IMM = new Uint32Array(2);

/** MOVI/MVNI/ORR/BIC (vector, immediate) and FMOV (vector, immediate) (modifiedImm), AdvSIMDExpandImm a constant. */
function emitModifiedImm(w: number, e: EmitEnv): string | undefined {
  const q = (w >>> 30) & 1;
  const op = (w >>> 29) & 1;
  const cmode = (w >>> 12) & 15;
  if (cmode === 15 && op === 1 && q === 0) return undefined; // UNDEFINED: the handler raises it
  const d = w & 31;
  advSimdExpandImm(op, cmode, ((w >>> 11) & 0xe0) | ((w >>> 5) & 31), IMM);
  const combine = cmode < 12 && (cmode & 1) === 1;
  const invert = op === 1 && (cmode < 12 ? (cmode & 1) === 0 : cmode < 14);
  const parts: string[] = [];
  for (let i = 0; i < 4; i++) {
    const imm = IMM[i & 1]!;
    if (i >= 2 && q === 0) parts.push(`v[${d * 4 + i}] = 0;`);
    else if (combine) parts.push(op === 1 ? `v[${d * 4 + i}] &= ${~imm >>> 0};` : `v[${d * 4 + i}] |= ${imm};`);
    else parts.push(`v[${d * 4 + i}] = ${(invert ? ~imm : imm) >>> 0};`);
  }
  return guarded(e, parts.join(' '));
}

/** ORR Vd.T, Vn.T, Vm.T (MOV when n = m) (threeSame → logical). */
function emitOrrVector(w: number, e: EmitEnv): string {
  const q = (w >>> 30) & 1;
  const d = w & 31;
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const words = q === 1 ? 4 : 2;
  const reads = Array.from({ length: words }, (_, i) => `r${i} = v[${n * 4 + i}] | v[${m * 4 + i}]`).join(', ');
  const writes = Array.from({ length: words }, (_, i) => `v[${d * 4 + i}] = r${i};`).join(' ');
  return guarded(e, `const ${reads}; ${writes}${q === 1 ? '' : ` ${clearHigh(d)}`}`);
}


/**
 * Statements: V[t]'s low `bytes` (4, 8 or 16) from (load) or to the words of page `pg` at word `wi`; a load zeroes
 * the bits above (vLoad, vStore).
 */
function vMove(load: boolean, t: number, bytes: number, wi: string): string {
  const words = bytes / 4;
  const out: string[] = [];
  for (let k = 0; k < words; k++) out.push(load ? `v[${t * 4 + k}] = pg.u32[${wi} + ${k}];` : `pg.u32[${wi} + ${k}] = v[${t * 4 + k}];`);
  if (load) for (let k = words; k < 4; k++) out.push(`v[${t * 4 + k}] = 0;`);
  return out.join(' ');
}

/** Accesses a SIMD&FP register of `bytes` makes through Cpu.load/store (vLoad: a Q register is two doublewords). */
const accessesOf = (bytes: number): number => (bytes === 16 ? 2 : 1);

/**
 * The inline body of a SIMD&FP access at `addr` (statements defining `a`, `hi`): the host-cache hit test for
 * `span` bytes at a `bytes`-aligned address within one 4 KiB page (a store: a page that holds no code), and with an
 * SP base that base 16-byte aligned (AArch64.CheckSPAlignment), then `move`; anything else leaves for the interpreter.
 */
function inlineAccess(e: EmitEnv, load: boolean, rn: number, bytes: number, span: number, counted: number, addr: string, move: string): string {
  e.inline += counted;
  const n = REG_SP[rn]!;
  const hit = hostHitOpen(e, load, bytes, span, rn === 31 ? ` && (u[${n * 2}] & 15) === 0` : '');
  e.fp = true;
  return `if (fpOn) { ${addr} ${hit}${move} } else ${interpretAt(e.i)} } else ${interpretAt(e.i)}`;
}

/** Statements: `a`, `hi` = X[n] + off on the halves (off a constant of either sign). */
function addressPlus(rn: number, off: number): string {
  const n = REG_SP[rn]!;
  return `const lo = u[${n * 2}] + ${off}, a = lo >>> 0, hi = (u[${n * 2 + 1}] + (lo > 0xffffffff ? 1 : lo < 0 ? -1 : 0)) | 0;`;
}

/** LDR/STR St/Dt/Qt, [Xn|SP, #imm] (unsigned offset) (fp-ldst.ts). */
function emitFpLdstUnsignedOffset(w: number, e: EmitEnv): string | undefined {
  const scale = (w & (1 << 23)) !== 0 ? 4 : w >>> 30;
  if (scale < 2) return undefined; // B and H registers: the handler
  const bytes = 1 << scale;
  const load = (w & (1 << 22)) !== 0;
  const rn = (w >>> 5) & 31;
  const t = w & 31;
  const off = ((w >>> 10) & 0xfff) * bytes;
  return inlineAccess(e, load, rn, bytes, bytes, accessesOf(bytes), addressPlus(rn, off), vMove(load, t, bytes, 'wi'));
}

/** LDP/STP/LDNP/STNP Dt1, Dt2 / Qt1, Qt2, [Xn|SP, #imm] (no writeback); LDP with t1 = t2 runs the handler. */
function emitFpLdstPair(w: number, e: EmitEnv): string | undefined {
  const opc = w >>> 30;
  const idx = (w >>> 23) & 3;
  const load = (w & (1 << 22)) !== 0;
  const t = w & 31;
  const t2 = (w >>> 10) & 31;
  if (opc === 0 || opc === 3 || (idx !== 0 && idx !== 2) || (load && t === t2)) return undefined;
  const bytes = opc === 1 ? 8 : 16;
  const rn = (w >>> 5) & 31;
  const off = ((w << 10) >> 25) * bytes; // imm7, sign-extended, scaled
  const move = `${vMove(load, t, bytes, 'wi')} ${vMove(load, t2, bytes, `wi + ${bytes / 4}`)}`;
  return inlineAccess(e, load, rn, bytes, 2 * bytes, 2 * accessesOf(bytes), addressPlus(rn, off), move);
}

const formRows = (form: string, emit: Emitter): Record<string, Emitter> =>
  Object.fromEntries(FP_LDST.filter((r) => fpLdstForm(r.id) === form).map((r) => [r.id, emit]));

/** The FP/SIMD emitters by encoding-row id (emit.ts merges them into EMITTERS). */
export const FP_EMITTERS: Readonly<Record<string, Emitter>> = {
  FMOV_W_S: emitFmovGeneral, FMOV_S_W: emitFmovGeneral, FMOV_X_D: emitFmovGeneral, FMOV_D_X: emitFmovGeneral,
  FMOV_X_V1: emitFmovUpper, FMOV_V1_X: emitFmovUpper, FMOV_reg: emitFmovRegister, DUP_gen: emitDupGeneral,
  ...Object.fromEntries(MODIFIED_IMM_IDS.map((id) => [id, emitModifiedImm])),
  ORR_v: emitOrrVector,
  ...formRows('uoff', emitFpLdstUnsignedOffset),
  ...formRows('pair', emitFpLdstPair),
};
