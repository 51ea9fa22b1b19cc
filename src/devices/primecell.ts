// The identification block every Arm PrimeCell peripheral has in its last 32 bytes (PeriphID0–3 at 0xFE0–0xFEC,
// PCellID0–3 at 0xFF0–0xFFC, one byte per word; PrimeCell TRMs "Peripheral and PrimeCell identification registers").

const ID_BASE = 0xfe0;
/** PCellID0–3: the PrimeCell preamble 0x0D, 0xF0, 0x05, 0xB1. */
const PCELL_ID = [0x0d, 0xf0, 0x05, 0xb1];

/** The ID register at `offset` for PeriphID bytes `periph` (4), or undefined when `offset` is not one. */
export function primeCellId(offset: number, periph: readonly number[]): number | undefined {
  if (offset < ID_BASE || offset >= ID_BASE + 32 || (offset & 3) !== 0) return undefined;
  const i = (offset - ID_BASE) >> 2;
  return i < 4 ? periph[i]! : PCELL_ID[i - 4]!;
}
