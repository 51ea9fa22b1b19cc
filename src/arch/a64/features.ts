// Which ID-register field says a PE implements each feature an encoding row names (encoding.ts Feature), read
// from the system-register table's field layouts (ARM §D24.2.93 ID_AA64PFR0_EL1, §D24.2.87 ID_AA64ISAR0_EL1).
import type { Profile } from '../profiles.ts';
import { SR, SYSREGS, type SysRegName } from '../sysreg-table.ts';
import type { Feature } from './encoding.ts';

interface Gate {
  readonly reg: SysRegName;
  readonly field: string;
  /** The field's value when implemented: at least `min`, and never 0b1111 where that means "not implemented". */
  readonly min: number;
  readonly notImplemented?: number;
}

const GATES: Readonly<Record<Exclude<Feature, 'base'>, Gate>> = {
  // ID_AA64PFR0_EL1.FP / .AdvSIMD: 0b0000 implemented, 0b0001 with half precision, 0b1111 not implemented
  FP: { reg: 'ID_AA64PFR0_EL1', field: 'FP', min: 0, notImplemented: 0xf },
  AdvSIMD: { reg: 'ID_AA64PFR0_EL1', field: 'AdvSIMD', min: 0, notImplemented: 0xf },
  // ID_AA64ISAR0_EL1.AES: 0b0001 AESE/AESD/AESMC/AESIMC, 0b0010 those plus PMULL/PMULL2 of 64-bit elements
  AES: { reg: 'ID_AA64ISAR0_EL1', field: 'AES', min: 1 },
  PMULL: { reg: 'ID_AA64ISAR0_EL1', field: 'AES', min: 2 },
  SHA1: { reg: 'ID_AA64ISAR0_EL1', field: 'SHA1', min: 1 },
  SHA2: { reg: 'ID_AA64ISAR0_EL1', field: 'SHA2', min: 1 },
  CRC32: { reg: 'ID_AA64ISAR0_EL1', field: 'CRC32', min: 1 },
};

/** True when the profile's ID registers say the feature is implemented. */
export function implementsFeature(p: Profile, feature: Feature): boolean {
  if (feature === 'base') return true;
  const g = GATES[feature];
  const def = SYSREGS[SR[g.reg]]!;
  const f = def.fields.find((x) => x.name === g.field);
  if (f === undefined) throw new Error(`${g.reg} has no field ${g.field}`);
  const v = Number((def.reset(p) >> BigInt(f.lo)) & ((1n << BigInt(f.hi - f.lo + 1)) - 1n));
  return v >= g.min && v !== g.notImplemented;
}
