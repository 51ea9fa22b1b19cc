// Logical (bitmask) immediates for the assembler: the inverse of the CPU's DecodeBitMasks
// (src/arch/a64/bitmask.ts), and which values objdump prints as a MOV alias.

function ones(n: number): bigint {
  return (1n << BigInt(n)) - 1n;
}

function ror(v: bigint, r: number, e: number): bigint {
  return r === 0 ? v : ((v >> BigInt(r)) | (v << BigInt(e - r))) & ones(e);
}

/** N, immr, imms encoding `value` as a bitmask immediate of `datasize` bits (smallest element), or undefined. */
export function encodeBitMask(value: bigint, datasize: 32 | 64): { n: number; immr: number; imms: number } | undefined {
  const v = value & ones(datasize);
  for (let e = 2; e <= datasize; e *= 2) {
    const elem = v & ones(e);
    let rep = 0n;
    for (let i = 0; i < datasize; i += e) rep |= elem << BigInt(i);
    if (rep !== v) continue;
    let s = 0;
    for (let b = 0; b < e; b++) if ((elem >> BigInt(b)) & 1n) s++;
    if (s === 0 || s === e) return undefined;
    for (let r = 0; r < e; r++) {
      if (ror(ones(s), r, e) === elem) return { n: e === 64 ? 1 : 0, immr: r, imms: e === 64 ? s - 1 : (~(2 * e - 1) & 0x3f) | (s - 1) };
    }
    return undefined;
  }
  return undefined;
}

/**
 * Could MOVZ or MOVN write `value` (a W value when `is32`)? — one 16-bit aligned chunk of it, or of its complement,
 * holds every set bit. objdump 2.40 prints ORR #imm as `mov` only when they could not (aarch64-dis.c
 * convert_orr_to_mov, aarch64_wide_constant_p on the value and its complement) — or when Rd is SP/WSP, which MOVZ and
 * MOVN cannot write (`mov sp, #0xe000000`, found by the live random sample); the Arm ARM's MoveWidePreferred
 * decides on the encoding fields and differs for rotated values such as 0xfffffffffffffe01 (N = 1, immr = imms = 55).
 */
export function wideConstant(value: bigint, is32: boolean): boolean {
  const mask = is32 ? 0xffff_ffffn : 0xffff_ffff_ffff_ffffn;
  const fits = (v: bigint): boolean => {
    for (let sh = 0n; sh < (is32 ? 32n : 64n); sh += 16n) if ((v & (0xffffn << sh)) === v) return true;
    return false;
  };
  return fits(value & mask) || fits(~value & mask);
}
