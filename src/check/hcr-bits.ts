// What each HCR_EL2 bit means when it is set or clear (ARM §D24.2.62; ARCH-NOTES §1a, §1c, §1d, §3), for
// findings that list a value's bits: "RW=0: EL1 and EL0 become AArch32".

interface BitMeaning {
  readonly bit: number;
  readonly name: string;
  readonly set: string;
  readonly clear: string;
}

const BITS: readonly BitMeaning[] = [
  { bit: 0, name: 'VM', set: 'EL1&0 stage 2 on', clear: 'no stage 2: IPA == PA, no isolation by the hypervisor' },
  { bit: 1, name: 'SWIO', set: 'DC ISW acts as DC CISW', clear: 'DC ISW not upgraded' },
  { bit: 2, name: 'PTW', set: 'stage-1 walks onto stage-2 Device memory fault', clear: 'walks onto Device memory allowed' },
  { bit: 3, name: 'FMO', set: 'physical FIQ to EL2, virtual FIQ enabled', clear: 'physical FIQ no longer reaches EL2' },
  { bit: 4, name: 'IMO', set: 'physical IRQ to EL2, virtual IRQ enabled', clear: 'physical IRQ no longer reaches EL2 (the hypervisor loses its interrupts)' },
  { bit: 5, name: 'AMO', set: 'physical SError to EL2, virtual SError enabled', clear: 'physical SError no longer reaches EL2' },
  { bit: 6, name: 'VF', set: 'virtual FIQ pending', clear: 'no virtual FIQ pending' },
  { bit: 7, name: 'VI', set: 'virtual IRQ pending', clear: 'no virtual IRQ pending' },
  { bit: 8, name: 'VSE', set: 'virtual SError pending', clear: 'no virtual SError pending' },
  { bit: 9, name: 'FB', set: 'EL1 TLBI/IC IALLU broadcast', clear: 'EL1 maintenance local' },
  { bit: 10, name: 'BSU[0]', set: 'barrier shareability upgraded', clear: 'no barrier upgrade' },
  { bit: 11, name: 'BSU[1]', set: 'barrier shareability upgraded', clear: 'no barrier upgrade' },
  { bit: 12, name: 'DC', set: 'stage 1 off (SCTLR_EL1.M behaves as 0) and stage 2 on', clear: 'default cacheability off' },
  { bit: 13, name: 'TWI', set: 'EL0/EL1 WFI trapped', clear: 'WFI not trapped' },
  { bit: 14, name: 'TWE', set: 'EL0/EL1 WFE trapped', clear: 'WFE not trapped' },
  { bit: 15, name: 'TID0', set: 'AArch32 ID group 0 trapped', clear: 'ID group 0 not trapped' },
  { bit: 16, name: 'TID1', set: 'REVIDR/AIDR reads trapped', clear: 'ID group 1 not trapped' },
  { bit: 17, name: 'TID2', set: 'cache ID registers trapped', clear: 'cache ID registers not trapped' },
  { bit: 18, name: 'TID3', set: 'ID_* reads trapped', clear: 'ID register reads not trapped' },
  { bit: 19, name: 'TSC', set: 'EL1 SMC trapped to EL2', clear: 'EL1 SMC no longer trapped (goes to EL3, or UNDEFINED)' },
  { bit: 20, name: 'TIDCP', set: 'IMPDEF registers trapped', clear: 'IMPDEF registers not trapped' },
  { bit: 21, name: 'TACR', set: 'ACTLR_EL1 trapped', clear: 'ACTLR_EL1 not trapped' },
  { bit: 22, name: 'TSW', set: 'DC set/way trapped', clear: 'DC set/way not trapped' },
  { bit: 23, name: 'TPC', set: 'DC to PoC trapped', clear: 'DC to PoC not trapped' },
  { bit: 24, name: 'TPU', set: 'cache maintenance to PoU trapped', clear: 'PoU maintenance not trapped' },
  { bit: 25, name: 'TTLB', set: 'EL1 TLBI trapped', clear: 'EL1 TLBI not trapped' },
  { bit: 26, name: 'TVM', set: 'EL1 writes of the MMU registers trapped', clear: 'EL1 MMU register writes not trapped' },
  { bit: 27, name: 'TGE', set: 'EL1 unreachable (ERET to EL1 illegal), EL1&0 stage 1 off (VA == IPA), exceptions to EL2', clear: 'EL1 runs; exceptions go to EL1' },
  { bit: 28, name: 'TDZ', set: 'DC ZVA trapped', clear: 'DC ZVA not trapped' },
  { bit: 29, name: 'HCD', set: 'HVC disabled', clear: 'HVC enabled' },
  { bit: 30, name: 'TRVM', set: 'EL1 reads of the MMU registers trapped', clear: 'EL1 MMU register reads not trapped' },
  { bit: 31, name: 'RW', set: 'EL1 is AArch64', clear: 'EL1 and EL0 become AArch32: an ERET to AArch64 EL1 or EL0 is an illegal exception return' },
  { bit: 32, name: 'CD', set: 'stage-2 data accesses non-cacheable', clear: 'stage-2 data cacheability normal' },
  { bit: 33, name: 'ID', set: 'stage-2 instruction fetches non-cacheable', clear: 'stage-2 fetch cacheability normal' },
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
