// Field decodings shared by the executor and the assembler for the Advanced SIMD and FP encodings.

/** The element size (log2 bytes) an imm5 field names (ARM C7.2 DUP, INS, SMOV, UMOV: its lowest set bit);
 *  4 when imm5<3:0> = 0000, which is reserved. */
export function imm5Size(imm5: number): number {
  return imm5 & 1 ? 0 : imm5 & 2 ? 1 : imm5 & 4 ? 2 : imm5 & 8 ? 3 : 4;
}

/**
 * VFPExpandImm(imm8, N) (ARM J1 shared/functions/float): sign imm8<7>; exponent NOT(imm8<6>) : Replicate(imm8<6>,
 * E - 3) : imm8<5:4>; fraction imm8<3:0> followed by zeros. Returned as the whole word for N = 32, or as the upper
 * word of the value for N = 64 (its lower word is zero).
 */
export function vfpExpandImm(imm8: number, double: boolean): number {
  const sign = (imm8 >>> 7) << 31;
  const b6 = (imm8 >>> 6) & 1;
  if (double) return (sign | ((b6 ^ 1) << 30) | ((b6 ? 0xff : 0) << 22) | ((imm8 & 0x3f) << 16)) >>> 0;
  return (sign | ((b6 ^ 1) << 30) | ((b6 ? 0x1f : 0) << 25) | ((imm8 & 0x3f) << 19)) >>> 0;
}

/**
 * AdvSIMDExpandImm(op, cmode, imm8) (ARM J1 shared/functions/vector) as the two 32-bit words of the 64-bit result,
 * [low, high]; `out` receives them (no allocation). cmode 1111 with op = 1 is the double FMOV (its Q = 0 form is
 * UNDEFINED, for the caller to refuse).
 */
export function advSimdExpandImm(op: number, cmode: number, imm8: number, out: Uint32Array): void {
  let w: number;
  switch (cmode >>> 1) {
    case 0: case 1: case 2: case 3:
      w = (imm8 << (8 * (cmode >>> 1))) >>> 0; // Replicate(Zeros(24 - 8k):imm8:Zeros(8k), 2)
      break;
    case 4: case 5:
      w = ((imm8 << (8 * (cmode & 2 ? 1 : 0))) * 0x10001) >>> 0; // 16-bit lanes, shifted 0 or 8
      break;
    case 6:
      w = (cmode & 1) === 0 ? ((imm8 << 8) | 0xff) >>> 0 : ((imm8 << 16) | 0xffff) >>> 0; // MSL #8 / #16: ones shifted in
      break;
    default:
      if ((cmode & 1) === 0 && op === 0) {
        w = (imm8 * 0x01010101) >>> 0; // Replicate(imm8, 8)
      } else if ((cmode & 1) === 0) {
        // each bit of imm8 a byte of ones or zeros
        let lo = 0;
        let hi = 0;
        for (let b = 0; b < 4; b++) {
          if ((imm8 >>> b) & 1) lo |= 0xff << (8 * b);
          if ((imm8 >>> (b + 4)) & 1) hi |= 0xff << (8 * b);
        }
        out[0] = lo >>> 0;
        out[1] = hi >>> 0;
        return;
      } else if (op === 0) {
        w = vfpExpandImm(imm8, false); // FMOV (vector, single)
      } else {
        out[0] = 0;
        out[1] = vfpExpandImm(imm8, true); // FMOV (vector, double)
        return;
      }
  }
  out[0] = w;
  out[1] = w;
}
