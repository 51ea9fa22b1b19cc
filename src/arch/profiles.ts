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
    readonly revidr: bigint;
    readonly aidr: bigint;
    readonly aa64pfr1: bigint;
    readonly aa64dfr1: bigint;
    readonly aa64isar1: bigint;
    readonly aa64mmfr2: bigint;
    readonly clidr: bigint;
    /** CBAR_EL1 (Cortex-A57, IMPLEMENTATION DEFINED): PERIPHBASE[43:18], the base of the GIC on the board (QEMU's
     *  reset-cbar: the virt board's distributor, src/devices/gic.ts GICD_BASE; test/machine asserts they agree). */
    readonly cbar: bigint;
    /** DCZID_EL0.BS (log2 of the DC ZVA block in words); DZP is computed at read time. */
    readonly dczidBs: number;
    /** CCSIDR_EL1 indexed by CSSELR_EL1[3:0] (Level:InD); missing entries read as 0 (UNKNOWN, as QEMU). */
    readonly ccsidr: readonly bigint[];
    /** AArch32 ID registers as seen from AArch64, op0=3 op1=0 CRn=0 CRm=1..3: their fields describe AArch32 state
     *  and are UNKNOWN when no EL can use AArch32 (ARM §D24.2.115 ID_PFR1_EL1 and its siblings, "Otherwise"). */
    readonly aa32: {
      readonly pfr0: bigint; readonly pfr1: bigint; readonly dfr0: bigint; readonly afr0: bigint;
      readonly mmfr0: bigint; readonly mmfr1: bigint; readonly mmfr2: bigint; readonly mmfr3: bigint;
      readonly isar0: bigint; readonly isar1: bigint; readonly isar2: bigint; readonly isar3: bigint;
      readonly isar4: bigint; readonly isar5: bigint;
      readonly mvfr0: bigint; readonly mvfr1: bigint; readonly mvfr2: bigint;
    };
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
  id: {
    midr: 0x411fd070n,
    mpidr: 0x80000000n,
    // EL0-EL2 AArch64 only (a deviation from QEMU's 0x222, AArch64+AArch32: the model does not execute AArch32, so it
    // does not advertise it; test/qemu/DEVIATIONS.md A1), no EL3 (virt), GIC=0: the default virt board has a GICv2 and
    // no GIC system registers (with gic-version=3 the machine uses withGicV3 below: GIC=1, as QEMU's 0x01000222)
    aa64pfr0: 0x00000111n,
    // PARange=4 (44 bits), ASIDBits=2 (16), BigEnd=0, SNSMem=1, TGran16=0 (absent). BigEnd=0 departs from QEMU's 0x1124
    // (mixed-endian): the model's loads and stores are little-endian only, so SCTLR_ELx.EE/E0E are RES0 (DEVIATIONS.md A2)
    aa64mmfr0: 0x00001024n,
    aa64mmfr1: 0n, // VMIDBits=0 (8), VH=0
    aa64isar0: 0x00011120n,
    aa64dfr0: 0x10305106n,
    ctr: 0x8444c004n,
    // The rest as read on qemu-system-aarch64 7.2 -M virt,virtualization=on,gic-version=3 -cpu cortex-a57
    revidr: 0n,
    aidr: 0n,
    aa64pfr1: 0n,
    aa64dfr1: 0n,
    aa64isar1: 0n,
    aa64mmfr2: 0n,
    clidr: 0x0a200023n, // L1 I+D, L2 unified; LoUIS=1, LoC=2
    cbar: 0x0800_0000n,
    dczidBs: 4, // 16 words = 64-byte DC ZVA block
    ccsidr: [0x701fe00an, 0x201fe012n, 0x70ffe07an], // L1 D 32 KiB, L1 I 48 KiB, L2 2 MiB
    // UNKNOWN without AArch32; the model reads 0, which claims no AArch32 feature (QEMU's A57, which has AArch32,
    // reads ID_PFR0 0x131, ID_ISAR0 0x02101110, MVFR0 0x10110222 …)
    aa32: {
      pfr0: 0n, pfr1: 0n, dfr0: 0n, afr0: 0n, mmfr0: 0n, mmfr1: 0n, mmfr2: 0n, mmfr3: 0n,
      isar0: 0n, isar1: 0n, isar2: 0n, isar3: 0n, isar4: 0n, isar5: 0n, mvfr0: 0n, mvfr1: 0n, mvfr2: 0n,
    },
  },
};

/**
 * HaveAArch32EL(el): ID_AA64PFR0_EL1.EL<el> = 0b0010 (AArch64 and AArch32; 0b0001 AArch64 only, 0b0000 not
 * implemented) (ARM §D24.2.93 ID_AA64PFR0_EL1; J1.3 HaveAArch32EL). No profile says so while the CPU model does not
 * execute AArch32 (test/arch/profiles.test.ts; the Cpu constructor refuses one that does); when EL1 cannot be
 * AArch32, HCR_EL2.RW is RAO/WI (ARCH-NOTES §3).
 */
export function aarch32At(p: Profile, el: number): boolean {
  return ((Number(p.id.aa64pfr0 & 0xffffn) >>> (4 * el)) & 0xf) === 2;
}

/** Placeholder for a newer core; later issues extend it with VHE and 16-bit VMIDs. */
export const MAX: Profile = {
  ...CORTEX_A57,
  name: 'max',
  id: { ...CORTEX_A57.id },
};

/** ID_AA64PFR0_EL1.GIC (bits 27:24) = 1: the GICv3 CPU interface system registers are implemented. */
const PFR0_GIC_SYSREGS = 1n << 24n;
const withGic = new Map<Profile, Profile>();

/**
 * `p` on a board with a GICv3: ID_AA64PFR0_EL1.GIC = 1 (QEMU 7.2 virt with gic-version=3 reads 0x01000222 on
 * cortex-a57, ARCH-NOTES §14; with a GICv2, 0). One object per profile, so per-profile caches stay shared.
 */
export function withGicV3(p: Profile): Profile {
  let v = withGic.get(p);
  if (v === undefined) {
    v = { ...p, id: { ...p.id, aa64pfr0: p.id.aa64pfr0 | PFR0_GIC_SYSREGS } };
    withGic.set(p, v);
  }
  return v;
}

export const PROFILES: Readonly<Record<Profile['name'], Profile>> = { 'cortex-a57': CORTEX_A57, max: MAX };

export function profileByName(name: string): Profile | undefined {
  return (PROFILES as Record<string, Profile>)[name];
}
