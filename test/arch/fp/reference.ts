// A slow, obviously-correct model of the Arm pseudocode FP functions (ARM J1.1/J1.3, without FEAT_AFP), written
// independently of src/arch/fp: operands are BigInt bit patterns, every `real` of the pseudocode is an exact
// rational (BigInt numerator/denominator), and each function follows the pseudocode text line by line.
// Square roots are the one irrational step: they are computed to 2^-1200 with a sticky half-unit, which no
// rounding boundary of any format can fall between.

// ------------------------------------------------------------------ exact rationals
export interface Q {
  n: bigint; // numerator (signed)
  d: bigint; // denominator > 0
}
const abs = (x: bigint): bigint => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}
export function q(n: bigint, d = 1n): Q {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}
const add = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
const sub = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Q, b: Q): Q => q(a.n * b.n, a.d * b.d);
const div = (a: Q, b: Q): Q => q(a.n * b.d, a.d * b.n);
const cmp = (a: Q, b: Q): number => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
const isZero = (a: Q): boolean => a.n === 0n;
const neg = (a: Q): Q => ({ n: -a.n, d: a.d });
const pow2q = (k: number): Q => (k >= 0 ? q(1n << BigInt(k)) : q(1n, 1n << BigInt(-k)));
/** RoundDown (floor) of a rational. */
function floorQ(a: Q): bigint {
  const f = a.n / a.d; // truncates toward zero
  return a.n < 0n && f * a.d !== a.n ? f - 1n : f;
}
const HALFQ = q(1n, 2n);

// ------------------------------------------------------------------ FPCR / FPSR
export const FLAG = { IOC: 1, DZC: 2, OFC: 4, UFC: 8, IXC: 16, IDC: 128 } as const;
export type Rnd = 'TIEEVEN' | 'POSINF' | 'NEGINF' | 'ZERO' | 'TIEAWAY' | 'ODD';
export const RMODES: Rnd[] = ['TIEEVEN', 'POSINF', 'NEGINF', 'ZERO'];
export interface Fpcr {
  rmode: number;
  fz: boolean;
  dn: boolean;
  ahp: boolean;
}
export function decodeFpcr(v: number): Fpcr {
  return { rmode: (v >>> 22) & 3, fz: ((v >>> 24) & 1) === 1, dn: ((v >>> 25) & 1) === 1, ahp: ((v >>> 26) & 1) === 1 };
}
/** The state one reference operation runs in: FPCR in, FPSR flags out. */
export class Env {
  fpsr = 0;
  constructor(public fpcr: Fpcr) {}
  raise(flag: number): void {
    this.fpsr |= flag;
  }
  get rounding(): Rnd {
    return RMODES[this.fpcr.rmode]!;
  }
}

// ------------------------------------------------------------------ formats
type N = 16 | 32 | 64;
const E_OF = (n: N): number => (n === 16 ? 5 : n === 32 ? 8 : 11);
const F_OF = (n: N): number => n - E_OF(n) - 1;
const MINEXP = (n: N): number => (n === 16 ? -14 : n === 32 ? -126 : -1022);
const mask = (bits: number): bigint => (1n << BigInt(bits)) - 1n;
const pack = (n: N, sign: number, exp: bigint, frac: bigint): bigint =>
  (BigInt(sign) << BigInt(n - 1)) | (exp << BigInt(F_OF(n))) | frac;
export const FPZero = (sign: number, n: N): bigint => pack(n, sign, 0n, 0n);
export const FPInfinity = (sign: number, n: N): bigint => pack(n, sign, mask(E_OF(n)), 0n);
export const FPMaxNormal = (sign: number, n: N): bigint => pack(n, sign, mask(E_OF(n)) - 1n, mask(F_OF(n)));
export const FPDefaultNaN = (n: N): bigint => pack(n, 0, mask(E_OF(n)), 1n << BigInt(F_OF(n) - 1));
const FPTwo = (sign: number, n: N): bigint => pack(n, sign, 1n << BigInt(E_OF(n) - 1), 0n);
const FPOnePointFive = (sign: number, n: N): bigint => pack(n, sign, mask(E_OF(n) - 1), 1n << BigInt(F_OF(n) - 1));
export const FPNeg = (op: bigint, n: N): bigint => op ^ (1n << BigInt(n - 1));
export const FPAbs = (op: bigint, n: N): bigint => op & mask(n - 1);

// ------------------------------------------------------------------ FPUnpackBase
type FPType = 'Zero' | 'Denormal' | 'Nonzero' | 'Infinity' | 'QNaN' | 'SNaN';
interface Unpacked {
  type: FPType;
  sign: number;
  value: Q; // 0 for NaNs, ±2^1000000 stands for ±∞ (only compared)
  inf: boolean;
}
const isNaNType = (t: FPType): boolean => t === 'QNaN' || t === 'SNaN';

/** FPUnpackBase(fpval, fpcr, fpexc) with explicit FZ16 = 0; `ahp` = FPCR.AHP is honoured (FPUnpackCV) or not (FPUnpack). */
function FPUnpackBase(op: bigint, n: N, env: Env, ahp: boolean): Unpacked {
  const E = E_OF(n), F = F_OF(n);
  const sign = Number((op >> BigInt(n - 1)) & 1n);
  const exp = (op >> BigInt(F)) & mask(E);
  const frac = op & mask(F);
  let type: FPType;
  let value: Q = q(0n);
  let inf = false;
  if (exp === 0n) {
    if (frac === 0n) type = 'Zero';
    else if (n !== 16 && env.fpcr.fz) {
      type = 'Zero';
      env.raise(FLAG.IDC);
    } else {
      type = 'Denormal';
      value = mul(pow2q(MINEXP(n)), q(frac, 1n << BigInt(F)));
    }
  } else if (exp === mask(E) && !(n === 16 && ahp)) {
    if (frac === 0n) {
      type = 'Infinity';
      inf = true;
      value = q(1n); // never used numerically
    } else type = ((frac >> BigInt(F - 1)) & 1n) === 1n ? 'QNaN' : 'SNaN';
  } else {
    type = 'Nonzero';
    const bias = (1 << (E - 1)) - 1;
    value = mul(pow2q(Number(exp) - bias), add(q(1n), q(frac, 1n << BigInt(F))));
  }
  if (sign === 1) value = neg(value);
  return { type, sign, value, inf };
}
const FPUnpack = (op: bigint, n: N, env: Env): Unpacked => FPUnpackBase(op, n, env, false);

/** Comparison of unpacked values treating ∞ as ±2^1000000. */
function cmpU(a: Unpacked, b: Unpacked): number {
  const rank = (u: Unpacked): number => (u.inf ? (u.sign ? -1 : 1) : 0);
  const ra = rank(a), rb = rank(b);
  if (ra !== 0 || rb !== 0) return ra === rb ? 0 : ra < rb ? -1 : 1;
  return cmp(a.value, b.value);
}

// ------------------------------------------------------------------ NaNs
function FPProcessNaN(type: FPType, op: bigint, n: N, env: Env): bigint {
  const topfrac = BigInt(F_OF(n) - 1);
  let result = op;
  if (type === 'SNaN') {
    result |= 1n << topfrac;
    env.raise(FLAG.IOC);
  }
  if (env.fpcr.dn) result = FPDefaultNaN(n);
  return result;
}
function FPProcessNaNs(t1: FPType, t2: FPType, op1: bigint, op2: bigint, n: N, env: Env): bigint | undefined {
  if (t1 === 'SNaN') return FPProcessNaN(t1, op1, n, env);
  if (t2 === 'SNaN') return FPProcessNaN(t2, op2, n, env);
  if (t1 === 'QNaN') return FPProcessNaN(t1, op1, n, env);
  if (t2 === 'QNaN') return FPProcessNaN(t2, op2, n, env);
  return undefined;
}
function FPProcessNaNs3(t: FPType[], ops: bigint[], n: N, env: Env): bigint | undefined {
  for (let i = 0; i < 3; i++) if (t[i] === 'SNaN') return FPProcessNaN(t[i]!, ops[i]!, n, env);
  for (let i = 0; i < 3; i++) if (t[i] === 'QNaN') return FPProcessNaN(t[i]!, ops[i]!, n, env);
  return undefined;
}

// ------------------------------------------------------------------ FPRoundBase
/** NormalizeReal: (m, e) with 1 ≤ m < 2 and x = m × 2^e, for x > 0. */
function normalizeReal(x: Q): [Q, number] {
  let e = x.n.toString(2).length - x.d.toString(2).length;
  let m = div(x, pow2q(e));
  while (cmp(m, q(1n)) < 0) {
    m = mul(m, q(2n));
    e -= 1;
  }
  while (cmp(m, q(2n)) >= 0) {
    m = div(m, q(2n));
    e += 1;
  }
  return [m, e];
}

/** FPRoundBase(op, fpcr, rounding, isbfloat16 = FALSE, fpexc = TRUE, satoflo = FALSE, N); `ahp` is fpcr.AHP. */
export function FPRoundBase(op: Q, n: N, env: Env, rounding: Rnd, ahp: boolean): bigint {
  if (isZero(op)) throw new Error('FPRoundBase: op == 0');
  const E = E_OF(n), F = F_OF(n), minimumExp = MINEXP(n);
  let sign: number;
  let mantissa: Q;
  if (cmp(op, q(0n)) < 0) {
    sign = 1;
    mantissa = neg(op);
  } else {
    sign = 0;
    mantissa = op;
  }
  let exponent: number;
  [mantissa, exponent] = normalizeReal(mantissa);
  if (env.fpcr.fz && n !== 16 && exponent < minimumExp) {
    env.raise(FLAG.UFC);
    return FPZero(sign, n);
  }
  let biasedExp = Math.max(exponent - minimumExp + 1, 0);
  if (biasedExp === 0) mantissa = div(mantissa, pow2q(minimumExp - exponent));
  let intMant = floorQ(mul(mantissa, pow2q(F)));
  let error = sub(mul(mantissa, pow2q(F)), q(intMant));
  if (biasedExp === 0 && !isZero(error)) env.raise(FLAG.UFC);
  let roundUp: boolean;
  let overflowToInf: boolean;
  switch (rounding) {
    case 'TIEEVEN':
      roundUp = cmp(error, HALFQ) > 0 || (cmp(error, HALFQ) === 0 && (intMant & 1n) === 1n);
      overflowToInf = true;
      break;
    case 'POSINF':
      roundUp = !isZero(error) && sign === 0;
      overflowToInf = sign === 0;
      break;
    case 'NEGINF':
      roundUp = !isZero(error) && sign === 1;
      overflowToInf = sign === 1;
      break;
    case 'ZERO':
    case 'ODD':
      roundUp = false;
      overflowToInf = false;
      break;
    default:
      throw new Error('FPRoundBase: TIEAWAY');
  }
  if (roundUp) {
    intMant += 1n;
    if (intMant === 1n << BigInt(F)) biasedExp = 1;
    if (intMant === 1n << BigInt(F + 1)) {
      biasedExp += 1;
      intMant >>= 1n;
    }
  }
  if (!isZero(error) && rounding === 'ODD' && (intMant & 1n) === 0n) intMant += 1n;
  let result: bigint;
  if (n !== 16 || !ahp) {
    if (biasedExp >= (1 << E) - 1) {
      result = overflowToInf ? FPInfinity(sign, n) : FPMaxNormal(sign, n);
      env.raise(FLAG.OFC);
      error = q(1n);
    } else result = pack(n, sign, BigInt(biasedExp), intMant & mask(F));
  } else if (biasedExp >= 1 << E) {
    result = (BigInt(sign) << 15n) | mask(15);
    env.raise(FLAG.IOC);
    error = q(0n);
  } else result = pack(n, sign, BigInt(biasedExp), intMant & mask(F));
  if (!isZero(error)) env.raise(FLAG.IXC);
  return result;
}
const FPRound = (op: Q, n: N, env: Env, rounding: Rnd = env.rounding): bigint => FPRoundBase(op, n, env, rounding, false);

// ------------------------------------------------------------------ arithmetic
export function FPAdd(op1: bigint, op2: bigint, n: N, env: Env, subtract = false): bigint {
  const rounding = env.rounding;
  const u1 = FPUnpack(op1, n, env);
  const u2 = FPUnpack(op2, n, env);
  const nan = FPProcessNaNs(u1.type, u2.type, op1, op2, n, env);
  if (nan !== undefined) return nan;
  const inf1 = u1.type === 'Infinity', inf2 = u2.type === 'Infinity';
  const zero1 = u1.type === 'Zero', zero2 = u2.type === 'Zero';
  const sign2 = subtract ? 1 - u2.sign : u2.sign;
  if (inf1 && inf2 && u1.sign !== sign2) {
    env.raise(FLAG.IOC);
    return FPDefaultNaN(n);
  }
  if ((inf1 && u1.sign === 0) || (inf2 && sign2 === 0)) return FPInfinity(0, n);
  if ((inf1 && u1.sign === 1) || (inf2 && sign2 === 1)) return FPInfinity(1, n);
  if (zero1 && zero2 && u1.sign === sign2) return FPZero(u1.sign, n);
  const v = subtract ? sub(u1.value, u2.value) : add(u1.value, u2.value);
  if (isZero(v)) return FPZero(rounding === 'NEGINF' ? 1 : 0, n);
  return FPRound(v, n, env, rounding);
}

export function FPMul(op1: bigint, op2: bigint, n: N, env: Env, mulx = false): bigint {
  const u1 = FPUnpack(op1, n, env);
  const u2 = FPUnpack(op2, n, env);
  const nan = FPProcessNaNs(u1.type, u2.type, op1, op2, n, env);
  if (nan !== undefined) return nan;
  const inf1 = u1.type === 'Infinity', inf2 = u2.type === 'Infinity';
  const zero1 = u1.type === 'Zero', zero2 = u2.type === 'Zero';
  const s = u1.sign ^ u2.sign;
  if ((inf1 && zero2) || (zero1 && inf2)) {
    if (mulx) return FPTwo(s, n);
    env.raise(FLAG.IOC);
    return FPDefaultNaN(n);
  }
  if (inf1 || inf2) return FPInfinity(s, n);
  if (zero1 || zero2) return FPZero(s, n);
  return FPRound(mul(u1.value, u2.value), n, env);
}

export function FPDiv(op1: bigint, op2: bigint, n: N, env: Env): bigint {
  const u1 = FPUnpack(op1, n, env);
  const u2 = FPUnpack(op2, n, env);
  const nan = FPProcessNaNs(u1.type, u2.type, op1, op2, n, env);
  if (nan !== undefined) return nan;
  const inf1 = u1.type === 'Infinity', inf2 = u2.type === 'Infinity';
  const zero1 = u1.type === 'Zero', zero2 = u2.type === 'Zero';
  if ((inf1 && inf2) || (zero1 && zero2)) {
    env.raise(FLAG.IOC);
    return FPDefaultNaN(n);
  }
  if (inf1 || zero2) {
    if (!inf1) env.raise(FLAG.DZC);
    return FPInfinity(u1.sign ^ u2.sign, n);
  }
  if (zero1 || inf2) return FPZero(u1.sign ^ u2.sign, n);
  return FPRound(div(u1.value, u2.value), n, env);
}

/** Integer square root (floor). */
function isqrt(x: bigint): bigint {
  if (x < 2n) return x;
  let r = 1n << BigInt(Math.ceil(x.toString(2).length / 2));
  for (;;) {
    const next = (r + x / r) >> 1n;
    if (next >= r) return r;
    r = next;
  }
}

export function FPSqrt(op: bigint, n: N, env: Env): bigint {
  const u = FPUnpack(op, n, env);
  if (isNaNType(u.type)) return FPProcessNaN(u.type, op, n, env);
  if (u.type === 'Zero') return FPZero(u.sign, n);
  if (u.type === 'Infinity' && u.sign === 0) return FPInfinity(0, n);
  if (u.sign === 1) {
    env.raise(FLAG.IOC);
    return FPDefaultNaN(n);
  }
  // √value to 2^-K, K = 1200: floor(√(value × 2^2K)); not exact → add half a unit (a sticky bit)
  const K = 1200n;
  const scaled = (u.value.n << (2n * K)) / u.value.d;
  const root = isqrt(scaled);
  const exact = root * root === scaled && scaled * u.value.d === u.value.n << (2n * K);
  const r = exact ? q(root, 1n << K) : q(2n * root + 1n, 1n << (K + 1n));
  return FPRound(r, n, env);
}

export function FPMulAdd(addend: bigint, op1: bigint, op2: bigint, n: N, env: Env): bigint {
  const rounding = env.rounding;
  const uA = FPUnpack(addend, n, env);
  const u1 = FPUnpack(op1, n, env);
  const u2 = FPUnpack(op2, n, env);
  const inf1 = u1.type === 'Infinity', zero1 = u1.type === 'Zero';
  const inf2 = u2.type === 'Infinity', zero2 = u2.type === 'Zero';
  let result = FPProcessNaNs3([uA.type, u1.type, u2.type], [addend, op1, op2], n, env);
  if (uA.type === 'QNaN' && ((inf1 && zero2) || (zero1 && inf2))) {
    result = FPDefaultNaN(n);
    env.raise(FLAG.IOC);
  }
  if (result !== undefined) return result;
  const infA = uA.type === 'Infinity', zeroA = uA.type === 'Zero';
  const signP = u1.sign ^ u2.sign;
  const infP = inf1 || inf2, zeroP = zero1 || zero2;
  if ((inf1 && zero2) || (zero1 && inf2) || (infA && infP && uA.sign !== signP)) {
    env.raise(FLAG.IOC);
    return FPDefaultNaN(n);
  }
  if ((infA && uA.sign === 0) || (infP && signP === 0)) return FPInfinity(0, n);
  if ((infA && uA.sign === 1) || (infP && signP === 1)) return FPInfinity(1, n);
  if (zeroA && zeroP && uA.sign === signP) return FPZero(uA.sign, n);
  const v = add(uA.value, mul(u1.value, u2.value));
  if (isZero(v)) return FPZero(rounding === 'NEGINF' ? 1 : 0, n);
  return FPRound(v, n, env, rounding);
}

/** FPRecipStepFused (halve = false) and FPRSqrtStepFused (halve = true). */
export function FPStepFused(op1in: bigint, op2: bigint, n: N, env: Env, halve: boolean): bigint {
  const op1 = FPNeg(op1in, n);
  const u1 = FPUnpack(op1, n, env);
  const u2 = FPUnpack(op2, n, env);
  const nan = FPProcessNaNs(u1.type, u2.type, op1, op2, n, env);
  if (nan !== undefined) return nan;
  const rounding = env.rounding;
  const inf1 = u1.type === 'Infinity', inf2 = u2.type === 'Infinity';
  const zero1 = u1.type === 'Zero', zero2 = u2.type === 'Zero';
  if ((inf1 && zero2) || (zero1 && inf2)) return halve ? FPOnePointFive(0, n) : FPTwo(0, n);
  if (inf1 || inf2) return FPInfinity(u1.sign ^ u2.sign, n);
  let v = add(q(halve ? 3n : 2n), mul(u1.value, u2.value));
  if (halve) v = div(v, q(2n));
  if (isZero(v)) return FPZero(rounding === 'NEGINF' ? 1 : 0, n);
  return FPRound(v, n, env, rounding);
}

// ------------------------------------------------------------------ min / max / compare
export function FPMinMax(op1: bigint, op2: bigint, n: N, env: Env, max: boolean): bigint {
  const u1 = FPUnpack(op1, n, env);
  const u2 = FPUnpack(op2, n, env);
  const nan = FPProcessNaNs(u1.type, u2.type, op1, op2, n, env);
  if (nan !== undefined) return nan;
  const c = cmpU(u1, u2);
  const pick = (max ? c > 0 : c < 0) ? u1 : u2;
  if (pick.type === 'Infinity') return FPInfinity(pick.sign, n);
  if (pick.type === 'Zero') return FPZero(max ? u1.sign & u2.sign : u1.sign | u2.sign, n);
  return FPRound(pick.value, n, env);
}

export function FPMinMaxNum(op1in: bigint, op2in: bigint, n: N, env: Env, max: boolean): bigint {
  let op1 = op1in, op2 = op2in;
  const t1 = FPUnpack(op1, n, env).type;
  const t2 = FPUnpack(op2, n, env).type;
  if (t1 === 'QNaN' && t2 !== 'QNaN') op1 = FPInfinity(max ? 1 : 0, n);
  else if (t1 !== 'QNaN' && t2 === 'QNaN') op2 = FPInfinity(max ? 1 : 0, n);
  return FPMinMax(op1, op2, n, env, max);
}

/** FPCompare → NZCV as a 4-bit number. */
export function FPCompare(op1: bigint, op2: bigint, n: N, env: Env, signalNaNs: boolean): number {
  const u1 = FPUnpack(op1, n, env);
  const u2 = FPUnpack(op2, n, env);
  if (isNaNType(u1.type) || isNaNType(u2.type)) {
    if (u1.type === 'SNaN' || u2.type === 'SNaN' || signalNaNs) env.raise(FLAG.IOC);
    return 0b0011;
  }
  const c = cmpU(u1, u2);
  return c === 0 ? 0b0110 : c < 0 ? 0b1000 : 0b0010;
}

/** FPCompareEQ / FPCompareGE / FPCompareGT. */
export function FPCompareRel(op1: bigint, op2: bigint, n: N, env: Env, rel: 'EQ' | 'GE' | 'GT'): boolean {
  const u1 = FPUnpack(op1, n, env);
  const u2 = FPUnpack(op2, n, env);
  if (isNaNType(u1.type) || isNaNType(u2.type)) {
    if (rel !== 'EQ' || u1.type === 'SNaN' || u2.type === 'SNaN') env.raise(FLAG.IOC);
    return false;
  }
  const c = cmpU(u1, u2);
  return rel === 'EQ' ? c === 0 : rel === 'GE' ? c >= 0 : c > 0;
}

// ------------------------------------------------------------------ conversions
function FPConvertNaN(op: bigint, n: N, m: N): bigint {
  const sign = (op >> BigInt(n - 1)) & 1n;
  let frac: bigint; // 51 bits
  if (n === 64) frac = op & mask(51);
  else if (n === 32) frac = (op & mask(22)) << 29n;
  else frac = (op & mask(9)) << 42n;
  if (m === 64) return (sign << 63n) | (mask(12) << 51n) | frac;
  if (m === 32) return (sign << 31n) | (mask(9) << 22n) | (frac >> 29n);
  return (sign << 15n) | (mask(6) << 9n) | (frac >> 42n);
}

export function FPConvert(op: bigint, n: N, m: N, env: Env, rounding: Rnd): bigint {
  const u = FPUnpackBase(op, n, env, env.fpcr.ahp); // FPUnpackCV: FZ16 = 0, AHP observed
  const altHp = m === 16 && env.fpcr.ahp;
  if (isNaNType(u.type)) {
    let result: bigint;
    if (altHp) result = FPZero(u.sign, m);
    else if (env.fpcr.dn) result = FPDefaultNaN(m);
    else result = FPConvertNaN(op, n, m);
    if (u.type === 'SNaN' || altHp) env.raise(FLAG.IOC);
    return result;
  }
  if (u.type === 'Infinity') {
    if (altHp) {
      env.raise(FLAG.IOC);
      return (BigInt(u.sign) << BigInt(m - 1)) | mask(m - 1);
    }
    return FPInfinity(u.sign, m);
  }
  if (u.type === 'Zero') return FPZero(u.sign, m);
  return FPRoundBase(u.value, m, env, rounding, env.fpcr.ahp); // FPRoundCV
}

/** RoundDown + round_up of FPToFixed / FPRoundInt; returns [int_result, error != 0]. */
function roundInteger(value: Q, rounding: Rnd): [bigint, boolean] {
  let intResult = floorQ(value);
  const error = sub(value, q(intResult));
  let roundUp: boolean;
  switch (rounding) {
    case 'TIEEVEN':
      roundUp = cmp(error, HALFQ) > 0 || (cmp(error, HALFQ) === 0 && (intResult & 1n) === 1n);
      break;
    case 'POSINF':
      roundUp = !isZero(error);
      break;
    case 'NEGINF':
      roundUp = false;
      break;
    case 'ZERO':
      roundUp = !isZero(error) && intResult < 0n;
      break;
    case 'TIEAWAY':
      roundUp = cmp(error, HALFQ) > 0 || (cmp(error, HALFQ) === 0 && intResult >= 0n);
      break;
    default:
      throw new Error('ODD');
  }
  if (roundUp) intResult += 1n;
  return [intResult, !isZero(error)];
}

/** FPToFixed → M-bit result as an unsigned BigInt. */
export function FPToFixed(op: bigint, n: N, fbits: number, unsigned: boolean, env: Env, rounding: Rnd, m: 32 | 64): bigint {
  const u = FPUnpack(op, n, env);
  if (isNaNType(u.type)) env.raise(FLAG.IOC);
  let value: Q;
  if (u.type === 'Infinity') value = u.sign ? neg(pow2q(1000)) : pow2q(1000); // "very large"
  else value = u.value;
  value = mul(value, pow2q(fbits));
  const [intResult, inexact] = roundInteger(value, rounding);
  const lo = unsigned ? 0n : -(1n << BigInt(m - 1));
  const hi = unsigned ? (1n << BigInt(m)) - 1n : (1n << BigInt(m - 1)) - 1n;
  let result = intResult;
  let overflow = false;
  if (intResult > hi) {
    result = hi;
    overflow = true;
  } else if (intResult < lo) {
    result = lo;
    overflow = true;
  }
  if (overflow) env.raise(FLAG.IOC);
  else if (inexact) env.raise(FLAG.IXC);
  return BigInt.asUintN(m, result);
}

/** FixedToFP of an M-bit pattern. */
export function FixedToFP(op: bigint, m: 32 | 64, fbits: number, unsigned: boolean, env: Env, rounding: Rnd, n: N): bigint {
  const intOperand = unsigned ? BigInt.asUintN(m, op) : BigInt.asIntN(m, op);
  const real = div(q(intOperand), pow2q(fbits));
  if (isZero(real)) return FPZero(0, n);
  return FPRound(real, n, env, rounding);
}

export function FPRoundInt(op: bigint, n: N, env: Env, rounding: Rnd, exact: boolean): bigint {
  const u = FPUnpack(op, n, env);
  if (isNaNType(u.type)) return FPProcessNaN(u.type, op, n, env);
  if (u.type === 'Infinity') return FPInfinity(u.sign, n);
  if (u.type === 'Zero') return FPZero(u.sign, n);
  const [intResult, inexact] = roundInteger(u.value, rounding);
  const result = intResult === 0n ? FPZero(u.sign, n) : FPRound(q(intResult), n, env, 'ZERO');
  if (inexact && exact) env.raise(FLAG.IXC);
  return result;
}

// ------------------------------------------------------------------ estimates
function RecipEstimate(a0: number): number {
  const a = a0 * 2 + 1;
  const b = Math.floor(2 ** 19 / a);
  return Math.floor((b + 1) / 2);
}
function RecipSqrtEstimate(a0: number): number {
  let a = a0 < 256 ? a0 * 2 + 1 : Math.floor(a0 / 2) * 2;
  if (a0 >= 256) a = (a + 1) * 2;
  let b = 512;
  while (a * (b + 1) * (b + 1) < 2 ** 28) b++;
  return Math.floor((b + 1) / 2);
}

export function FPRecipEstimate(op: bigint, n: 32 | 64, env: Env): bigint {
  const u = FPUnpack(op, n, env);
  const sign = u.sign;
  if (isNaNType(u.type)) return FPProcessNaN(u.type, op, n, env);
  if (u.type === 'Infinity') return FPZero(sign, n);
  if (u.type === 'Zero') {
    env.raise(FLAG.DZC);
    return FPInfinity(sign, n);
  }
  const absV = u.sign ? neg(u.value) : u.value;
  if (cmp(absV, pow2q(n === 32 ? -128 : -1024)) < 0) {
    const r = env.rounding;
    const toInf = r === 'TIEEVEN' || (r === 'POSINF' && sign === 0) || (r === 'NEGINF' && sign === 1);
    env.raise(FLAG.OFC);
    env.raise(FLAG.IXC);
    return toInf ? FPInfinity(sign, n) : FPMaxNormal(sign, n);
  }
  if (env.fpcr.fz && cmp(absV, pow2q(n === 32 ? 126 : 1022)) >= 0) {
    env.raise(FLAG.UFC);
    return FPZero(sign, n);
  }
  let fraction: bigint; // 52 bits
  let exp: number;
  if (n === 32) {
    fraction = (op & mask(23)) << 29n;
    exp = Number((op >> 23n) & 0xffn);
  } else {
    fraction = op & mask(52);
    exp = Number((op >> 52n) & 0x7ffn);
  }
  if (exp === 0) {
    if (((fraction >> 51n) & 1n) === 0n) {
      exp = -1;
      fraction = (fraction & mask(50)) << 2n;
    } else fraction = (fraction & mask(51)) << 1n;
  }
  const scaled = Number((1n << 8n) | (fraction >> 44n));
  let resultExp = (n === 32 ? 253 : 2045) - exp;
  const estimate = BigInt(RecipEstimate(scaled));
  fraction = (estimate & 0xffn) << 44n;
  if (resultExp === 0) fraction = (1n << 51n) | (fraction >> 1n);
  else if (resultExp === -1) {
    fraction = (1n << 50n) | (fraction >> 2n);
    resultExp = 0;
  }
  if (n === 32) return (BigInt(sign) << 31n) | (BigInt(resultExp) << 23n) | (fraction >> 29n);
  return (BigInt(sign) << 63n) | (BigInt(resultExp) << 52n) | fraction;
}

export function FPRSqrtEstimate(op: bigint, n: 32 | 64, env: Env): bigint {
  const u = FPUnpack(op, n, env);
  if (isNaNType(u.type)) return FPProcessNaN(u.type, op, n, env);
  if (u.type === 'Zero') {
    env.raise(FLAG.DZC);
    return FPInfinity(u.sign, n);
  }
  if (u.sign === 1) {
    env.raise(FLAG.IOC);
    return FPDefaultNaN(n);
  }
  if (u.type === 'Infinity') return FPZero(0, n);
  let fraction: bigint;
  let exp: number;
  if (n === 32) {
    fraction = (op & mask(23)) << 29n;
    exp = Number((op >> 23n) & 0xffn);
  } else {
    fraction = op & mask(52);
    exp = Number((op >> 52n) & 0x7ffn);
  }
  if (exp === 0) {
    while (((fraction >> 51n) & 1n) === 0n) {
      fraction = (fraction << 1n) & mask(52);
      exp -= 1;
    }
    fraction = (fraction << 1n) & mask(52);
  }
  const scaled = (exp & 1) === 0 ? Number((1n << 8n) | (fraction >> 44n)) : Number((1n << 7n) | (fraction >> 45n));
  const resultExp = Math.floor(((n === 32 ? 380 : 3068) - exp) / 2);
  const estimate = BigInt(RecipSqrtEstimate(scaled));
  if (n === 32) return (BigInt(resultExp) << 23n) | ((estimate & 0xffn) << 15n);
  return (BigInt(resultExp) << 52n) | ((estimate & 0xffn) << 44n);
}

export function FPRecpX(op: bigint, n: 32 | 64, env: Env): bigint {
  const u = FPUnpack(op, n, env);
  const E = E_OF(n), F = F_OF(n);
  if (isNaNType(u.type)) return FPProcessNaN(u.type, op, n, env);
  const exp = (op >> BigInt(F)) & mask(E);
  const newExp = exp === 0n ? mask(E) - 1n : ~exp & mask(E);
  return pack(n, u.sign, newExp, 0n);
}

export function UnsignedRecipEstimate(op: number): number {
  if (op >>> 31 === 0) return 0xffffffff;
  return (RecipEstimate(op >>> 23) * 2 ** 23) >>> 0;
}
export function UnsignedRSqrtEstimate(op: number): number {
  if (op >>> 30 === 0) return 0xffffffff;
  return (RecipSqrtEstimate(op >>> 23) * 2 ** 23) >>> 0;
}
