// Translation-control fields outside their range, as an implementation is permitted to treat them. The Arm ARM
// leaves each to an IMPLEMENTATION DEFINED choice the implementation makes once: a TxSZ below the minimum or above
// the maximum either faults every lookup (level 0 Translation fault) or behaves as the nearest legal value (ARM
// §D8.1.9 RPLCGL/RSXWGM, §D8.1.10; J1.1 AArch64.S1TxSZFaults, AArch64.S2TxSZFaults — then AArch64.S1Translate /
// S2Translate use s1mintxsz/s1maxtxsz, s2mintxsz = 64 − PAMax, maxtxsz = 39 on v8.0); a TG0 encoding for a granule
// the PE lacks (16K on Cortex-A57) or the reserved 11 selects an IMPLEMENTATION DEFINED implemented granule (J1.1
// AArch64.S1DecodeTG0 / S2DecodeTG0). The explorer asks each question through its choice tree, so every permitted
// implementation is explored; reports name the choice that leads to a failure. SL0 values that AArch64.S2InvalidSL
// or AArch64.S2InconsistentSL reject always fault (hyp/table-map.ts, the MMU).

import { field, fieldOf, regField, withField } from '../arch/reg-fields.ts';

/** Answers an IMPLEMENTATION DEFINED question (false: the first alternative), the same way every time it is asked
 *  within one explored implementation. */
export type Chooser = (question: string) => boolean;

export interface Interpreted {
  readonly tcr: bigint;
  readonly vtcr: bigint;
  /** The choices that changed something, for messages. */
  readonly notes: readonly string[];
}

/** The T0SZ values the MMU and hyp/table-map.ts fault on, written when the implementation chooses to fault. */
const FAULTING_T0SZ = 63n;
// TCR_EL1's TTBR0 half and VTCR_EL2 have T0SZ and TG0 at the same bits (checked at load)
const T0SZ = field('TCR_EL1', 'T0SZ');
const TG0 = field('TCR_EL1', 'TG0');
if (T0SZ.mask64 !== field('VTCR_EL2', 'T0SZ').mask64 || TG0.mask64 !== field('VTCR_EL2', 'TG0').mask64) throw new Error('TCR_EL1 and VTCR_EL2 T0SZ/TG0 differ');

/** TxSZ outside [min, max]: the value as this implementation uses it. */
function txsz(value: bigint, field: string, min: number, max: number, choose: Chooser, notes: string[], rule: string): bigint {
  const t = Number(fieldOf(T0SZ, value));
  if (t >= min && t <= max) return value;
  const below = t < min;
  const faults = !choose(`${field} ${below ? 'below minimum' : 'above maximum'}: behaves as ${below ? min : max} (else faults)`);
  if (faults) {
    notes.push(`${field} = ${t} is ${below ? `below the minimum ${min}` : `above the maximum ${max}`}: this implementation faults every lookup (level 0 Translation fault; IMPLEMENTATION DEFINED, ${rule})`);
    return withField(T0SZ, value, FAULTING_T0SZ);
  }
  notes.push(`${field} = ${t} is ${below ? `below the minimum ${min}` : `above the maximum ${max}`}: this implementation treats it as ${below ? min : max} (IMPLEMENTATION DEFINED, ${rule})`);
  return withField(T0SZ, value, BigInt(below ? min : max));
}

/** TG0 naming no implemented granule (16K, or the reserved 11, on a 4K+64K PE): 4K or 64K as the implementation picks. */
function tg0(value: bigint, field: string, encoding64k: bigint, choose: Chooser, notes: string[], rule: string): bigint {
  const tg = fieldOf(TG0, value);
  if (tg === 0n || tg === 1n) return value;
  const big = choose(`${field} unimplemented granule: behaves as 64K (else 4K)`);
  notes.push(`${field} = 0b${tg.toString(2).padStart(2, '0')} names no implemented granule: this implementation uses ${big ? '64K' : '4K'} (IMPLEMENTATION DEFINED, ${rule})`);
  return withField(TG0, value, big ? encoding64k : 0n);
}

/** HCR_EL2, SCTLR_EL1: which EL1&0 stages translate (a disabled stage's fields are never used, so never asked about). */
export function stagesOn(hcr: bigint, sctlr: bigint): { s1: boolean; s2: boolean } {
  const tge = regField('HCR_EL2', 'TGE', hcr) === 1n;
  const dc = regField('HCR_EL2', 'DC', hcr) === 1n;
  // HCR_EL2.TGE and DC make SCTLR_EL1.M behave as 0; DC makes VM behave as 1 (ARCH-NOTES §1c, §1d)
  return { s1: regField('SCTLR_EL1', 'M', sctlr) === 1n && !tge && !dc, s2: regField('HCR_EL2', 'VM', hcr) === 1n || dc };
}

/** TCR_EL1 (the TTBR0 half) and VTCR_EL2 as the implementation `choose` describes uses them, for the stages on. */
export function interpret(tcr: bigint, vtcr: bigint, paBits: number, choose: Chooser, on: { s1: boolean; s2: boolean }): Interpreted {
  const notes: string[] = [];
  const t1 = on.s1 ? txsz(tg0(tcr, 'TCR_EL1.TG0', 1n, choose, notes, 'J1.1 AArch64.S1DecodeTG0'), 'TCR_EL1.T0SZ', 16, 39, choose, notes, 'ARM §D8.1.9 RPLCGL, RSXWGM; J1.1 AArch64.S1TxSZFaults') : tcr;
  const t2 = on.s2 ? txsz(tg0(vtcr, 'VTCR_EL2.TG0', 1n, choose, notes, 'J1.1 AArch64.S2DecodeTG0'), 'VTCR_EL2.T0SZ', 64 - paBits, 39, choose, notes, 'ARM §D8.1.10; J1.1 AArch64.S2TxSZFaults') : vtcr;
  return { tcr: t1, vtcr: t2, notes };
}

/** The chooser of the implementation the MMU and QEMU are: every out-of-range TxSZ faults, 16K reads as 4K. */
export const FAULTING: Chooser = () => false;
