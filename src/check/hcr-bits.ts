// What each HCR_EL2 bit means when it is set or clear (ARM §D24.2.62; ARCH-NOTES §1a, §1c, §1d, §3), for
// findings that list a value's bits: "RW=0: EL1 and EL0 become AArch32". Positions come from the
// system-register table's fields.
import { field, type FieldName } from '../arch/reg-fields.ts';

interface BitMeaning {
  readonly bit: number;
  readonly name: string;
  readonly set: string;
  readonly clear: string;
}

/** The position of an HCR_EL2 field (its lowest bit), from the system-register table. */
const bitOf = (name: FieldName<'HCR_EL2'>): number => field('HCR_EL2', name).lo;

const BITS: readonly BitMeaning[] = [
  { bit: bitOf('VM'), name: 'VM', set: 'EL1&0 stage 2 on', clear: 'no stage 2: IPA == PA, no isolation by the hypervisor' },
  { bit: bitOf('SWIO'), name: 'SWIO', set: 'DC ISW acts as DC CISW', clear: 'DC ISW not upgraded' },
  { bit: bitOf('PTW'), name: 'PTW', set: 'stage-1 walks onto stage-2 Device memory fault', clear: 'walks onto Device memory allowed' },
  { bit: bitOf('FMO'), name: 'FMO', set: 'physical FIQ to EL2, virtual FIQ enabled', clear: 'physical FIQ no longer reaches EL2' },
  { bit: bitOf('IMO'), name: 'IMO', set: 'physical IRQ to EL2, virtual IRQ enabled', clear: 'physical IRQ no longer reaches EL2 (the hypervisor loses its interrupts)' },
  { bit: bitOf('AMO'), name: 'AMO', set: 'physical SError to EL2, virtual SError enabled', clear: 'physical SError no longer reaches EL2' },
  { bit: bitOf('VF'), name: 'VF', set: 'virtual FIQ pending', clear: 'no virtual FIQ pending' },
  { bit: bitOf('VI'), name: 'VI', set: 'virtual IRQ pending', clear: 'no virtual IRQ pending' },
  { bit: bitOf('VSE'), name: 'VSE', set: 'virtual SError pending', clear: 'no virtual SError pending' },
  { bit: bitOf('FB'), name: 'FB', set: 'EL1 TLBI/IC IALLU broadcast', clear: 'EL1 maintenance local' },
  { bit: bitOf('BSU'), name: 'BSU[0]', set: 'barrier shareability upgraded', clear: 'no barrier upgrade' },
  { bit: bitOf('BSU') + 1, name: 'BSU[1]', set: 'barrier shareability upgraded', clear: 'no barrier upgrade' },
  { bit: bitOf('DC'), name: 'DC', set: 'stage 1 off (SCTLR_EL1.M behaves as 0) and stage 2 on', clear: 'default cacheability off' },
  { bit: bitOf('TWI'), name: 'TWI', set: 'EL0/EL1 WFI trapped', clear: 'WFI not trapped' },
  { bit: bitOf('TWE'), name: 'TWE', set: 'EL0/EL1 WFE trapped', clear: 'WFE not trapped' },
  { bit: bitOf('TID0'), name: 'TID0', set: 'AArch32 ID group 0 trapped', clear: 'ID group 0 not trapped' },
  { bit: bitOf('TID1'), name: 'TID1', set: 'REVIDR/AIDR reads trapped', clear: 'ID group 1 not trapped' },
  { bit: bitOf('TID2'), name: 'TID2', set: 'cache ID registers trapped', clear: 'cache ID registers not trapped' },
  { bit: bitOf('TID3'), name: 'TID3', set: 'ID_* reads trapped', clear: 'ID register reads not trapped' },
  { bit: bitOf('TSC'), name: 'TSC', set: 'EL1 SMC trapped to EL2', clear: 'EL1 SMC no longer trapped (goes to EL3, or UNDEFINED)' },
  { bit: bitOf('TIDCP'), name: 'TIDCP', set: 'IMPDEF registers trapped', clear: 'IMPDEF registers not trapped' },
  { bit: bitOf('TACR'), name: 'TACR', set: 'ACTLR_EL1 trapped', clear: 'ACTLR_EL1 not trapped' },
  { bit: bitOf('TSW'), name: 'TSW', set: 'DC set/way trapped', clear: 'DC set/way not trapped' },
  { bit: bitOf('TPC'), name: 'TPC', set: 'DC to PoC trapped', clear: 'DC to PoC not trapped' },
  { bit: bitOf('TPU'), name: 'TPU', set: 'cache maintenance to PoU trapped', clear: 'PoU maintenance not trapped' },
  { bit: bitOf('TTLB'), name: 'TTLB', set: 'EL1 TLBI trapped', clear: 'EL1 TLBI not trapped' },
  { bit: bitOf('TVM'), name: 'TVM', set: 'EL1 writes of the MMU registers trapped', clear: 'EL1 MMU register writes not trapped' },
  { bit: bitOf('TGE'), name: 'TGE', set: 'EL1 unreachable (ERET to EL1 illegal), EL1&0 stage 1 off (VA == IPA), exceptions to EL2', clear: 'EL1 runs; exceptions go to EL1' },
  { bit: bitOf('TDZ'), name: 'TDZ', set: 'DC ZVA trapped', clear: 'DC ZVA not trapped' },
  { bit: bitOf('HCD'), name: 'HCD', set: 'HVC disabled', clear: 'HVC enabled' },
  { bit: bitOf('TRVM'), name: 'TRVM', set: 'EL1 reads of the MMU registers trapped', clear: 'EL1 MMU register reads not trapped' },
  { bit: bitOf('RW'), name: 'RW', set: 'EL1 is AArch64', clear: 'EL1 and EL0 become AArch32: an ERET to AArch64 EL1 or EL0 is an illegal exception return' },
  { bit: bitOf('CD'), name: 'CD', set: 'stage-2 data accesses non-cacheable', clear: 'stage-2 data cacheability normal' },
  { bit: bitOf('ID'), name: 'ID', set: 'stage-2 instruction fetches non-cacheable', clear: 'stage-2 fetch cacheability normal' },
];

export interface BitChange {
  readonly bit: number;
  readonly name: string;
  /** The value the bit gets. */
  readonly value: 0 | 1;
  readonly meaning: string;
}

/** The bits where `actual` differs from `intended`, each with what its new value means. */
export function hcrDiff(actual: bigint, intended: bigint): BitChange[] {
  const out: BitChange[] = [];
  const diff = actual ^ intended;
  for (let b = 0; b < 64; b++) {
    if (((diff >> BigInt(b)) & 1n) === 0n) continue;
    const value = ((actual >> BigInt(b)) & 1n) === 1n ? 1 : 0;
    const m = BITS.find((x) => x.bit === b);
    out.push({ bit: b, name: m?.name ?? `bit ${b}`, value, meaning: m ? (value ? m.set : m.clear) : 'RES0 on ARMv8.0' });
  }
  return out;
}

/** "RW=0: EL1 and EL0 become AArch32" per changed bit. */
export const formatChange = (c: BitChange): string => `${c.name}=${c.value}: ${c.meaning}`;
