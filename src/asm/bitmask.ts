// Logical (bitmask) immediates for the assembler: the inverse of the CPU's DecodeBitMasks
// (src/arch/a64/bitmask.ts), and the Arm ARM's MoveWidePreferred used to pick MOV aliases.

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

/** MoveWidePreferred(sf, N, imms, immr): would MOVZ/MOVN express this bitmask immediate? (Arm ARM, MOV alias.) */
export function moveWidePreferred(sf: number, n: number, imms: number, immr: number): boolean {
  const width = sf === 1 ? 64 : 32;
  if (sf === 1 && n !== 1) return false;
  if (sf === 0 && (n !== 0 || (imms & 0x20) !== 0)) return false;
  if (imms < 16) return (-immr & 15) <= 15 - imms;
  if (imms >= width - 15) return immr % 16 <= imms - (width - 15);
  return false;
}
