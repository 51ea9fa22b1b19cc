// Syntax of data processing — immediate rows: ADD/SUB immediate, logical immediate, move wide, ADR/ADRP,
// bitfield moves and EXTR, with the aliases objdump prints, in its order of preference.
import { decodeBitMasks } from '../../arch/a64/bitmask.ts';
import { encodeBitMask, wideConstant } from '../bitmask.ts';
import { fail } from '../diagnostics.ts';
import type { Fields, Form } from '../forms.ts';
import { imm, label, lslStep, num, reg, SF, type Acc } from '../kinds.ts';

const M64 = (1n << 64n) - 1n;
const size = (f: Fields) => (f.sf === 1 ? 64 : 32);
const signedOf = (v: bigint, bits: number) => (v >> BigInt(bits - 1) ? v - (1n << BigInt(bits)) : v);
/** Fits the register: 0..2^n-1, or a negative number that sign-extends from n bits. */
function toWidth(v: bigint, bits: number, col: number, why: string): bigint {
  if (v < -(1n << BigInt(bits - 1)) || v > (1n << BigInt(bits)) - 1n) fail(why, col);
  return v & ((1n << BigInt(bits)) - 1n);
}
function needSf(fs: { get(n: string): number | undefined }): 32 | 64 {
  return fs.get('sf') === 0 ? 32 : 64;
}

/** ADD/SUB imm12: a multiple of 4096 below 2^24 written without `lsl #12` takes sh=1 (as GNU as does). */
const addImm: Acc = {
  get: (f) => BigInt(f.imm12!),
  set(v, fs, col) {
    if (v >= 0n && v < 4096n) return fs.set('imm12', Number(v));
    if (v > 0n && v % 4096n === 0n && v < 1n << 24n) {
      fs.set('imm12', Number(v >> 12n));
      return fs.set('sh', 1, 'immediate needs lsl #12', col);
    }
    fail('immediate out of range 0..4095 (or a multiple of 4096 below 2^24)', col);
  },
};

/** The N:immr:imms bitmask immediate. */
const bitmask: Acc = {
  get: (f) => decodeBitMasks(f.N!, f.imms!, f.immr!, true, size(f))?.wmask ?? 0n,
  set(v, fs, col) {
    const bits = needSf(fs);
    const e = encodeBitMask(toWidth(v, bits, col, 'not a valid bitmask immediate (out of range)'), bits);
    if (!e) fail(`0x${(v & M64).toString(16)} is not a valid bitmask immediate`, col);
    fs.set('N', e.n);
    fs.set('immr', e.immr);
    fs.set('imms', e.imms);
  },
};
/** GNU as's `bic Rd, Rn, #imm`: AND (immediate) with the inverted mask (assembly only; objdump prints `and`). */
const bitmaskInverted: Acc = {
  get: (f) => ~bitmask.get(f) & ((1n << BigInt(size(f))) - 1n),
  set: (v, fs, col) => bitmask.set(~toWidth(v, needSf(fs), col, 'not a valid bitmask immediate (out of range)') & ((1n << BigInt(needSf(fs))) - 1n), fs, col),
};
const logValid = (f: Fields) => decodeBitMasks(f.N!, f.imms!, f.immr!, true, size(f)) !== undefined;

/** MOVZ/MOVN `mov` alias value: imm16 << 16·hw, inverted for MOVN. */
const wide = (inverted: boolean): Acc => ({
  get(f) {
    const v = BigInt(f.imm16!) << BigInt(16 * f.hw!);
    return inverted ? ~v & ((1n << BigInt(size(f))) - 1n) : v;
  },
  set(v, fs, col) {
    const bits = needSf(fs);
    const why = 'immediate cannot be moved by a single instruction';
    let u = toWidth(v, bits, col, why);
    if (inverted) u = ~u & ((1n << BigInt(bits)) - 1n);
    for (let hw = 0; hw < bits / 16; hw++) {
      if ((u & ~(0xffffn << BigInt(16 * hw))) === 0n) {
        if (u === 0n && hw > 0) break;
        fs.set('hw', hw);
        fs.set('imm16', Number(u >> BigInt(16 * hw)));
        return;
      }
    }
    fail(why, col);
  },
});
const movComment = (acc: Acc) => ({ text: (f: Fields) => `#${signedOf(acc.get(f), size(f))}`, style: 'pad' as const });
const hwValid = (f: Fields) => f.sf === 1 || f.hw! < 2;

// ---- bitfield moves: N must equal sf, immr/imms below the register size
const bfValid = (f: Fields) => f.N === f.sf && f.immr! < size(f) && f.imms! < size(f);
/** BFXPreferred(sf, uns, imms, immr) from the Arm ARM. */
function bfxPreferred(f: Fields, uns: boolean): boolean {
  const imms = f.imms!;
  const immr = f.immr!;
  if (imms < immr) return false;
  if (imms === size(f) - 1) return false;
  if (immr === 0) {
    if (f.sf === 0 && (imms === 7 || imms === 15)) return false;
    if (f.sf === 1 && !uns && (imms === 7 || imms === 15 || imms === 31)) return false;
  }
  return true;
}

/** Sets N = sf and checks an immr/imms pair for the register size. */
function setBf(fs: Parameters<Acc['set']>[1], immr: number, imms: number): void {
  fs.set('N', fs.get('sf') ?? 1);
  fs.set('immr', immr);
  fs.set('imms', imms);
}

/** `#shift` of LSL/LSR/ASR (immediate) as UBFM/SBFM. */
const shiftAcc = (kind: 'lsl' | 'right'): Acc => ({
  get: (f) => BigInt(kind === 'lsl' ? size(f) - 1 - f.imms! : f.immr!),
  set(v, fs, col) {
    const n = needSf(fs);
    if (v < 0n || v >= BigInt(n)) fail(`shift amount out of range 0..${n - 1}`, col);
    const s = Number(v);
    if (kind === 'lsl') setBf(fs, (n - s) % n, n - 1 - s);
    else setBf(fs, s, n - 1);
  },
});

/** `#lsb, #width` of the insert (…IZ, BFI, BFC) and extract (…X, BFXIL) aliases. */
function lsbWidth(insert: boolean): [Acc, Acc] {
  const lsb: Acc = {
    get: (f) => BigInt(insert ? (size(f) - f.immr!) % size(f) : f.immr!),
    set(v, fs, col) {
      const n = needSf(fs);
      if (v < 0n || v >= BigInt(n)) fail(`lsb out of range 0..${n - 1}`, col);
      fs.set('$lsb', Number(v));
    },
  };
  const width: Acc = {
    get: (f) => BigInt(insert ? f.imms! + 1 : f.imms! - f.immr! + 1),
    set(v, fs, col) {
      const n = needSf(fs);
      const l = fs.get('$lsb')!;
      if (v < 1n || v > BigInt(n - l)) fail(`width out of range 1..${n - l}`, col);
      const w = Number(v);
      if (insert) setBf(fs, (n - l) % n, w - 1);
      else setBf(fs, l, l + w - 1);
    },
  };
  return [lsb, width];
}
const [izLsb, izWidth] = lsbWidth(true);
const [xLsb, xWidth] = lsbWidth(false);
const bfPlain = (field: 'immr' | 'imms'): Acc => ({
  get: (f) => BigInt(f[field]!),
  set(v, fs, col) {
    const n = needSf(fs);
    if (v < 0n || v >= BigInt(n)) fail(`${field} out of range 0..${n - 1}`, col);
    if (field === 'immr') fs.set('N', fs.get('sf') ?? 1);
    fs.set(field, Number(v));
  },
});

const Rd_SP = reg('Rd', SF, true);
const Rn_SP = reg('Rn', SF, true);
const Rd = reg('Rd');
const Rn = reg('Rn');
const Rm = reg('Rm');
const Wn = reg('Rn', 'w');
const Xd = reg('Rd', 'x');
const imm12 = [imm(addImm), lslStep('sh', 12)];
const hwShift = lslStep('hw', 16, (f) => (f.sf === 0 ? 1 : 3));
const bfOps = [Rd, Rn, imm(bfPlain('immr'), 'dec'), imm(bfPlain('imms'), 'dec')];
const izOps = (rn = Rn) => [Rd, rn, imm(izLsb, 'dec'), imm(izWidth, 'dec')];
const xOps = [Rd, Rn, imm(xLsb, 'dec'), imm(xWidth, 'dec')];

/** SBFM/UBFM aliases: shifts, insert/extract, extends (Arm ARM alias conditions, objdump's order). */
function bitfield(uns: boolean): Form[] {
  const p = uns ? 'u' : 's';
  const v = (f: Fields) => bfValid(f);
  const ext = (mn: string, imms: number, sf: number): Form => ({
    mn,
    ops: [Rd, Wn],
    fixed: { sf, N: sf, immr: 0, imms },
  });
  const forms: Form[] = [];
  if (uns) forms.push({ mn: 'lsl', ops: [Rd, Rn, imm(shiftAcc('lsl'), 'dec')], when: (f) => v(f) && f.imms !== size(f) - 1 && f.imms! + 1 === f.immr });
  forms.push(
    { mn: uns ? 'lsr' : 'asr', ops: [Rd, Rn, imm(shiftAcc('right'), 'dec')], when: (f) => v(f) && f.imms === size(f) - 1 },
    { mn: `${p}bfiz`, ops: izOps(), when: (f) => v(f) && f.imms! < f.immr! },
    { mn: `${p}bfx`, ops: xOps, when: (f) => v(f) && bfxPreferred(f, uns) },
    ext(`${p}xtb`, 7, 0),
    ext(`${p}xth`, 15, 0),
  );
  if (!uns) forms.push(ext('sxtb', 7, 1), ext('sxth', 15, 1), ext('sxtw', 31, 1));
  forms.push({ mn: `${p}bfm`, ops: bfOps, when: v });
  return forms;
}

export const DP_IMM_SYNTAX: Record<string, readonly Form[]> = {
  ADD_imm: [
    {
      mn: 'mov',
      ops: [Rd_SP, Rn_SP],
      fixed: { sh: 0, imm12: 0 },
      when: (f) => f.Rd === 31 || f.Rn === 31,
      derive: (fs) => {
        if (fs.get('Rd') !== 31 && fs.get('Rn') !== 31) fail('mov to or from sp'); // other registers: ORR
      },
    },
    { mn: 'add', ops: [Rd_SP, Rn_SP, ...imm12] },
  ],
  ADDS_imm: [
    { mn: 'cmn', ops: [Rn_SP, ...imm12], fixed: { Rd: 31 } },
    { mn: 'adds', ops: [Rd, Rn_SP, ...imm12] },
  ],
  SUB_imm: [{ mn: 'sub', ops: [Rd_SP, Rn_SP, ...imm12] }],
  SUBS_imm: [
    { mn: 'cmp', ops: [Rn_SP, ...imm12], fixed: { Rd: 31 } },
    { mn: 'subs', ops: [Rd, Rn_SP, ...imm12] },
  ],
  AND_imm: [{ mn: 'and', ops: [Rd_SP, Rn, imm(bitmask)], when: logValid }, { mn: 'bic', ops: [Rd_SP, Rn, imm(bitmaskInverted)], only: 'asm' }],
  ORR_imm: [
    { mn: 'mov', ops: [Rd_SP, imm(bitmask)], fixed: { Rn: 31 }, when: (f) => logValid(f) && (f.Rd === 31 || !wideConstant(bitmask.get(f), f.sf === 0)), comment: movComment(bitmask), prio: 2 },
    { mn: 'orr', ops: [Rd_SP, Rn, imm(bitmask)], when: logValid },
  ],
  EOR_imm: [{ mn: 'eor', ops: [Rd_SP, Rn, imm(bitmask)], when: logValid }],
  ANDS_imm: [
    { mn: 'tst', ops: [Rn, imm(bitmask)], fixed: { Rd: 31 }, when: logValid },
    { mn: 'ands', ops: [Rd, Rn, imm(bitmask)], when: logValid },
  ],
  MOVZ: [
    { mn: 'mov', ops: [Rd, imm(wide(false))], when: (f) => hwValid(f) && !(f.imm16 === 0 && f.hw !== 0), comment: movComment(wide(false)) },
    { mn: 'movz', ops: [Rd, imm(num('imm16')), hwShift], when: hwValid },
  ],
  MOVN: [
    { mn: 'mov', ops: [Rd, imm(wide(true))], when: (f) => hwValid(f) && !(f.imm16 === 0 && f.hw !== 0) && !(f.sf === 0 && f.imm16 === 0xffff), comment: movComment(wide(true)), prio: 1 },
    { mn: 'movn', ops: [Rd, imm(num('imm16')), hwShift], when: hwValid },
  ],
  MOVK: [{ mn: 'movk', ops: [Rd, imm(num('imm16')), hwShift], when: hwValid }],
  ADR: [{ mn: 'adr', ops: [Xd, label(num(['immhi', 'immlo'], { signed: true, what: 'address', pm: true }))] }],
  ADRP: [{ mn: 'adrp', ops: [Xd, label(num(['immhi', 'immlo'], { signed: true, scale: 4096, what: 'page address', pm: true }), true)] }],
  SBFM: bitfield(false),
  UBFM: bitfield(true),
  BFM: [
    { mn: 'bfc', ops: [Rd, imm(izLsb, 'dec'), imm(izWidth, 'dec')], fixed: { Rn: 31 }, when: (f) => bfValid(f) && f.imms! < f.immr! },
    { mn: 'bfi', ops: izOps(), when: (f) => bfValid(f) && f.imms! < f.immr! },
    { mn: 'bfxil', ops: xOps, when: (f) => bfValid(f) && f.imms! >= f.immr! },
    { mn: 'bfm', ops: bfOps, when: bfValid },
  ],
  EXTR: [
    { mn: 'ror', ops: [Rd, Rn, imm(bfPlain('imms'), 'dec')], when: (f) => f.N === f.sf && f.imms! < size(f) && f.Rn === f.Rm, derive: (fs) => { fs.set('Rm', fs.get('Rn')!); fs.set('N', fs.get('sf')!); } },
    { mn: 'extr', ops: [Rd, Rn, Rm, imm(bfPlain('imms'), 'dec')], when: (f) => f.N === f.sf && f.imms! < size(f), derive: (fs) => fs.set('N', fs.get('sf')!) },
  ],
};
