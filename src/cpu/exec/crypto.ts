// The Crypto extension (ARM C7.2 AESE … SHA256SU1, shared pseudocode AESSubBytes/AESShiftRows/AESMixColumns and
// their inverses, SHA1/SHA256 "hash" and "schedule update" functions): rows in src/arch/a64/rows/crypto.ts. The
// operands are read into locals (32-bit lanes of c.v32, or bytes of c.v8 for AES) and the result built in the vt
// scratch before Vd is written, so Vd may also be a source; nothing is allocated.
import type { Cpu } from '../cpu.ts';
import { INSN } from '../state.ts';
import { writeResult } from './asimd-int.ts';
import { fpAccessTrapped } from './fpsimd.ts';

/** GF(2^8) multiply modulo the AES polynomial x^8 + x^4 + x^3 + x + 1 (FIPS-197 §4.2; the Arm FFmul tables). */
function gfMul(a: number, b: number): number {
  let p = 0;
  for (let i = 0; i < 8; i++) {
    if ((b & 1) !== 0) p ^= a;
    a = ((a << 1) ^ ((a & 0x80) !== 0 ? 0x1b : 0)) & 0xff;
    b >>>= 1;
  }
  return p;
}

/** The AES S-box (AESSubBytes: multiplicative inverse then the affine map of FIPS-197 §5.1.1) and its inverse. */
const SBOX = new Uint8Array(256);
const INV_SBOX = new Uint8Array(256);
for (let x = 0; x < 256; x++) {
  // the inverse is x^254, as x^255 = 1 for x ≠ 0 (the multiplicative group has 255 elements); 0 maps to 0
  let inv = 1;
  for (let k = 0, sq = x; k < 8; k++, sq = gfMul(sq, sq)) if (((254 >>> k) & 1) !== 0) inv = gfMul(inv, sq);
  let s = 0x63;
  for (let k = 0; k < 5; k++) s ^= ((inv << k) | (inv >>> (8 - k))) & 0xff;
  SBOX[x] = s;
  INV_SBOX[s] = x;
}

/** Source byte of each result byte: AESShiftRows moves row r (byte r + 4c) left by r columns; AESInvShiftRows right. */
const SHIFT_ROWS = new Uint8Array(16);
const INV_SHIFT_ROWS = new Uint8Array(16);
for (let i = 0; i < 16; i++) {
  const r = i & 3;
  const c = i >>> 2;
  SHIFT_ROWS[i] = r + 4 * ((c + r) & 3);
  INV_SHIFT_ROWS[i] = r + 4 * ((c - r) & 3);
}

/** FFmul tables of AESMixColumns (×2, ×3) and AESInvMixColumns (×9, ×11, ×13, ×14). */
const MUL = [2, 3, 9, 11, 13, 14].map((k) => Uint8Array.from({ length: 256 }, (_, x) => gfMul(x, k)));
const [M2, M3, M9, M11, M13, M14] = MUL as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];

/** AESE, AESD (AddRoundKey = Vd EOR Vn, then (Inv)ShiftRows and (Inv)SubBytes), AESMC, AESIMC ((Inv)MixColumns of Vn). */
export function aes(c: Cpu): void {
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64
  const w = c.u32[INSN * 2]!;
  const d = (w & 31) * 16;
  const n = ((w >>> 5) & 31) * 16;
  const b = c.v8;
  const t = c.vt8;
  const op = (w >>> 12) & 3; // opcode<1:0>: 00 AESE, 01 AESD, 10 AESMC, 11 AESIMC
  if (op < 2) {
    const shift = op === 0 ? SHIFT_ROWS : INV_SHIFT_ROWS;
    const box = op === 0 ? SBOX : INV_SBOX;
    for (let i = 0; i < 16; i++) {
      const j = shift[i]!;
      t[i] = box[b[d + j]! ^ b[n + j]!]!;
    }
  } else {
    for (let col = 0; col < 16; col += 4) {
      const a0 = b[n + col]!;
      const a1 = b[n + col + 1]!;
      const a2 = b[n + col + 2]!;
      const a3 = b[n + col + 3]!;
      if (op === 2) { // AESMixColumns
        t[col] = M2[a0]! ^ M3[a1]! ^ a2 ^ a3;
        t[col + 1] = a0 ^ M2[a1]! ^ M3[a2]! ^ a3;
        t[col + 2] = a0 ^ a1 ^ M2[a2]! ^ M3[a3]!;
        t[col + 3] = M3[a0]! ^ a1 ^ a2 ^ M2[a3]!;
      } else { // AESInvMixColumns
        t[col] = M14[a0]! ^ M11[a1]! ^ M13[a2]! ^ M9[a3]!;
        t[col + 1] = M9[a0]! ^ M14[a1]! ^ M11[a2]! ^ M13[a3]!;
        t[col + 2] = M13[a0]! ^ M9[a1]! ^ M14[a2]! ^ M11[a3]!;
        t[col + 3] = M11[a0]! ^ M13[a1]! ^ M9[a2]! ^ M14[a3]!;
      }
    }
  }
  writeResult(c, w & 31, 1);
}

const rol = (x: number, s: number): number => ((x << s) | (x >>> (32 - s))) >>> 0;
const ror = (x: number, s: number): number => ((x >>> s) | (x << (32 - s))) >>> 0;
const choose = (x: number, y: number, z: number): number => ((y ^ z) & x) ^ z; // SHAchoose
const parity = (x: number, y: number, z: number): number => x ^ y ^ z; // SHAparity
const majority = (x: number, y: number, z: number): number => (x & y) | ((x | y) & z); // SHAmajority
const sigma0 = (x: number): number => (ror(x, 7) ^ ror(x, 18) ^ (x >>> 3)) >>> 0; // SHA256SU0's σ0
const sigma1 = (x: number): number => (ror(x, 17) ^ ror(x, 19) ^ (x >>> 10)) >>> 0; // SHA256SU1's σ1

/** SHA1C, SHA1P, SHA1M (Qd, Sn, Vm.4S): four SHA-1 rounds with SHAchoose, SHAparity or SHAmajority. */
function sha1Hash(c: Cpu, op: number, d: number, n: number, m: number): void {
  const v = c.v32;
  let x0 = v[d]!, x1 = v[d + 1]!, x2 = v[d + 2]!, x3 = v[d + 3]!;
  let y = v[n]!;
  for (let e = 0; e < 4; e++) {
    const f = op === 0 ? choose(x1, x2, x3) : op === 1 ? parity(x1, x2, x3) : majority(x1, x2, x3);
    y = (y + rol(x0, 5) + f + v[m + e]!) >>> 0;
    x1 = rol(x1, 30);
    const top = x3; // <y, X> = ROL(y : X, 32)
    x3 = x2; x2 = x1; x1 = x0; x0 = y; y = top;
  }
  const t = c.vt32;
  t[0] = x0; t[1] = x1; t[2] = x2; t[3] = x3;
}

/** SHA256H (part1: X = Vd, Y = Vn, result X) and SHA256H2 (X = Vn, Y = Vd, result Y): SHA256hash. */
function sha256Hash(c: Cpu, part1: boolean, d: number, n: number, m: number): void {
  const v = c.v32;
  const xi = part1 ? d : n;
  const yi = part1 ? n : d;
  let x0 = v[xi]!, x1 = v[xi + 1]!, x2 = v[xi + 2]!, x3 = v[xi + 3]!;
  let y0 = v[yi]!, y1 = v[yi + 1]!, y2 = v[yi + 2]!, y3 = v[yi + 3]!;
  for (let e = 0; e < 4; e++) {
    const chs = choose(y0, y1, y2);
    const maj = majority(x0, x1, x2);
    const sigma1 = ror(y0, 6) ^ ror(y0, 11) ^ ror(y0, 25); // SHAhashSIGMA1
    const sigma0 = ror(x0, 2) ^ ror(x0, 13) ^ ror(x0, 22); // SHAhashSIGMA0
    const t = (y3 + sigma1 + chs + v[m + e]!) >>> 0;
    x3 = (t + x3) >>> 0;
    y3 = (t + sigma0 + maj) >>> 0;
    const xTop = x3; // <Y, X> = ROL(Y : X, 32)
    x3 = x2; x2 = x1; x1 = x0; x0 = y3;
    y3 = y2; y2 = y1; y1 = y0; y0 = xTop;
  }
  const t = c.vt32;
  if (part1) { t[0] = x0; t[1] = x1; t[2] = x2; t[3] = x3; } else { t[0] = y0; t[1] = y1; t[2] = y2; t[3] = y3; }
}

/** SHA1SU0: (Vn<63:0> : Vd<127:64>) EOR Vd EOR Vm. */
function sha1Su0(c: Cpu, d: number, n: number, m: number): void {
  const v = c.v32;
  const t = c.vt32;
  const d0 = v[d]!, d1 = v[d + 1]!, d2 = v[d + 2]!, d3 = v[d + 3]!;
  t[0] = d2 ^ d0 ^ v[m]!;
  t[1] = d3 ^ d1 ^ v[m + 1]!;
  t[2] = v[n]! ^ d2 ^ v[m + 2]!;
  t[3] = v[n + 1]! ^ d3 ^ v[m + 3]!;
}

/** SHA256SU1: the second half of the SHA-256 message schedule update (σ1 of Vm<127:64>, then of the new lanes 0, 1). */
function sha256Su1(c: Cpu, d: number, n: number, m: number): void {
  const v = c.v32;
  const t = c.vt32;
  // T0 = Vm<31:0> : Vn<127:32>, T1 = Vm<127:64>
  const r0 = (sigma1(v[m + 2]!) + v[d]! + v[n + 1]!) >>> 0;
  const r1 = (sigma1(v[m + 3]!) + v[d + 1]! + v[n + 2]!) >>> 0;
  const r2 = (sigma1(r0) + v[d + 2]! + v[n + 3]!) >>> 0;
  const r3 = (sigma1(r1) + v[d + 3]! + v[m]!) >>> 0;
  t[0] = r0; t[1] = r1; t[2] = r2; t[3] = r3;
}

/** SHA1C/P/M, SHA1SU0, SHA256H/H2, SHA256SU1: the three-register SHA rows (opcode = bits 14:12). */
export function sha3Reg(c: Cpu): void {
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64
  const w = c.u32[INSN * 2]!;
  const d = (w & 31) * 4;
  const n = ((w >>> 5) & 31) * 4;
  const m = ((w >>> 16) & 31) * 4;
  const op = (w >>> 12) & 7;
  if (op < 3) sha1Hash(c, op, d, n, m);
  else if (op === 3) sha1Su0(c, d, n, m);
  else if (op < 6) sha256Hash(c, op === 4, d, n, m);
  else sha256Su1(c, d, n, m);
  writeResult(c, w & 31, 1);
}

/** SHA1H (Sd = ROL(Sn, 30)), SHA1SU1, SHA256SU0: the two-register SHA rows (opcode = bits 16:12). */
export function sha2Reg(c: Cpu): void {
  if (fpAccessTrapped(c)) return; // CheckFPAdvSIMDEnabled64
  const w = c.u32[INSN * 2]!;
  const d = (w & 31) * 4;
  const n = ((w >>> 5) & 31) * 4;
  const op = (w >>> 12) & 3;
  const v = c.v32;
  const t = c.vt32;
  if (op === 0) {
    t[0] = rol(v[n]!, 30);
    t[1] = 0; t[2] = 0; t[3] = 0; // V[d] = ZeroExtend(result, 128)
  } else if (op === 1) {
    // SHA1SU1: T = Vd EOR LSR(Vn, 32); each lane ROL 1, lane 3 also EOR ROL(T<31:0>, 2)
    const t0 = v[d]! ^ v[n + 1]!, t1 = v[d + 1]! ^ v[n + 2]!, t2 = v[d + 2]! ^ v[n + 3]!, t3 = v[d + 3]!;
    t[0] = rol(t0, 1); t[1] = rol(t1, 1); t[2] = rol(t2, 1); t[3] = rol(t3, 1) ^ rol(t0, 2);
  } else {
    // SHA256SU0: T = Vn<31:0> : Vd<127:32>; lane e = σ0(T[e]) + Vd[e]
    const d0 = v[d]!, d1 = v[d + 1]!, d2 = v[d + 2]!, d3 = v[d + 3]!;
    t[0] = sigma0(d1) + d0; t[1] = sigma0(d2) + d1; t[2] = sigma0(d3) + d2; t[3] = sigma0(v[n]!) + d3;
  }
  writeResult(c, w & 31, 1);
}
