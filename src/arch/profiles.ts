// CPU profiles: the implementation-defined facts a model needs (ARCH-NOTES §12).

export interface Profile {
  readonly name: 'cortex-a57' | 'max';
  /** ID_AA64MMFR0_EL1.PARange decoded: physical address bits. */
  readonly paBits: number;
  /** ID_AA64MMFR0_EL1.PARange field value (4 = 44 bits). */
  readonly paRange: number;
  /** ID_AA64MMFR1_EL1.VMIDBits: 8 or 16. */
  readonly vmidBits: 8 | 16;
  /** ID_AA64MMFR0_EL1.ASIDBits: 8 or 16. */
  readonly asidBits: 8 | 16;
  /** Translation granules supported (ID_AA64MMFR0_EL1.TGran4/16/64). */
  readonly granules: { readonly k4: boolean; readonly k16: boolean; readonly k64: boolean };
  /** FEAT_VHE (HCR_EL2.E2H implemented). */
  readonly vhe: boolean;
  /** EL1 can be AArch32 (ID_AA64PFR0_EL1.EL1 = 2): HCR_EL2.RW is then writable, else RAO/WI. */
  readonly el1Aarch32: boolean;
  /** ID register values as QEMU's virt board presents them (ARCH-NOTES §12, §14). */
  readonly id: {
    readonly midr: bigint;
    readonly mpidr: bigint;
    readonly aa64pfr0: bigint;
    readonly aa64mmfr0: bigint;
    readonly aa64mmfr1: bigint;
    readonly aa64isar0: bigint;
    readonly aa64dfr0: bigint;
    readonly ctr: bigint;
  };
}

/** Cortex-A57 r1p0 as QEMU `-cpu cortex-a57` on `-M virt` (no EL3, GICv3 sysregs advertised). */
export const CORTEX_A57: Profile = {
  name: 'cortex-a57',
  paBits: 44,
  paRange: 4,
  vmidBits: 8,
  asidBits: 16,
  granules: { k4: true, k16: false, k64: true },
  vhe: false,
  el1Aarch32: true,
  id: {
    midr: 0x411fd070n,
    mpidr: 0x80000000n,
    aa64pfr0: 0x01000222n, // ARCH-NOTES §14: virt has no EL3, GIC sysregs present
    aa64mmfr0: 0x00001124n, // PARange=4 (44 bits), ASIDBits=2 (16), TGran16=0 (absent)
    aa64mmfr1: 0n, // VMIDBits=0 (8), VH=0
    aa64isar0: 0x00011120n,
    aa64dfr0: 0x10305106n,
    ctr: 0x8444c004n,
  },
};

/** Placeholder for a newer core; later issues extend it with VHE and 16-bit VMIDs. */
export const MAX: Profile = {
  ...CORTEX_A57,
  name: 'max',
  id: { ...CORTEX_A57.id },
};

export const PROFILES: Readonly<Record<Profile['name'], Profile>> = { 'cortex-a57': CORTEX_A57, max: MAX };

export function profileByName(name: string): Profile | undefined {
  return (PROFILES as Record<string, Profile>)[name];
}
