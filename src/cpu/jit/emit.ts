// Code emitters of the block translator, bound to encoding rows by id (EMITTERS): for the hottest rows, the JavaScript that does
// what the handler does for ONE given word, with the fields decoded at translation time (register slots, immediates
// and shift amounts become constants). Each emitter mirrors its handler in src/cpu/exec/ and is checked against it
// by test/cpu/jit.test.ts (same state after random blocks run translated and interpreted). An emitter returns
// undefined for a word it does not specialise (e.g. one whose handler raises UNDEFINED): the block then calls the
// handler itself. Generated code sees the locals `c` (the Cpu), `x`/`u`/`i32` (register-file views), `el` (PSTATE.EL
// at block entry), `pc0` (low word of the block's first PC), `ft` (the fetch tag's low word) and the helpers of
// block.ts (BLOCK_HELPERS: `addHalves`, `conditionHolds`, `shift64`, `branchTo`, the bit, multiply-high, division and
// CRC helpers of exec/dp-reg.ts).
import { BITMASK_TABLE, BITMASK_TABLE_U32, BITMASK_VALID, bitmaskIndex, VALID_IMM32, VALID_IMM64 } from '../../arch/a64/bitmask.ts';
import type { Encoding } from '../../arch/a64/encoding.ts';
import { LDST, ldstForm, type LdstForm } from '../../arch/a64/rows/ldst.ts';
import { ROWS } from '../../arch/a64/table.ts';
import { ISS_AR } from '../../arch/syndrome.ts';
import { singleIss } from '../exec/ldst-access.ts';
import { hostHitOpen } from './host-access.ts';
import { heatOf } from '../decode-cache.ts';
import { interpretAt, leave } from './exits.ts';
import { SHIFT_ASR, SHIFT_LSL, SHIFT_LSR } from '../exec/shifts.ts';
import { FP_EMITTERS } from './emit-fp.ts';
import {
  FETCH_TAG, FLAG_A, FLAG_B, FLAG_KIND, FLAG_R, FLAGS_ADD32, FLAGS_ADD64, FLAGS_LOGIC32, FLAGS_LOGIC64, FLAGS_SUB32, FLAGS_SUB64, PC,
  PC_AHEAD, REG_SP, RUN_COUNT, TMP0, TMP1, TMP2, WRITE_ZR,
} from '../state.ts';

/** Static knowledge the emitters share within a block. */
export interface EmitEnv {
  /** Index of this instruction in the block. */
  i: number;
  /** The lazy-flag kind (FLAGS_*) an earlier instruction of the block is known to have set, or -1. */
  flags: number;
  /** Set by an emitter whose code reads the host cache: the block's prologue then has HOST_CACHE_PROLOGUE. */
  hostCache: boolean;
  /** Set by an FP/SIMD emitter (emit-fp.ts): the block's prologue then provides `v` and `fpOn` (FP_PROLOGUE). */
  fp: boolean;
  /**
   * Loads and stores the block's instructions so far make from the host cache inline (a pair counts two): an emitter
   * that does adds its own — the run loop counts them per block for the instructions a block ran (PageBlocks.inline);
   * a miss leaves the instruction to the interpreter, which counts its own (exits.ts interpretAt).
   */
  inline: number;
}

/** Returns the code for word `w`, or undefined to call the handler instead. */
export type Emitter = (w: number, e: EmitEnv) => string | undefined;

const ONES64 = '0xffffffffffffffffn';
/** Expression: the low word of the address of block instruction `i` + `delta` bytes. */
const pcLo = (i: number, delta = 0): string => `(pc0 + ${4 * i + delta})`;
/** Expression: the PC slot's low word while instruction `i` runs (state.ts: the PC convention). */
const pcDuring = (i: number): string => pcLo(i, PC_AHEAD);
/** Statement: leave the block after instruction `i` if the fetch tag changed (exception, halt, code written). */
const leaveIfTagChanged = (i: number): string => `if (u[${FETCH_TAG * 2}] !== ft) ${leave(i + 1)}`;
/**
 * Statement: Cpu.retired() for a slow path of instruction `i` (a device it reaches may read the time, e.g. the PL031's
 * counter): the instructions retired before it in this run, as the interpreter's loop sets before each handler.
 */
export const retiredBefore = (i: number): string => `u[${RUN_COUNT * 2}] = n0 + ${i}; `;


/** ADD/ADDS/SUB/SUBS (immediate): as addSubImm. */
function emitAddSubImm(w: number, e: EmitEnv): string {
  const n = REG_SP[(w >>> 5) & 31]!;
  const sub = (w >>> 30) & 1;
  const setFlags = (w >>> 29) & 1;
  const d = setFlags ? WRITE_ZR[w & 31]! : REG_SP[w & 31]!;
  const imm = (w & (1 << 22)) !== 0 ? ((w >>> 10) & 0xfff) * 4096 : (w >>> 10) & 0xfff; // sh=1: LSL #12
  const op = sub ? '-' : '+';
  if ((w & 0x80000000) !== 0) {
    if (!setFlags) return `x[${d}] = x[${n}] ${op} ${imm}n;`;
    e.flags = sub ? FLAGS_SUB64 : FLAGS_ADD64;
    return `x[${FLAG_A}] = x[${n}]; u[${FLAG_B * 2}] = ${imm}; u[${FLAG_B * 2 + 1}] = 0; ` +
      `x[${FLAG_R}] = x[${FLAG_A}] ${op} ${imm}n; x[${d}] = x[${FLAG_R}]; u[${FLAG_KIND * 2}] = ${e.flags};`;
  }
  let flags = '';
  if (setFlags) {
    e.flags = sub ? FLAGS_SUB32 : FLAGS_ADD32;
    flags = `u[${FLAG_A * 2}] = a; u[${FLAG_B * 2}] = ${imm}; u[${FLAG_R * 2}] = r; u[${FLAG_KIND * 2}] = ${e.flags}; `;
  }
  return `{ const a = u[${n * 2}]; const r = (a ${op} ${imm}) >>> 0; ${flags}u[${d * 2}] = r; u[${d * 2 + 1}] = 0; }`;
}

/** MOVN/MOVZ/MOVK: as moveWide. */
function emitMoveWide(w: number): string | undefined {
  const opc = (w >>> 29) & 3;
  const hw = (w >>> 21) & 3;
  const sf = (w & 0x80000000) !== 0;
  if (!sf && hw >= 2) return undefined; // UNDEFINED: the handler raises it
  const d = WRITE_ZR[w & 31]!;
  const pos = (hw & 1) * 16;
  const half = d * 2 + (hw >>> 1);
  const imm = (((w >>> 5) & 0xffff) << pos) >>> 0;
  if (opc === 3) return `u[${half}] = (u[${half}] & ${~(0xffff << pos) >>> 0}) | ${imm};${sf ? '' : ` u[${d * 2 + 1}] = 0;`}`;
  const fill = opc === 0 ? 0xffffffff : 0; // MOVN writes NOT(imm16 << shift)
  const words = [fill, sf ? fill : 0];
  words[hw >>> 1] = (words[hw >>> 1]! ^ imm) >>> 0;
  return `u[${d * 2}] = ${words[0]}; u[${d * 2 + 1}] = ${words[1]};`;
}

/** AND/ORR/EOR/ANDS (immediate): as logicalImm, the DecodeBitMasks value a constant. */
function emitLogicalImm(w: number, e: EmitEnv): string | undefined {
  const idx = bitmaskIndex(w);
  const opc = (w >>> 29) & 3;
  const n = (w >>> 5) & 31;
  const d = opc === 3 ? WRITE_ZR[w & 31]! : REG_SP[w & 31]!;
  const op = ['&', '|', '^', '&'][opc]!;
  if ((w & 0x80000000) !== 0) {
    if ((BITMASK_VALID[idx]! & VALID_IMM64) === 0) return undefined; // UNDEFINED
    const k = `0x${BITMASK_TABLE[idx]!.toString(16)}n`;
    if (opc !== 3) return `x[${d}] = x[${n}] ${op} ${k};`;
    e.flags = FLAGS_LOGIC64;
    return `x[${FLAG_R}] = x[${n}] & ${k}; x[${d}] = x[${FLAG_R}]; u[${FLAG_KIND * 2}] = ${FLAGS_LOGIC64};`;
  }
  if ((BITMASK_VALID[idx]! & VALID_IMM32) === 0) return undefined; // UNDEFINED
  const imm = BITMASK_TABLE_U32[idx * 2]!;
  const flags = opc === 3 ? `u[${FLAG_R * 2}] = r; u[${FLAG_KIND * 2}] = ${FLAGS_LOGIC32}; ` : '';
  if (opc === 3) e.flags = FLAGS_LOGIC32;
  return `{ const r = (u[${n * 2}] ${op} ${imm}) >>> 0; ${flags}u[${d * 2}] = r; u[${d * 2 + 1}] = 0; }`;
}

/**
 * The shifted second operand of a 64-bit register instruction as an expression; ASR and ROR (not lowered to
 * int64 as BigInt expressions) are computed into TMP2 by `pre` first, as the handlers do.
 */
function operand64(m: number, type: number, k: number): { pre: string; expr: string } {
  if (k === 0) return { pre: '', expr: `x[${m}]` };
  if (type === SHIFT_LSL) return { pre: '', expr: `(x[${m}] << ${k}n)` }; // truncated by the register-file store
  if (type === SHIFT_LSR) return { pre: '', expr: `(x[${m}] >> ${k}n)` };
  return { pre: `shift64(u, ${TMP2}, ${m}, ${type}, ${k}); `, expr: `x[${TMP2}]` };
}

/** The shifted second operand of a 32-bit register instruction (ShiftReg on a W register), k < 32. */
function operand32(m: number, type: number, k: number): string {
  if (k === 0) return `u[${m * 2}]`;
  switch (type) {
    case SHIFT_LSL: return `(u[${m * 2}] << ${k})`;
    case SHIFT_LSR: return `(u[${m * 2}] >>> ${k})`;
    case SHIFT_ASR: return `(i32[${m * 2}] >> ${k})`;
    default: return `((u[${m * 2}] >>> ${k}) | (u[${m * 2}] << ${32 - k}))`;
  }
}

/** AND/BIC/ORR/ORN/EOR/EON/ANDS/BICS (shifted register): as logicalShifted. */
function emitLogicalShifted(w: number, e: EmitEnv): string | undefined {
  const type = (w >>> 22) & 3;
  const opc = (w >>> 29) & 3;
  const invert = (w & 0x200000) !== 0; // N: NOT(operand2)
  const n = (w >>> 5) & 31;
  const d = WRITE_ZR[w & 31]!;
  const m = (w >>> 16) & 31;
  const k = (w >>> 10) & 63;
  const op = ['&', '|', '^', '&'][opc]!;
  if ((w & 0x80000000) !== 0) {
    const o = operand64(m, type, k);
    const expr = invert ? `(${o.expr} ^ ${ONES64})` : o.expr;
    if (opc !== 3) return `${o.pre}x[${d}] = x[${n}] ${op} ${expr};`;
    e.flags = FLAGS_LOGIC64;
    return `${o.pre}x[${FLAG_R}] = x[${n}] & ${expr}; x[${d}] = x[${FLAG_R}]; u[${FLAG_KIND * 2}] = ${FLAGS_LOGIC64};`;
  }
  if (k >= 32) return undefined; // UNDEFINED
  const expr = invert ? `~${operand32(m, type, k)}` : operand32(m, type, k);
  const flags = opc === 3 ? `u[${FLAG_R * 2}] = r; u[${FLAG_KIND * 2}] = ${FLAGS_LOGIC32}; ` : '';
  if (opc === 3) e.flags = FLAGS_LOGIC32;
  return `{ const r = (u[${n * 2}] ${op} ${expr}) >>> 0; ${flags}u[${d * 2}] = r; u[${d * 2 + 1}] = 0; }`;
}

/** ADD/ADDS/SUB/SUBS (shifted register): as addSubShifted. */
function emitAddSubShifted(w: number, e: EmitEnv): string | undefined {
  const type = (w >>> 22) & 3;
  if (type === 3) return undefined; // reserved shift: UNDEFINED
  const n = (w >>> 5) & 31;
  const d = WRITE_ZR[w & 31]!;
  const sub = (w & 0x40000000) !== 0;
  const setFlags = (w & 0x20000000) !== 0;
  const m = (w >>> 16) & 31;
  const k = (w >>> 10) & 63;
  const op = sub ? '-' : '+';
  if ((w & 0x80000000) !== 0) {
    if (!setFlags) {
      const o = operand64(m, type, k);
      return `${o.pre}x[${d}] = x[${n}] ${op} ${o.expr};`;
    }
    // ADDS/SUBS on the halves, as the handler: the BigInt form allocated (≈ 37 bytes per instruction with a shift)
    e.flags = sub ? FLAGS_SUB64 : FLAGS_ADD64;
    const b = k === 0 ? m : TMP2;
    const pre = k === 0 ? '' : `shift64(u, ${TMP2}, ${m}, ${type}, ${k}); `;
    const hi = sub ? `ah - bh - (lo < 0 ? 1 : 0)` : `ah + bh + (lo > 0xffffffff ? 1 : 0)`;
    return `{ ${pre}const al = u[${n * 2}], ah = u[${n * 2 + 1}], bl = u[${b * 2}], bh = u[${b * 2 + 1}]; ` +
      `const lo = al ${op} bl, hi = ${hi}; ` +
      `u[${FLAG_A * 2}] = al; u[${FLAG_A * 2 + 1}] = ah; u[${FLAG_B * 2}] = bl; u[${FLAG_B * 2 + 1}] = bh; ` +
      `u[${FLAG_R * 2}] = lo; u[${FLAG_R * 2 + 1}] = hi; u[${d * 2}] = lo; u[${d * 2 + 1}] = hi; u[${FLAG_KIND * 2}] = ${e.flags}; }`;
  }
  if (k >= 32) return undefined; // UNDEFINED
  let flags = '';
  if (setFlags) {
    e.flags = sub ? FLAGS_SUB32 : FLAGS_ADD32;
    flags = `u[${FLAG_A * 2}] = a; u[${FLAG_B * 2}] = b; u[${FLAG_R * 2}] = r; u[${FLAG_KIND * 2}] = ${e.flags}; `;
  }
  return `{ const a = u[${n * 2}]; const b = ${operand32(m, type, k)} >>> 0; const r = (a ${op} b) >>> 0; ${flags}` +
    `u[${d * 2}] = r; u[${d * 2 + 1}] = 0; }`;
}

/**
 * Statements: ExtendReg(Rm, option, k) (ARM J1 shared ExtendReg; k ≤ 4) as 32-bit halves, `xl` (unsigned) and `xh`,
 * from the register's low word `ml` extended and `mh` its high word before the shift (never `el`: that is the block's
 * EL). One source for the extended-register arithmetic and the register-offset addresses (Rm = 31 is XZR: slot 31
 * reads 0).
 */
function extendReg(m: number, opt: number, k: number): string {
  // UXTB, UXTH, UXTW, UXTX, SXTB, SXTH, SXTW, SXTX
  const ml = [`u[${m * 2}] & 0xff`, `u[${m * 2}] & 0xffff`, `u[${m * 2}]`, `u[${m * 2}]`,
    `(u[${m * 2}] << 24) >> 24`, `(u[${m * 2}] << 16) >> 16`, `i32[${m * 2}]`, `u[${m * 2}]`][opt]!;
  const mh = opt === 3 || opt === 7 ? `u[${m * 2 + 1}]` : opt < 3 ? '0' : 'ml >> 31';
  const shifted = k === 0 ? 'xl = ml >>> 0, xh = mh;' : `xl = (ml << ${k}) >>> 0, xh = (mh << ${k}) | (ml >>> ${32 - k});`;
  return `const ml = ${ml}, mh = ${mh}, ${shifted}`;
}

/**
 * ADD/ADDS/SUB/SUBS (extended register): as addSubExtended, ExtendReg(Rm, option, shift) on the halves — the
 * extension's low word `xl` (unsigned) and high word `xh` — then the sum or difference with its carry or borrow.
 */
function emitAddSubExtended(w: number, e: EmitEnv): string | undefined {
  const k = (w >>> 10) & 7;
  if (k > 4) return undefined; // LSL amounts above 4 are reserved: UNDEFINED
  const opt = (w >>> 13) & 7;
  const m = (w >>> 16) & 31; // Rm = 31 is XZR (slot 31 reads 0)
  const n = REG_SP[(w >>> 5) & 31]!;
  const sub = (w & 0x40000000) !== 0;
  const setFlags = (w & 0x20000000) !== 0;
  const d = setFlags ? WRITE_ZR[w & 31]! : REG_SP[w & 31]!;
  const op = sub ? '-' : '+';
  const ext = extendReg(m, opt, k);
  if ((w & 0x80000000) === 0) {
    let flags = '';
    if (setFlags) {
      e.flags = sub ? FLAGS_SUB32 : FLAGS_ADD32;
      flags = `u[${FLAG_A * 2}] = a; u[${FLAG_B * 2}] = xl; u[${FLAG_R * 2}] = r; u[${FLAG_KIND * 2}] = ${e.flags}; `;
    }
    return `{ ${ext} const a = u[${n * 2}], r = (a ${op} xl) >>> 0; ${flags}u[${d * 2}] = r; u[${d * 2 + 1}] = 0; }`;
  }
  const carry = sub ? '(lo < 0 ? 1 : 0)' : '(lo > 0xffffffff ? 1 : 0)';
  const sum = `const al = u[${n * 2}], ah = u[${n * 2 + 1}], lo = al ${op} xl, rl = lo >>> 0, rh = (ah ${op} xh ${op} ${carry}) >>> 0;`;
  let flags = '';
  if (setFlags) {
    e.flags = sub ? FLAGS_SUB64 : FLAGS_ADD64;
    flags = `u[${FLAG_A * 2}] = al; u[${FLAG_A * 2 + 1}] = ah; u[${FLAG_B * 2}] = xl; u[${FLAG_B * 2 + 1}] = xh; ` +
      `u[${FLAG_R * 2}] = rl; u[${FLAG_R * 2 + 1}] = rh; u[${FLAG_KIND * 2}] = ${e.flags}; `;
  }
  return `{ ${ext} ${sum} ${flags}u[${d * 2}] = rl; u[${d * 2 + 1}] = rh; }`;
}

/**
 * ADC/SBC/ADCS/SBCS: as addSubCarry, AddWithCarry(Rn, SBC ? NOT(Rm) : Rm, PSTATE.C) on the halves; ADCS/SBCS set NZCV
 * eagerly (FLAGS_NZCV).
 */
function emitAddSubCarry(w: number, e: EmitEnv): string {
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const d = WRITE_ZR[w & 31]!;
  const not = (w & 0x40000000) !== 0 ? (v: string): string => `(~${v} >>> 0)` : (v: string): string => v;
  const cin = `const cin = ${condition(e, 2)} ? 1 : 0;`; // CS: PSTATE.C
  const setFlags = (w & 0x20000000) !== 0;
  if (setFlags) e.flags = -1;
  // writeNzcv(nzcvBits(N, Z, C, V)), as addSubCarry: V = same-sign operands with a different-sign result
  const nzcv = (r: string, z: string, carry: string, a: string, b: string): string =>
    `writeNzcv(c, nzcvBits(${r} >>> 31, ${z}, ${carry}, (~(${a} ^ ${b}) & (${a} ^ ${r})) >>> 31)); `;
  if ((w & 0x80000000) === 0) {
    if (!setFlags) return `{ ${cin} u[${d * 2}] = (u[${n * 2}] + ${not(`u[${m * 2}]`)} + cin) >>> 0; u[${d * 2 + 1}] = 0; }`;
    return `{ ${cin} const a = u[${n * 2}], b = ${not(`u[${m * 2}]`)}, sum = a + b + cin, r = sum >>> 0; ` +
      `${nzcv('r', 'r === 0', 'sum > 0xffffffff', 'a', 'b')}u[${d * 2}] = r; u[${d * 2 + 1}] = 0; }`;
  }
  if (!setFlags) {
    return `{ ${cin} const lo = u[${n * 2}] + ${not(`u[${m * 2}]`)} + cin; ` +
      `u[${d * 2 + 1}] = (u[${n * 2 + 1}] + ${not(`u[${m * 2 + 1}]`)} + (lo > 0xffffffff ? 1 : 0)) >>> 0; u[${d * 2}] = lo >>> 0; }`;
  }
  return `{ ${cin} const ah = u[${n * 2 + 1}], bh = ${not(`u[${m * 2 + 1}]`)}, lo = u[${n * 2}] + ${not(`u[${m * 2}]`)} + cin, ` +
    `hi = ah + bh + (lo > 0xffffffff ? 1 : 0), rl = lo >>> 0, rh = hi >>> 0; ` +
    `${nzcv('rh', '(rl | rh) === 0', 'hi > 0xffffffff', 'ah', 'bh')}u[${d * 2}] = rl; u[${d * 2 + 1}] = rh; }`;
}

/** The halves of a 64-bit constant as JavaScript numbers. */
const halves = (v: bigint): [number, number] => [Number(v & 0xffff_ffffn), Number(v >> 32n)];

/** Statement: const rl, rh = ROR(Xn, r) on the halves (r a constant, 0 ≤ r < 64). */
function ror64(n: number, r: number): string {
  const lo = `u[${n * 2}]`, hi = `u[${n * 2 + 1}]`;
  if (r === 0) return `const rl = ${lo}, rh = ${hi};`;
  if (r === 32) return `const rl = ${hi}, rh = ${lo};`;
  const [a, b, k] = r < 32 ? [lo, hi, r] : [hi, lo, r - 32];
  return `const sl = ${a}, sh = ${b}, rl = (sl >>> ${k}) | (sh << ${32 - k}), rh = (sh >>> ${k}) | (sl << ${32 - k});`;
}

/** The fields of an SBFM/BFM/UBFM word and DecodeBitMasks's wmask and tmask for it; undefined when it is UNDEFINED
 *  (sf != N, or a 32-bit form with immr or imms ≥ 32). Translation time: both backends' emitters use it. */
export function bitfieldOf(w: number): { opc: number; r: number; s: number; n: number; d: number; wide: boolean; wmask: bigint; tmask: bigint } | undefined {
  const opc = (w >>> 29) & 3;
  const r = (w >>> 16) & 63;
  const s = (w >>> 10) & 63;
  const nBit = (w >>> 22) & 1;
  const wide = (w & 0x80000000) !== 0;
  if (opc === 3 || (wide ? nBit !== 1 : nBit !== 0 || r >= 32 || s >= 32)) return undefined;
  const wmask = wide ? BITMASK_TABLE[bitmaskIndex(w)]! : BigInt(BITMASK_TABLE_U32[bitmaskIndex(w) * 2]!);
  const tmask = (1n << BigInt(((s - r) & ((wide ? 64 : 32) - 1)) + 1)) - 1n; // Ones(diff + 1) in the element
  return { opc, r, s, n: (w >>> 5) & 31, d: WRITE_ZR[w & 31]!, wide, wmask, tmask };
}

/**
 * SBFM/BFM/UBFM: as bitfield, with DecodeBitMasks's wmask and tmask constants (ARM J1.1 DecodeBitMasks; the result
 * is (top AND NOT tmask) OR (bot AND tmask), bot = (dst AND NOT wmask) OR (ROR(src, R) AND wmask), top = SBFM ?
 * Replicate(src<S>) : dst, dst = 0 unless BFM) on 32-bit halves.
 */
function emitBitfield(w: number): string | undefined {
  const f = bitfieldOf(w);
  if (f === undefined) return undefined; // UNDEFINED: the handler raises it
  const { opc, r, s, n, d, wide, wmask, tmask } = f;
  const [wl, wh] = halves(wmask);
  const [tl, th] = halves(tmask);
  if (!wide) {
    const rot = r === 0 ? 'src' : `((src >>> ${r}) | (src << ${32 - r}))`;
    const top = opc === 0 ? `(-((src >>> ${s}) & 1) & ${~tl >>> 0}) | ` : opc === 1 ? `(dst & ${~tl >>> 0}) | ` : '';
    const bot = opc === 1 ? `((dst & ${~wl >>> 0}) | (${rot} & ${wl}))` : `(${rot} & ${wl})`;
    return `{ const src = u[${n * 2}];${opc === 1 ? ` const dst = u[${d * 2}];` : ''} u[${d * 2}] = ${top}(${bot} & ${tl}); u[${d * 2 + 1}] = 0; }`;
  }
  const sign = opc === 0 ? ` const sg = -((${s < 32 ? `u[${n * 2}] >>> ${s}` : `u[${n * 2 + 1}] >>> ${s - 32}`}) & 1);` : '';
  const dst = opc === 1 ? ` const dl = u[${d * 2}], dh = u[${d * 2 + 1}];` : '';
  const half = (rv: string, wv: number, tv: number, dv: string): string => {
    const top = opc === 0 ? `(sg & ${~tv >>> 0}) | ` : opc === 1 ? `(${dv} & ${~tv >>> 0}) | ` : '';
    const bot = opc === 1 ? `((${dv} & ${~wv >>> 0}) | (${rv} & ${wv}))` : `(${rv} & ${wv})`;
    return `${top}(${bot} & ${tv})`;
  };
  return `{ ${ror64(n, r)}${sign}${dst} u[${d * 2}] = ${half('rl', wl, tl, 'dl')}; u[${d * 2 + 1}] = ${half('rh', wh, th, 'dh')}; }`;
}

/** SMADDL/SMSUBL/UMADDL/UMSUBL: as mulAddLong — Wn and Wm extended to 64 bits in TMP0/TMP1, Xa ± their product. */
function emitMulAddLong(w: number): string {
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const a = (w >>> 10) & 31;
  const d = WRITE_ZR[w & 31]!;
  const signed = (w & 0x800000) === 0; // U (bit 23)
  const ext = (r: number, t: number): string => `u[${t * 2}] = u[${r * 2}]; u[${t * 2 + 1}] = ${signed ? `(u[${r * 2}] | 0) >> 31` : '0'};`;
  return `${ext(n, TMP0)} ${ext(m, TMP1)} x[${d}] = x[${a}] ${(w & 0x8000) !== 0 ? '-' : '+'} x[${TMP0}] * x[${TMP1}];`;
}

/** MADD/MSUB: as mulAdd (a 64-bit product through the register file's BigInt view, truncated by the store). */
function emitMulAdd(w: number): string {
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const a = (w >>> 10) & 31;
  const d = WRITE_ZR[w & 31]!;
  const op = (w & 0x8000) !== 0 ? '-' : '+';
  if ((w & 0x80000000) !== 0) return `x[${d}] = x[${a}] ${op} x[${n}] * x[${m}];`;
  return `u[${d * 2}] = u[${a * 2}] ${op} Math.imul(u[${n * 2}], u[${m * 2}]); u[${d * 2 + 1}] = 0;`;
}

/** CSEL/CSINC/CSINV/CSNEG: as condSelect. */
function emitCondSelect(w: number, e: EmitEnv): string {
  const d = WRITE_ZR[w & 31]!;
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const f = ((w >>> 29) & 2) | ((w >>> 10) & 1); // 0 CSEL, 1 CSINC, 2 CSINV, 3 CSNEG
  const cond = condition(e, (w >>> 12) & 15);
  if ((w & 0x80000000) !== 0) {
    const other = [`x[${m}]`, `x[${m}] + 1n`, `x[${m}] ^ ${ONES64}`, `0n - x[${m}]`][f]!;
    // a store in each arm: a conditional expression of BigInts is not lowered to int64 by V8 and allocates
    return `if (${cond}) x[${d}] = x[${n}]; else x[${d}] = ${other};`;
  }
  const other = [`u[${m * 2}]`, `u[${m * 2}] + 1`, `~u[${m * 2}]`, `-u[${m * 2}]`][f]!;
  return `u[${d * 2}] = ${cond} ? u[${n * 2}] : ${other}; u[${d * 2 + 1}] = 0;`;
}

/**
 * EXTR (ROR #imm when Rn = Rm): as extract — bits lsb.. of the concatenation Rn:Rm, from the four (64-bit) or two
 * (32-bit) words of that concatenation; the operands are read before Rd is written (Rd may be Rn or Rm).
 */
function emitExtract(w: number): string | undefined {
  const lsb = (w >>> 10) & 63;
  const m = (w >>> 16) & 31;
  const n = (w >>> 5) & 31;
  const d = WRITE_ZR[w & 31]!;
  const nBit = (w >>> 22) & 1;
  if ((w & 0x80000000) === 0) {
    if (nBit !== 0 || lsb >= 32) return undefined; // UNDEFINED: sf=0 needs N=0 and imms<5>=0
    const v = lsb === 0 ? `u[${m * 2}]` : `(u[${m * 2}] >>> ${lsb}) | (u[${n * 2}] << ${32 - lsb})`;
    return `u[${d * 2}] = ${v}; u[${d * 2 + 1}] = 0;`;
  }
  if (nBit !== 1) return undefined; // UNDEFINED: sf=1 needs N=1
  const words = [`u[${m * 2}]`, `u[${m * 2 + 1}]`, `u[${n * 2}]`, `u[${n * 2 + 1}]`];
  const j = lsb >>> 5, k = lsb & 31;
  if (k === 0) return `{ const e0 = ${words[j]}, e1 = ${words[j + 1]}; u[${d * 2}] = e0; u[${d * 2 + 1}] = e1; }`;
  return `{ const e0 = ${words[j]}, e1 = ${words[j + 1]}, e2 = ${words[j + 2]}; ` +
    `u[${d * 2}] = (e0 >>> ${k}) | (e1 << ${32 - k}); u[${d * 2 + 1}] = (e1 >>> ${k}) | (e2 << ${32 - k}); }`;
}

/**
 * CCMN/CCMP (register and immediate): as condCompare — ConditionHolds(cond) ? the lazy flags of Rn ± op2 (as
 * addSub64 / the 32-bit path record them) : NZCV = the nzcv field (writeNzcv). The flag kind after it is not known.
 */
function emitCondCompare(w: number, e: EmitEnv): string {
  const cond = condition(e, (w >>> 12) & 15);
  e.flags = -1;
  const sub = (w & 0x40000000) !== 0;
  const n = (w >>> 5) & 31;
  const field = (w >>> 16) & 31; // Rm, or imm5 when bit 11 is set
  const isImm = (w & 0x800) !== 0;
  const op = sub ? '-' : '+';
  let holds: string;
  if ((w & 0x80000000) !== 0) {
    const hi = sub ? 'ah - bh - (lo < 0 ? 1 : 0)' : 'ah + bh + (lo > 0xffffffff ? 1 : 0)';
    holds = `const al = u[${n * 2}], ah = u[${n * 2 + 1}], bl = ${isImm ? field : `u[${field * 2}]`}, bh = ${isImm ? 0 : `u[${field * 2 + 1}]`}; ` +
      `const lo = al ${op} bl, hi = ${hi}; u[${FLAG_A * 2}] = al; u[${FLAG_A * 2 + 1}] = ah; u[${FLAG_B * 2}] = bl; ` +
      `u[${FLAG_B * 2 + 1}] = bh; u[${FLAG_R * 2}] = lo; u[${FLAG_R * 2 + 1}] = hi; u[${FLAG_KIND * 2}] = ${sub ? FLAGS_SUB64 : FLAGS_ADD64};`;
  } else {
    holds = `const a = u[${n * 2}], b = ${isImm ? field : `u[${field * 2}]`}; u[${FLAG_A * 2}] = a; u[${FLAG_B * 2}] = b; ` +
      `u[${FLAG_R * 2}] = a ${op} b; u[${FLAG_KIND * 2}] = ${sub ? FLAGS_SUB32 : FLAGS_ADD32};`;
  }
  return `if (${cond}) { ${holds} } else writeNzcv(c, ${((w & 15) << 28) >>> 0});`;
}

/**
 * LSLV/LSRV/ASRV/RORV: as dataProc2 — the count is Rm MOD datasize; a 64-bit shift through shift64 on the halves
 * (for LSL the same value as the handler's product by 2^k, modulo 2^64), a 32-bit one a JavaScript shift (whose
 * count is taken mod 32 as well: ROR by 0 is v | v).
 */
function emitShiftVariable(w: number): string {
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const d = WRITE_ZR[w & 31]!;
  const type = (w >>> 10) & 3; // the ShiftType encoding
  if ((w & 0x80000000) !== 0) return `shift64(u, ${d}, ${n}, ${type}, u[${m * 2}] & 63);`;
  const v = `u[${n * 2}]`;
  const r = [`${v} << k`, `${v} >>> k`, `i32[${n * 2}] >> k`, `(${v} >>> k) | (${v} << (32 - k))`][type]!;
  return `{ const k = u[${m * 2}] & 31; u[${d * 2}] = ${r}; u[${d * 2 + 1}] = 0; }`;
}

/** UDIV/SDIV: as dataProc2 — of W registers inline (a zero divisor gives 0; ToInt32 wraps INT_MIN / -1 to INT_MIN),
 *  of X registers through the handler's own divide64. */
function emitDivide(w: number): string | undefined {
  const n = (w >>> 5) & 31;
  const m = (w >>> 16) & 31;
  const d = WRITE_ZR[w & 31]!;
  if ((w & 0x80000000) !== 0) return `divide64(u, x, ${d}, ${n}, ${m}, ${(w & 0x400) !== 0});`; // opcode<0>: SDIV
  const q = (w & 0x400) !== 0 ? `((u[${n * 2}] | 0) / (b | 0)) | 0` : `u[${n * 2}] / b`; // opcode<0>: SDIV
  return `{ const b = u[${m * 2}]; u[${d * 2}] = b === 0 ? 0 : ${q}; u[${d * 2 + 1}] = 0; }`;
}

/** SMULH/UMULH: as mulHigh, through its mulHigh64 (U, bit 23, clear: signed). */
function emitMulHigh(w: number): string {
  return `mulHigh64(u, ${WRITE_ZR[w & 31]!}, ${(w >>> 5) & 31}, ${(w >>> 16) & 31}, ${(w & 0x800000) === 0});`;
}

/** CRC32B/H/W/X, CRC32CB/CH/CW/CX: as crc32, through its crc32Update (C, bit 12: CRC-32C; sz, bits 11:10: 1 << sz
 *  bytes of Rm). */
function emitCrc32(w: number): string {
  return `crc32Update(u, ${WRITE_ZR[w & 31]!}, ${(w >>> 5) & 31}, ${(w >>> 16) & 31}, ${1 << ((w >>> 10) & 3)}, ${(w & 0x1000) !== 0});`;
}

/** RBIT/REV16/REV32/REV/CLZ/CLS: as dataProc1. */
function emitDataProc1(w: number): string | undefined {
  const n = (w >>> 5) & 31;
  const d = WRITE_ZR[w & 31]!;
  const opcode = (w >>> 10) & 63;
  if ((w & 0x80000000) === 0) {
    return `u[${d * 2}] = op32(${opcode}, u[${n * 2}]); u[${d * 2 + 1}] = 0;`;
  }
  const pair: [string, string] = [
    ['bitReverse32(hi)', 'bitReverse32(lo)'], // RBIT: each word reversed, the halves swapped
    ['rev16(lo)', 'rev16(hi)'],
    ['byteSwap32(lo)', 'byteSwap32(hi)'],
    ['byteSwap32(hi)', 'byteSwap32(lo)'],
    ['hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo)', '0'],
    // CLS = CountLeadingZeroBits(x<63:1> EOR x<62:0>) = CLZ64((x EOR (x << 1)) OR 1)
    ['yh !== 0 ? Math.clz32(yh) : 32 + Math.clz32(yl)', '0'],
  ][opcode] as [string, string];
  const cls = opcode === 5 ? ' const yh = hi ^ ((hi << 1) | (lo >>> 31)), yl = (lo ^ (lo << 1)) | 1;' : '';
  return `{ const lo = u[${n * 2}], hi = u[${n * 2 + 1}];${cls} u[${d * 2}] = ${pair[0]}; u[${d * 2 + 1}] = ${pair[1]}; }`;
}

/**
 * ADR/ADRP: as adr — this instruction's address (ADRP: bits 11:0 cleared) + imm (ADRP: imm · 4096) on the halves,
 * through TMP2 as the handler does; PC[63:32] is the block's.
 */
function emitAdr(w: number, e: EmitEnv): string {
  const imm = (((w << 8) >> 11) & ~3) | ((w >>> 29) & 3); // SignExtend(immhi:immlo, 21)
  const d = WRITE_ZR[w & 31]!;
  const page = (w & 0x80000000) !== 0;
  const lo = page ? `${pcLo(e.i)} & 0xfffff000` : pcLo(e.i);
  return `u[${TMP2 * 2}] = ${lo}; u[${TMP2 * 2 + 1}] = u[${PC * 2 + 1}]; addHalves(u, ${d}, ${TMP2}, ${page ? imm * 4096 : imm});`;
}

/**
 * Statements: the loaded value (`vl`, and `vh` for doublewords) into Rt as `transfer` (ldst-access.ts) extends it —
 * zero-extended (opc 01), sign-extended to 64 bits (opc 10) or to 32 bits with bits 63:32 cleared (opc 11).
 */
function extendInto(t: number, size: number, opc: number): string {
  if (opc === 1) return `u[${t * 2}] = vl; u[${t * 2 + 1}] = ${size === 3 ? 'vh' : '0'};`;
  const sh = 32 - (8 << size); // 24 byte, 16 halfword, 0 word
  const v = sh === 0 ? 'vl | 0' : `(vl << ${sh}) >> ${sh}`;
  return `{ const v = ${v}; i32[${t * 2}] = v; i32[${t * 2 + 1}] = ${opc === 2 ? 'v >> 31' : '0'}; }`;
}

/**
 * The inline host-cache access of one register (Rt, written through slot `t`) at the address `a` (high half `hi`):
 * the hit test — a slot of this EL and access whose tag matches, the access aligned (so within the 4 KiB page), RAM,
 * and for a store a page that holds no code — opening a block that `move` continues (byte and halfword lanes of the
 * page's little-endian words, extended as transfer does).
 */
function hostAccess(e: EmitEnv, size: number, opc: number, rt: number, t: number, accessEl?: string): { hit: string; move: string } {
  const hit = hostHitOpen(e, opc !== 0, 1 << size, 1 << size, '', accessEl);
  if (opc === 0) return { hit, move: `pg.u32[wi] = u[${rt * 2}];${size === 3 ? ` pg.u32[wi + 1] = u[${rt * 2 + 1}];` : ''}` };
  const lane = size === 0 ? `(pg.u32[wi] >>> ((a & 3) << 3)) & 0xff` : size === 1 ? `(pg.u32[wi] >>> ((a & 2) << 3)) & 0xffff` : 'pg.u32[wi]';
  return { hit, move: `const vl = ${lane}, vh = ${size === 3 ? 'pg.u32[wi + 1]' : '0'}; ${extendInto(t, size, opc)}` };
}

/**
 * Statements: a byte or halfword store of Rt at (`a`, `hi`) through Cpu.store (RAM's words would need a
 * read-modify-write) with the syndrome `iss`, the address in TMP0 and PC written first so an abort reports this
 * instruction, as the handler does; `after` (a writeback) once it succeeded.
 */
function narrowStore(w: number, e: EmitEnv, iss: number, after = '', accessEl = 'el'): string {
  return `u[${TMP0 * 2}] = a; u[${TMP0 * 2 + 1}] = hi; u[${PC * 2}] = ${pcDuring(e.i)}; ${retiredBefore(e.i)}` +
    `if (!c.store(${1 << (w >>> 30)}, ${w & 31}, ${iss}, ${accessEl})) ${leave(e.i + 1)} ${after} ${leaveIfTagChanged(e.i)}`;
}

/**
 * One load or store of Rt at the address `a` (high half `hi`) that `addr` computes: an aligned access within one 4 KiB
 * page of a host-cache hit (a store: a page that holds no code) moves straight to or from the page's words, extended
 * as `transfer` does; anything else — an access that crosses into the next page included — leaves the block for the
 * interpreter (interpretAt). Byte and halfword stores go through Cpu.store (narrowStore).
 */
function singleAccess(w: number, e: EmitEnv, addr: string, accessEl?: string): string {
  const size = w >>> 30;
  const opc = (w >>> 22) & 3;
  const rt = w & 31;
  if (opc === 0 && size < 2) return `{ ${addr} ${narrowStore(w, e, singleIss(size, opc, rt), '', accessEl)} }`;
  e.inline += 1;
  const { hit, move } = hostAccess(e, size, opc, rt, WRITE_ZR[rt]!, accessEl);
  return `{ ${addr} ${hit}${move} } else ${interpretAt(e.i)} }`;
}

/**
 * AArch64.CheckSPAlignment: with an SP base (Rn = 31) that is not 16-byte aligned the access may fault, so the
 * interpreter runs it (and decides); `body` is the access otherwise.
 */
function spChecked(e: EmitEnv, rn: number, body: string): string {
  if (rn !== 31) return body;
  return `if ((u[${REG_SP[31]! * 2}] & 15) !== 0) ${interpretAt(e.i)} ${body}`;
}

/**
 * LDR/STR… (immediate, unsigned offset), every size and extension: as ldstUnsignedOffset, the address
 * Xn|SP + imm12 << size.
 */
function emitLdstUnsignedOffset(w: number, e: EmitEnv): string | undefined {
  const rn = (w >>> 5) & 31;
  const n = REG_SP[rn]!;
  const off = ((w >>> 10) & 0xfff) << (w >>> 30);
  return spChecked(e, rn, singleAccess(w, e, `const lo = u[${n * 2}] + ${off}, a = lo >>> 0, hi = (u[${n * 2 + 1}] + (lo > 0xffffffff ? 1 : 0)) | 0;`));
}

/** Statement: the address `a` (high half `hi`) = Xn|SP + imm9 of LDUR/STUR and LDTR/STTR. */
function imm9Address(w: number): string {
  const n = REG_SP[(w >>> 5) & 31]!;
  const off = (w << 11) >> 23; // imm9, sign-extended
  return `const lo = u[${n * 2}] + ${off}, a = lo >>> 0, hi = (u[${n * 2 + 1}] + (lo > 0xffffffff ? 1 : lo < 0 ? -1 : 0)) | 0;`;
}

/** LDUR/STUR… (unscaled immediate), every size and extension: as ldstUnscaled, the address Xn|SP + imm9. */
function emitLdstUnscaled(w: number, e: EmitEnv): string | undefined {
  return spChecked(e, (w >>> 5) & 31, singleAccess(w, e, imm9Address(w)));
}

/**
 * LDTR/STTR… (unprivileged), every size and extension: as ldstUnprivileged, LDUR/STUR's address, the access checked
 * with EL0's permissions at EL1 (AccType_UNPRIV) and with PSTATE.EL's at EL0 and (non-VHE) EL2 — so it reads EL0's
 * host-cache slots at EL1, which hold what translate() answers for an EL0 access of the same EL1&0 regime.
 */
function emitLdstUnprivileged(w: number, e: EmitEnv): string | undefined {
  return spChecked(e, (w >>> 5) & 31, singleAccess(w, e, imm9Address(w), '(el === 1 ? 0 : el)'));
}

/**
 * Statement: the PA of the host-cache hit `pg`/slot `s` for the address `a` — the RAM page's first PA plus the VA
 * page's place in it plus the offset in the VA page: what translate() gives as TranslateResult.pa (the monitor's key).
 */
const HIT_PA = '(pg.pa + (hcWord[s] << 2) + (a & 0xfff))';

/**
 * LDXR/LDAXR (+B/H, W and X): as loadExclusive, an aligned load at Xn|SP zero-extended into Rt, then the local monitor
 * marks its PA and size (AArch64.SetExclusiveMonitors). A misaligned address (an alignment fault) and every other miss
 * leave for the interpreter, before the monitor is touched.
 */
function emitLoadExclusive(w: number, e: EmitEnv): string {
  const rn = (w >>> 5) & 31;
  const size = w >>> 30;
  const rt = w & 31;
  e.inline += 1;
  const { hit, move } = hostAccess(e, size, 1, rt, WRITE_ZR[rt]!);
  return exclusiveLoad(e, rn, hit, 1 << size, move);
}

/** The statements of an exclusive load at Xn|SP: `hit` (hostHitOpen), the monitor marked with the hit's PA and `bytes`,
 *  then `move`; a miss leaves for the interpreter. */
function exclusiveLoad(e: EmitEnv, rn: number, hit: string, bytes: number, move: string): string {
  const n = REG_SP[rn]!;
  const mark = `c.exclAddr = ${HIT_PA}; c.exclSize = ${bytes};`;
  return spChecked(e, rn, `{ const a = u[${n * 2}], hi = u[${n * 2 + 1}] | 0; ${hit}${mark} ${move} } else ${interpretAt(e.i)} }`);
}

/**
 * LDXP/LDAXP: as loadExclusivePair — W: one 8-byte access, Rt the low word and Rt2 the high one; X: 16 bytes, Rt then
 * Rt2; the pair aligned to its size; the monitor marks the first byte's PA and the pair's size. Rt2 is written last
 * (Rt == Rt2, CONSTRAINED UNPREDICTABLE: it keeps the second value, as QEMU).
 */
function emitLoadExclusivePair(w: number, e: EmitEnv): string {
  const wide = (w & (1 << 30)) !== 0;
  const total = wide ? 16 : 8;
  const t = WRITE_ZR[w & 31]! * 2;
  const t2 = WRITE_ZR[(w >>> 10) & 31]! * 2;
  e.inline += 2;
  const hit = hostHitOpen(e, true, total, total);
  const move = wide
    ? `const v0 = pg.u32[wi], v1 = pg.u32[wi + 1], v2 = pg.u32[wi + 2], v3 = pg.u32[wi + 3]; u[${t}] = v0; u[${t + 1}] = v1; u[${t2}] = v2; u[${t2 + 1}] = v3;`
    : `const v0 = pg.u32[wi], v1 = pg.u32[wi + 1]; u[${t}] = v0; u[${t + 1}] = 0; u[${t2}] = v1; u[${t2 + 1}] = 0;`;
  return exclusiveLoad(e, (w >>> 5) & 31, hit, total, move);
}

/**
 * STXR/STLXR (+B/H, W and X): as storeExclusive — AArch64.ExclusiveMonitorsPass in QEMU's order: an open monitor fails
 * at once (no alignment check, no translation); else the access must be aligned and translate for a write (a miss of
 * either leaves for the interpreter, the monitor untouched), and passes when its PA and size are the marked ones; a
 * completed check clears the monitor. Passing, Rt is stored (a byte or halfword into its lane of the page); Ws = 0 if
 * it passed, else 1 (the data and address read before Ws is written). --stats counts it as one inline access even when
 * an open monitor fails it before any access is made.
 */
function emitStoreExclusive(w: number, e: EmitEnv): string {
  const size = w >>> 30;
  const t = (w & 31) * 2; // Rt = 31 is XZR (slot 31 reads zero)
  e.inline += 1;
  const at = '(wi << 2) | (a & 3)'; // the byte's index in the RAM page
  const store = [`pg.u8[${at}] = u[${t}];`, `{ const b = ${at}; pg.u8[b] = u[${t}]; pg.u8[b + 1] = u[${t}] >>> 8; }`,
    `pg.u32[wi] = u[${t}];`, `pg.u32[wi] = u[${t}]; pg.u32[wi + 1] = u[${t + 1}];`][size]!;
  return exclusiveStore(w, e, 1 << size, store);
}

/**
 * STXP/STLXP: as storeExclusivePair — W: Rt the low word and Rt2 the high one of one 8-byte access; X: Rt then Rt2,
 * 16 bytes; the pair aligned to its size, the monitor checked as for STXR with the pair's size.
 */
function emitStoreExclusivePair(w: number, e: EmitEnv): string {
  const wide = (w & (1 << 30)) !== 0;
  const t = (w & 31) * 2; // Rt, Rt2 = 31: XZR (slot 31 reads zero)
  const t2 = ((w >>> 10) & 31) * 2;
  e.inline += 2;
  const store = wide
    ? `pg.u32[wi] = u[${t}]; pg.u32[wi + 1] = u[${t + 1}]; pg.u32[wi + 2] = u[${t2}]; pg.u32[wi + 3] = u[${t2 + 1}];`
    : `pg.u32[wi] = u[${t}]; pg.u32[wi + 1] = u[${t2}];`;
  return exclusiveStore(w, e, wide ? 16 : 8, store);
}

/** The statements of an exclusive store of `bytes` at Xn|SP whose data `store` writes into the hit's page (the monitor
 *  check of emitStoreExclusive), Ws its status. */
function exclusiveStore(w: number, e: EmitEnv, bytes: number, store: string): string {
  const rn = (w >>> 5) & 31;
  const n = REG_SP[rn]!;
  const ws = WRITE_ZR[(w >>> 16) & 31]! * 2;
  const hit = hostHitOpen(e, false, bytes, bytes);
  const check = `const ok = ${HIT_PA} === c.exclAddr && c.exclSize === ${bytes}; c.exclAddr = -1; ` +
    `if (ok) { ${store} u[${ws}] = 0; } else u[${ws}] = 1; u[${ws + 1}] = 0;`;
  return spChecked(e, rn, `{ const a = u[${n * 2}], hi = u[${n * 2 + 1}] | 0; ` +
    `if (c.exclAddr < 0) { u[${ws}] = 1; u[${ws + 1}] = 0; } else { ${hit}${check} } else ${interpretAt(e.i)} } }`);
}

/**
 * LDR (literal) of W and X, LDRSW (literal): as ldrLiteral, the address this instruction's + imm19 · 4 (PC[63:32] the
 * block's, a carry or borrow into it on the halves).
 */
function emitLdrLiteral(w: number, e: EmitEnv): string {
  const opc = w >>> 30;
  const size = opc === 1 ? 3 : 2;
  const ldOpc = opc === 2 ? 2 : 1; // LDRSW: sign-extend to 64 bits
  const rt = w & 31;
  e.inline += 1;
  const { hit, move } = hostAccess(e, size, ldOpc, rt, WRITE_ZR[rt]!);
  const addr = `const lo = ${pcLo(e.i)} + ${imm19Offset(w)}, a = lo >>> 0, hi = (u[${PC * 2 + 1}] + (lo > 0xffffffff ? 1 : lo < 0 ? -1 : 0)) | 0;`;
  return `{ ${addr} ${hit}${move} } else ${interpretAt(e.i)} }`;
}

/**
 * LDAR/STLR (and their byte and halfword forms): as loadAcquire/storeRelease, an access at Xn|SP that must be aligned
 * (the ordering is that of every access on this one PE). A misaligned address (an alignment fault) and every other
 * miss leave for the interpreter; a byte or halfword store goes through Cpu.store with the syndrome's AR bit.
 */
function emitAcquireRelease(w: number, e: EmitEnv): string {
  const rn = (w >>> 5) & 31;
  const n = REG_SP[rn]!;
  const size = w >>> 30;
  const rt = w & 31;
  const load = (w & (1 << 22)) !== 0; // L
  const addr = `const a = u[${n * 2}], hi = u[${n * 2 + 1}] | 0;`;
  if (!load && size < 2) {
    const aligned = size === 0 ? '' : `if ((a & 1) !== 0) ${interpretAt(e.i)} `;
    return spChecked(e, rn, `{ ${addr} ${aligned}${narrowStore(w, e, singleIss(size, 0, rt) | ISS_AR)} }`);
  }
  e.inline += 1;
  const { hit, move } = hostAccess(e, size, load ? 1 : 0, rt, WRITE_ZR[rt]!);
  return spChecked(e, rn, `{ ${addr} ${hit}${move} } else ${interpretAt(e.i)} }`);
}

/**
 * LDR/STR… (register offset), every size and extension, from a base other than SP: as ldstRegisterOffset, the
 * address ExtendReg(Rm, option, S ? size : 0) + Xn computed on the halves.
 */
function emitLdstRegisterOffset(w: number, e: EmitEnv): string | undefined {
  const option = (w >>> 13) & 7;
  const rn = (w >>> 5) & 31;
  if ((option & 2) === 0 || rn === 31) return undefined; // UNDEFINED sub-word index; SP needs its alignment check
  const size = w >>> 30;
  const k = (w & (1 << 12)) !== 0 ? size : 0;
  const ext = extendReg((w >>> 16) & 31, option, k);
  return singleAccess(w, e, `${ext} const lo = u[${rn * 2}] + xl, a = lo >>> 0, hi = (u[${rn * 2 + 1}] + xh + (lo > 0xffffffff ? 1 : 0)) | 0;`);
}

/**
 * LDR/STR… (immediate, pre- or post-index), every size and extension: as ldstPreIndex / ldstPostIndex — the access at
 * Rn + imm9 (pre) or Rn (post), then Rn written back with Rn + imm9 only once the access succeeded; no instruction
 * syndrome (ISV = 0). Rn == Rt (CONSTRAINED UNPREDICTABLE) runs the handler, an SP base that is not 16-byte aligned
 * the interpreter (spChecked); the access itself as emitLdstRegisterOffset's.
 */
function emitLdstIndexed(w: number, e: EmitEnv): string | undefined {
  const rn = (w >>> 5) & 31;
  const rt = w & 31;
  if (rn === rt && rn !== 31) return undefined;
  const size = w >>> 30;
  const opc = (w >>> 22) & 3;
  const pre = ((w >>> 10) & 3) === 3;
  const imm = (w << 11) >> 23; // imm9, sign-extended
  const n = REG_SP[rn]!;
  // the access address, and the written-back one (Rn + imm9) as halves
  const sum = `const sl = u[${n * 2}] + ${imm}, wl = sl >>> 0, wh = (u[${n * 2 + 1}] + (sl > 0xffffffff ? 1 : sl < 0 ? -1 : 0)) | 0;`;
  const addr = pre ? `${sum} const a = wl, hi = wh;` : `${sum} const a = u[${n * 2}], hi = u[${n * 2 + 1}] | 0;`;
  const writeback = `u[${n * 2}] = wl; u[${n * 2 + 1}] = wh;`;
  if (opc === 0 && size < 2) return spChecked(e, rn, `{ ${addr} ${narrowStore(w, e, 0, writeback)} }`);
  e.inline += 1;
  const { hit, move } = hostAccess(e, size, opc, rt, WRITE_ZR[rt]!);
  // the writeback follows the access, which a miss leaves to the interpreter
  return spChecked(e, rn, `{ ${addr} ${hit}${move} ${writeback} } else ${interpretAt(e.i)} }`);
}

/** The fields of an integer LDP/STP/LDNP/STNP of W or X registers (both backends' emitters): index form (00
 *  no-allocate offset, 01 post-index, 10 offset, 11 pre-index), Rn's slot, bytes per register and the scaled
 *  offset; undefined for LDPSW and for LDP with Rt == Rt2 (CONSTRAINED UNPREDICTABLE: the handler runs them). */
export function pairOf(w: number): { idx: number; load: boolean; rn: number; rt: number; rt2: number; n: number; bytes: number; offset: number } | undefined {
  const opc = w >>> 30;
  const load = (w & (1 << 22)) !== 0;
  const rt = w & 31;
  const rt2 = (w >>> 10) & 31;
  if ((opc !== 0 && opc !== 2) || (load && rt === rt2)) return undefined;
  const rn = (w >>> 5) & 31;
  const bytes = opc === 2 ? 8 : 4;
  return { idx: (w >>> 23) & 3, load, rn, rt, rt2, n: REG_SP[rn]!, bytes, offset: ((w << 10) >> 25) * bytes }; // imm7, sign-extended, scaled
}

/**
 * LDP/STP/LDNP/STNP of W or X registers, every index form, from Xn or SP (spChecked): both halves straight from the
 * host cache when the first address hits, is aligned and the pair stays in its 4 KiB page (a store also needs a page
 * that holds no code), then the writeback (pre- and post-index: Rn + imm7 · size) once the access was made — last, so
 * that with Rn == Rt or Rt2 (CONSTRAINED UNPREDICTABLE) a load leaves the written-back address and a store stores the
 * old value, as ldstPair (and QEMU) do; anything else leaves the block for the interpreter (interpretAt), and LDP
 * with Rt == Rt2 runs ldstPair.
 */
function emitLdstPair(w: number, e: EmitEnv): string | undefined {
  const f = pairOf(w);
  if (f === undefined) return undefined;
  const { idx, load, rn, rt, rt2, n, bytes, offset } = f;
  e.inline += 2;
  // Rn + offset as halves (the address, or for post-index the written-back base); post-index accesses at Rn
  const sum = `const sl = u[${n * 2}] + ${offset}, wl = sl >>> 0, wh = (u[${n * 2 + 1}] + (sl > 0xffffffff ? 1 : sl < 0 ? -1 : 0)) | 0;`;
  const addr = idx === 1 ? `${sum} const a = u[${n * 2}], hi = u[${n * 2 + 1}] | 0;` : `${sum} const a = wl, hi = wh;`;
  const wb = (idx & 1) !== 0 ? ` u[${n * 2}] = wl; u[${n * 2 + 1}] = wh;` : '';
  const hit = hostHitOpen(e, load, bytes, 2 * bytes);
  const words = bytes / 4;
  let move: string;
  if (load) {
    const t = WRITE_ZR[rt]!, t2 = WRITE_ZR[rt2]!;
    move = bytes === 8
      ? `u[${t2 * 2}] = pg.u32[wi + 2]; u[${t2 * 2 + 1}] = pg.u32[wi + 3]; u[${t * 2}] = pg.u32[wi]; u[${t * 2 + 1}] = pg.u32[wi + 1];`
      : `u[${t2 * 2}] = pg.u32[wi + 1]; u[${t2 * 2 + 1}] = 0; u[${t * 2}] = pg.u32[wi]; u[${t * 2 + 1}] = 0;`;
  } else {
    move = `pg.u32[wi] = u[${rt * 2}]; pg.u32[wi + ${words}] = u[${rt2 * 2}];` +
      (bytes === 8 ? ` pg.u32[wi + 1] = u[${rt * 2 + 1}]; pg.u32[wi + 3] = u[${rt2 * 2 + 1}];` : '');
  }
  return spChecked(e, rn, `{ ${addr} ${hit}${move}${wb} } else ${interpretAt(e.i)} }`);
}

/** Statement: branch to this instruction + `offset` bytes (PC[63:32] is the block's, a carry goes through addHalves). */
function branchTo(e: EmitEnv, offset: number): string {
  return `u[${PC * 2}] = ${pcLo(e.i)}; addHalves(u, ${PC}, ${PC}, ${offset});`;
}
const fallThrough = (e: EmitEnv): string => `u[${PC * 2}] = ${pcDuring(e.i)};`;

const [AL, AH, BL, BH, RL, RH] = [FLAG_A * 2, FLAG_A * 2 + 1, FLAG_B * 2, FLAG_B * 2 + 1, FLAG_R * 2, FLAG_R * 2 + 1].map((s) => `u[${s}]`);
/** The seven base conditions in ConditionHolds' order (cond >> 1: EQ, CS, MI, VS, HI, GE, GT) from Z, N, V, C, HI, GE, GT. */
const inCondOrder = (z: string, n: string, v: string, c: string, hi: string, ge: string, gt: string): readonly string[] => [z, c, n, v, hi, ge, gt];
/** ADDS: C is the carry out (the truncated sum wrapped below a); HI, GE, GT from the flags. */
function addConditions(wide: boolean): readonly string[] {
  const z = wide ? `(${RL} | ${RH}) === 0` : `${RL} === 0`;
  const [a, b, r] = wide ? [AH, BH, RH] : [AL, BL, RL];
  const n = `(${r} | 0) < 0`;
  const v = `(~(${a} ^ ${b}) & (${a} ^ ${r})) < 0`;
  const c = wide ? `(${RH} < ${AH} || (${RH} === ${AH} && ${RL} < ${AL}))` : `${RL} < ${AL}`;
  return inCondOrder(z, n, v, c, `(${c} && !(${z}))`, `(${n}) === (${v})`, `(!(${z}) && (${n}) === (${v}))`);
}
/**
 * ConditionHolds(cond) before its inversion (ARM J1.1 shared/functions/system/ConditionHolds) as expressions on the
 * lazy operands of each flag kind, indexed by kind then cond >> 1 (pstate.ts nzcvNibble computes the same NZCV): after
 * SUBS, C is a ≥ b unsigned and N = V is a ≥ b signed, so CS/HI/GE/GT are comparisons; after a logical operation
 * C = V = 0 (ARM C6.2 ANDS: NZCV = result<N-1>:IsZeroBit(result):'00'). FLAGS_NZCV (eager flags) has none.
 */
const FLAG_CONDITIONS: readonly (readonly string[] | undefined)[] = (() => {
  const t: (readonly string[] | undefined)[] = [];
  t[FLAGS_SUB32] = inCondOrder(`${RL} === 0`, `(${RL} | 0) < 0`, `((${AL} ^ ${BL}) & (${AL} ^ ${RL})) < 0`, `${AL} >= ${BL}`,
    `${AL} > ${BL}`, `(${AL} | 0) >= (${BL} | 0)`, `(${AL} | 0) > (${BL} | 0)`);
  t[FLAGS_SUB64] = inCondOrder(`(${RL} | ${RH}) === 0`, `(${RH} | 0) < 0`, `((${AH} ^ ${BH}) & (${AH} ^ ${RH})) < 0`,
    `(${AH} > ${BH} || (${AH} === ${BH} && ${AL} >= ${BL}))`, `(${AH} > ${BH} || (${AH} === ${BH} && ${AL} > ${BL}))`,
    `((${AH} | 0) > (${BH} | 0) || (${AH} === ${BH} && ${AL} >= ${BL}))`,
    `((${AH} | 0) > (${BH} | 0) || (${AH} === ${BH} && ${AL} > ${BL}))`);
  t[FLAGS_ADD32] = addConditions(false);
  t[FLAGS_ADD64] = addConditions(true);
  t[FLAGS_LOGIC32] = inCondOrder(`${RL} === 0`, `(${RL} | 0) < 0`, 'false', 'false', 'false', `(${RL} | 0) >= 0`, `(${RL} | 0) > 0`);
  t[FLAGS_LOGIC64] = inCondOrder(`(${RL} | ${RH}) === 0`, `(${RH} | 0) < 0`, 'false', 'false', 'false', `(${RH} | 0) >= 0`,
    `((${RH} | 0) > 0 || (${RH} === 0 && ${RL} !== 0))`);
  return t;
})();

/**
 * Expression: ConditionHolds(cond) — inline when an earlier instruction of the block set the flags (e.flags), else
 * through conditionHolds on whatever flags the block was entered with. AL and NV (cond 14, 15) hold always.
 */
function condition(e: EmitEnv, cond: number): string {
  const rows = e.flags < 0 ? undefined : FLAG_CONDITIONS[e.flags];
  if (rows === undefined || cond >= 14) return `conditionHolds(c, ${cond})`;
  const r = rows[cond >> 1]!;
  return (cond & 1) === 1 ? `!(${r})` : `(${r})`;
}

/** The byte offsets of the immediate branches and literal loads (SignExtend(imm) · 4): imm19 (B.cond, CBZ/CBNZ, LDR
 *  literal), imm14 (TBZ/TBNZ), imm26 (B, BL); and the bit TBZ/TBNZ test (b5:b40). Both backends' emitters use them. */
export const imm19Offset = (w: number): number => ((w << 8) >> 13) * 4;
export const imm14Offset = (w: number): number => ((w << 13) >> 18) * 4;
export const imm26Offset = (w: number): number => (w << 6) >> 4;
export const testedBit = (w: number): number => ((w >>> 26) & 0x20) | ((w >>> 19) & 31);
/** Each immediate branch's offset decoder by encoding-row id (BL's too): where block.ts looks for a block's
 *  successors (withSuccessors). */
export const BRANCH_OFFSET: Readonly<Record<string, (w: number) => number>> = {
  B: imm26Offset, BL: imm26Offset, B_cond: imm19Offset, CBZ: imm19Offset, CBNZ: imm19Offset, TBZ: imm14Offset, TBNZ: imm14Offset,
};

/** An immediate branch (B.cond, CBZ/CBNZ, TBZ/TBNZ, B): its condition as an expression (null: always taken) and its
 *  offset in bytes from the branch. */
export interface ImmBranch {
  readonly test: string | null;
  readonly offset: number;
}

/** B.cond (ConditionHolds): inline when an earlier instruction of the block set the flags. */
const bCond = (w: number, e: EmitEnv): string => condition(e, w & 15);

/** CBZ/CBNZ. */
function cbz(w: number): string {
  const t = (w & 31) * 2; // Rt=31 is XZR (slot 31 reads zero)
  const zero = (w & 0x80000000) !== 0 ? `(u[${t}] | u[${t + 1}]) === 0` : `u[${t}] === 0`;
  return (w & 0x01000000) !== 0 ? `!(${zero})` : zero;
}

/** TBZ/TBNZ. */
function tbz(w: number): string {
  const t = (w & 31) * 2;
  const bit = testedBit(w);
  const word = bit < 32 ? `u[${t}]` : `u[${t + 1}]`;
  return `((${word} >>> ${bit & 31}) & 1) === ${(w >>> 24) & 1}`;
}

/** The immediate branches' conditions by encoding-row id (B: always taken). */
const BRANCH_TESTS: Readonly<Record<string, (w: number, e: EmitEnv) => string | null>> = { B_cond: bCond, CBZ: cbz, CBNZ: cbz, TBZ: tbz, TBNZ: tbz, B: () => null };

/** The immediate branches by encoding-row id, their offsets BRANCH_OFFSET's: the translator also makes a block that
 *  branches to its own start a loop (block.ts). */
export const IMM_BRANCHES: Readonly<Record<string, (w: number, e: EmitEnv) => ImmBranch>> = Object.fromEntries(
  Object.entries(BRANCH_TESTS).map(([id, test]) => [id, (w: number, e: EmitEnv): ImmBranch => ({ test: test(w, e), offset: BRANCH_OFFSET[id]!(w) })]),
);

/** The emitter of an immediate branch: to the target or on to the next instruction, then out of the block. */
const emitBranch = (of: (w: number, e: EmitEnv) => ImmBranch): Emitter => (w, e) => {
  const br = of(w, e);
  return br.test === null
    ? `${branchTo(e, br.offset)} ${leave(e.i + 1)}`
    : `if (${br.test}) { ${branchTo(e, br.offset)} } else ${fallThrough(e)} ${leave(e.i + 1)}`;
};

/**
 * Whether the block goes on past the conditional branch at word `k` (a side exit) rather than end with it: the word
 * after it ran at least half as often as the branch while interpreted (the decode cache's heat counts every interpreted
 * run of a word; the next word may also be reached from elsewhere). Measured, paired runs (docs/DESIGN-NOTES.md stop 31):
 * going on through every conditional branch made Debian's kernel to power-off 3.7 % slower (longer blocks for V8 to
 * compile, their tails rarely run); this rule made both CoreMark and the kernel faster.
 */
export function fallsThrough(ops: Int32Array, k: number): boolean {
  return heatOf(ops[k + 1]!) >= heatOf(ops[k]!) >>> 1;
}

/** A conditional immediate branch in the middle of a block (block.ts): taken, out of the block at its target; not
 *  taken, the block goes on with the next instruction (a side exit). */
export function sideExit(br: ImmBranch, e: EmitEnv): string {
  return `if (${br.test}) { ${branchTo(e, br.offset)} ${leave(e.i + 1)} }`;
}
const emitB = emitBranch(IMM_BRANCHES['B']!); // BL's jump (the same imm26 as B)
function emitBl(w: number, e: EmitEnv): string {
  // X30 ← the next instruction's address: the block's PC[63:32] with the low word + 4 (a block never ends a 4 GiB page)
  return `u[60] = ${pcDuring(e.i)}; u[61] = u[${PC * 2 + 1}]; ${emitB(w, e)}`;
}

/** BR/RET: as br — PC = Xn through branchTo (AArch64.BranchAddr: an address with bits 63:55 set loses its tag under
 *  TBI), then out of the block. */
function emitBranchRegister(w: number, e: EmitEnv): string {
  return `branchTo(c, ${(w >>> 5) & 31}); ${leave(e.i + 1)}`;
}

/** BLR: as blr — the target read into TMP0 before X30 is written (BLR X30 branches to the old X30). */
function emitBlr(w: number, e: EmitEnv): string {
  const n = (w >>> 5) & 31;
  return `u[${TMP0 * 2}] = u[${n * 2}]; u[${TMP0 * 2 + 1}] = u[${n * 2 + 1}]; u[60] = ${pcDuring(e.i)}; u[61] = u[${PC * 2 + 1}]; ` +
    `branchTo(c, ${TMP0}); ${leave(e.i + 1)}`;
}

/** PRFM/PRFUM (immediate, literal): a hint with no effect here (prefetch); PRFM (register) is UNDEFINED with
 *  option<1> = 0, as every register-offset form (prefetchRegister: the handler raises it). */
const emitPrefetch = (): string => '/* a hint: no effect */';
const emitPrefetchRegister = (w: number): string | undefined => ((w & (2 << 13)) === 0 ? undefined : emitPrefetch());

/** The emitter for each row of an integer load/store group. */
const ofForm = (form: LdstForm, emit: Emitter): Record<string, Emitter> =>
  Object.fromEntries(LDST.filter((r) => ldstForm(r.id) === form).map((r) => [r.id, emit]));

/** Emitters by encoding-row id (src/arch/a64/rows/); every other row runs its handler. */
export const EMITTERS: Readonly<Record<string, Emitter>> = {
  ADD_imm: emitAddSubImm, ADDS_imm: emitAddSubImm, SUB_imm: emitAddSubImm, SUBS_imm: emitAddSubImm,
  MOVN: emitMoveWide, MOVZ: emitMoveWide, MOVK: emitMoveWide,
  AND_imm: emitLogicalImm, ORR_imm: emitLogicalImm, EOR_imm: emitLogicalImm, ANDS_imm: emitLogicalImm,
  AND_shift: emitLogicalShifted, BIC_shift: emitLogicalShifted, ORR_shift: emitLogicalShifted, ORN_shift: emitLogicalShifted,
  EOR_shift: emitLogicalShifted, EON_shift: emitLogicalShifted, ANDS_shift: emitLogicalShifted, BICS_shift: emitLogicalShifted,
  ADD_shift: emitAddSubShifted, ADDS_shift: emitAddSubShifted, SUB_shift: emitAddSubShifted, SUBS_shift: emitAddSubShifted,
  ADD_ext: emitAddSubExtended, ADDS_ext: emitAddSubExtended, SUB_ext: emitAddSubExtended, SUBS_ext: emitAddSubExtended,
  ...ofForm('uoff', emitLdstUnsignedOffset),
  ...ofForm('pair', emitLdstPair),
  ...ofForm('reg', emitLdstRegisterOffset),
  ...ofForm('pre', emitLdstIndexed),
  ...ofForm('post', emitLdstIndexed),
  ...ofForm('unscaled', emitLdstUnscaled),
  ...ofForm('unpriv', emitLdstUnprivileged),
  ...ofForm('lit', emitLdrLiteral),
  ...ofForm('load-acquire', emitAcquireRelease), ...ofForm('store-release', emitAcquireRelease),
  ...ofForm('excl-load', emitLoadExclusive), ...ofForm('excl-store', emitStoreExclusive),
  ...ofForm('excl-load-pair', emitLoadExclusivePair), ...ofForm('excl-store-pair', emitStoreExclusivePair),
  ...Object.fromEntries(Object.entries(IMM_BRANCHES).map(([id, of]) => [id, emitBranch(of)])), BL: emitBl,
  BR: emitBranchRegister, RET: emitBranchRegister, BLR: emitBlr,
  ...ofForm('prefetch', emitPrefetch), ...ofForm('prefetch-reg', emitPrefetchRegister),
  SBFM: emitBitfield, BFM: emitBitfield, UBFM: emitBitfield,
  MADD: emitMulAdd, MSUB: emitMulAdd,
  SMADDL: emitMulAddLong, SMSUBL: emitMulAddLong, UMADDL: emitMulAddLong, UMSUBL: emitMulAddLong,
  ADC: emitAddSubCarry, SBC: emitAddSubCarry, ADCS: emitAddSubCarry, SBCS: emitAddSubCarry,
  CSEL: emitCondSelect, CSINC: emitCondSelect, CSINV: emitCondSelect, CSNEG: emitCondSelect,
  EXTR: emitExtract, ADR: emitAdr, ADRP: emitAdr,
  CCMN_reg: emitCondCompare, CCMP_reg: emitCondCompare, CCMN_imm: emitCondCompare, CCMP_imm: emitCondCompare,
  LSLV: emitShiftVariable, LSRV: emitShiftVariable, ASRV: emitShiftVariable, RORV: emitShiftVariable,
  UDIV: emitDivide, SDIV: emitDivide, SMULH: emitMulHigh, UMULH: emitMulHigh,
  CRC32B: emitCrc32, CRC32H: emitCrc32, CRC32W: emitCrc32, CRC32X: emitCrc32,
  CRC32CB: emitCrc32, CRC32CH: emitCrc32, CRC32CW: emitCrc32, CRC32CX: emitCrc32,
  RBIT: emitDataProc1, REV16: emitDataProc1, REV32: emitDataProc1, REV_32: emitDataProc1, REV_64: emitDataProc1, CLZ: emitDataProc1, CLS: emitDataProc1,
  ...FP_EMITTERS,
};

/** EMITTER_OF[op]: row op's emitter, or undefined. Throws when an emitter names no row (a binding bug). */
export function emittersByOp<T>(rows: readonly Encoding[], emitters: Readonly<Record<string, T>>): readonly (T | undefined)[] {
  const ids = new Set(rows.map((r) => r.id));
  const unknown = Object.keys(emitters).filter((id) => !ids.has(id));
  if (unknown.length > 0) throw new Error(`translator: emitters bound to ${unknown.join(', ')}, which are no rows`);
  return rows.map((r) => emitters[r.id]);
}

export const EMITTER_OF: readonly (Emitter | undefined)[] = emittersByOp(ROWS, EMITTERS);
export const IMM_BRANCH_OF = emittersByOp(ROWS, IMM_BRANCHES);
