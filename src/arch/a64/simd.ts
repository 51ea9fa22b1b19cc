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
