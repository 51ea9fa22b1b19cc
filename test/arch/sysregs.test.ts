import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CORTEX_A57, type Profile } from '../../src/arch/profiles.ts';
import {
  isRazIdEncoding, SR, SYSREG_BY_KEY, SYSREGS, sysregIndexByEncoding, sysregIndexByName, sysregMasks,
} from '../../src/arch/sysreg-table.ts';
import { encKey } from '../../src/arch/sysregs.ts';
import { SYSOP_BY_KEY, SYSOPS, sysopByName } from '../../src/arch/sysops.ts';
import { effectiveHcr } from '../../src/arch/hcr.ts';

const ALL = (1n << 64n) - 1n;
/** A core whose EL0/EL1 can be AArch32 (as QEMU's cortex-a57 says): only the write masks are checked with it. */
const WITH_AARCH32: Profile = { ...CORTEX_A57, id: { ...CORTEX_A57.id, aa64pfr0: 0x222n } };
const VMID16: Profile = { ...CORTEX_A57, vmidBits: 16 };

test('every system register has a unique name and a unique encoding', () => {
  const names = new Set(SYSREGS.map((r) => r.name.toUpperCase()));
  assert.equal(names.size, SYSREGS.length);
  const keys = new Set(SYSREGS.map((r) => encKey(...r.enc)));
  assert.equal(keys.size, SYSREGS.length);
  SYSREGS.forEach((r, i) => {
    assert.equal(SYSREG_BY_KEY[encKey(...r.enc)], i, r.name);
    // op0 = 3: the non-debug System register space; op0 = 2: the debug registers, op1 = 0 (EL1), 3 (EL0: the DCC
    // registers) or 4 (EL2) (ARM §D23.3, C5.3 "op0 == 0b10")
    assert.ok(r.enc[0] === 3 || (r.enc[0] === 2 && [0, 3, 4].includes(r.enc[1])), `${r.name}: op0 must be 3, or 2 with op1 = 0, 3 or 4`);
  });
});

test('every register and ID register the foundation issue names is in the table', () => {
  const required = [
    'MIDR_EL1', 'MPIDR_EL1', 'REVIDR_EL1', 'ID_AA64PFR0_EL1', 'ID_AA64PFR1_EL1', 'ID_AA64DFR0_EL1', 'ID_AA64DFR1_EL1',
    'ID_AA64ISAR0_EL1', 'ID_AA64ISAR1_EL1', 'ID_AA64MMFR0_EL1', 'ID_AA64MMFR1_EL1', 'ID_AA64MMFR2_EL1', 'CTR_EL0',
    'DCZID_EL0', 'CLIDR_EL1', 'AIDR_EL1', 'CurrentEL', 'DAIF', 'NZCV', 'SPSel', 'SP_EL0', 'SP_EL1', 'ELR_EL1',
    'ELR_EL2', 'SPSR_EL1', 'SPSR_EL2', 'ESR_EL1', 'ESR_EL2', 'FAR_EL1', 'FAR_EL2', 'HPFAR_EL2', 'PAR_EL1', 'VBAR_EL1',
    'VBAR_EL2', 'CPACR_EL1', 'CPTR_EL2', 'CNTFRQ_EL0', 'CNTVCT_EL0', 'TPIDR_EL0', 'TPIDR_EL1', 'TPIDR_EL2',
    'TPIDRRO_EL0', 'CONTEXTIDR_EL1', 'AFSR0_EL1', 'AFSR1_EL1', 'AFSR0_EL2', 'AFSR1_EL2', 'AMAIR_EL1', 'AMAIR_EL2',
    'ACTLR_EL1', 'ACTLR_EL2', 'VPIDR_EL2', 'VMPIDR_EL2', 'MDCR_EL2', 'HSTR_EL2', 'HACR_EL2', 'CSSELR_EL1',
    'CCSIDR_EL1', 'HCR_EL2', 'SCTLR_EL1', 'SCTLR_EL2', 'TCR_EL1', 'TCR_EL2', 'VTCR_EL2', 'VTTBR_EL2', 'TTBR0_EL1',
    'TTBR1_EL1', 'TTBR0_EL2', 'MAIR_EL1', 'MAIR_EL2',
  ];
  for (const n of required) assert.notEqual(sysregIndexByName(n), -1, n);
});

test('lookup by name is case-insensitive and by encoding finds the row (HCR_EL2 = S3_4_C1_C1_0)', () => {
  assert.equal(sysregIndexByName('hcr_el2'), SR.HCR_EL2);
  assert.equal(sysregIndexByName('CURRENTEL'), SR.CurrentEL);
  assert.equal(sysregIndexByName('nonsense'), -1);
  assert.equal(sysregIndexByEncoding(3, 4, 1, 1, 0), SR.HCR_EL2);
  assert.equal(sysregIndexByEncoding(3, 0, 0, 7, 0), SR.ID_AA64MMFR0_EL1);
  assert.equal(sysregIndexByEncoding(3, 4, 15, 0, 0), -1);
});

test('SP_EL2 is named but needs EL3, so MSR/MRS can never reach it here', () => {
  assert.equal(SYSREGS[SR.SP_EL2]!.minEl, 3);
});

test('RES0 and RES1 never overlap, for every register and profile', () => {
  for (const p of [CORTEX_A57, WITH_AARCH32, VMID16]) {
    for (const r of SYSREGS) assert.equal(r.res0(p) & r.res1(p), 0n, `${r.name} on ${p.name}`);
  }
});

test('write masks: HCR_EL2 bits 33:0 writable on v8.0, RW RAO/WI only when EL1 is AArch64-only', () => {
  const hcr = SYSREGS[SR.HCR_EL2]!;
  assert.equal(hcr.res0(CORTEX_A57), ALL ^ 0x3_ffff_ffffn);
  assert.equal(hcr.res1(CORTEX_A57), 1n << 31n); // the model's A57: EL1 is AArch64-only, so RW is RAO/WI
  assert.equal(hcr.res1(WITH_AARCH32), 0n); // EL1 can be AArch32: RW is an ordinary bit
});

test('write masks: VTCR_EL2[31] RES1, VS only with 16-bit VMIDs; VTTBR_EL2 VMID[15:8] and CnP RES0', () => {
  const m = sysregMasks(CORTEX_A57);
  const vtcr = SYSREGS[SR.VTCR_EL2]!;
  assert.equal(vtcr.res1(CORTEX_A57), 0x8000_0000n);
  assert.equal(m.keep[SR.VTCR_EL2]! | m.res1[SR.VTCR_EL2]!, 0x8007_ffffn); // T0SZ..PS plus bit 31
  assert.equal(ALL & ~vtcr.res0(VMID16), 0x800f_ffffn); // VS (bit 19) becomes writable
  assert.equal(SYSREGS[SR.VTTBR_EL2]!.res0(CORTEX_A57), 0xff00_0000_0000_0001n);
  assert.equal(SYSREGS[SR.VTTBR_EL2]!.res0(VMID16), 1n);
});

test('write masks: TCR_EL2 bits 31 and 23, SCTLR_EL2 0x30C50830, CPTR_EL2 0x33FF are RES1', () => {
  assert.equal(SYSREGS[SR.TCR_EL2]!.res1(CORTEX_A57), 0x8080_0000n);
  assert.equal(SYSREGS[SR.SCTLR_EL2]!.res1(CORTEX_A57), 0x30c5_0830n);
  assert.equal(SYSREGS[SR.SCTLR_EL1]!.res1(CORTEX_A57), 0x30d0_0800n); // 29, 28, 23, 22, 20, 11
  assert.equal(SYSREGS[SR.CPTR_EL2]!.res1(CORTEX_A57), 0x33ffn);
  assert.equal(ALL & ~SYSREGS[SR.CPTR_EL2]!.res0(CORTEX_A57), 0x8010_37ffn); // + TFP(10), TTA(20), TCPAC(31)
});

test('reset values as QEMU virt shows them (ARCH-NOTES §14)', () => {
  const v = (n: keyof typeof SR) => SYSREGS[SR[n]]!.reset(CORTEX_A57);
  assert.equal(v('HCR_EL2'), 1n << 31n); // QEMU: 0; RW reads as one on a core whose EL1 is AArch64-only (DEVIATIONS A1)
  assert.equal(v('SCTLR_EL1'), 0x00c5_0838n);
  assert.equal(v('MIDR_EL1'), 0x411f_d070n);
  assert.equal(v('VPIDR_EL2'), 0x411f_d070n);
  assert.equal(v('MPIDR_EL1'), 0x8000_0000n);
  assert.equal(v('VMPIDR_EL2'), 0x8000_0000n);
  assert.equal(v('ID_AA64MMFR0_EL1'), 0x1024n);
  assert.equal(v('ID_AA64MMFR1_EL1'), 0n);
  assert.equal(v('CNTFRQ_EL0'), 0x3b9_aca0n); // 62.5 MHz
  assert.equal(v('CLIDR_EL1'), 0x0a20_0023n);
});

test('Feature ID space: op1=0 CRm=2..7 reads as zero, CRm=0/1 and other op1 do not (ARM §D23.3)', () => {
  assert.ok(isRazIdEncoding(3, 0, 0, 4)); // ID_AA64PFR2_EL1 slot
  assert.ok(!isRazIdEncoding(3, 0, 0, 0));
  assert.ok(!isRazIdEncoding(3, 0, 0, 1));
  assert.ok(!isRazIdEncoding(3, 1, 0, 2));
});

test('SYS operations: unique encodings, legal EL and hand-checked words', () => {
  const keys = new Set(SYSOPS.map((o) => `${o.op1}.${o.crn}.${o.crm}.${o.op2}`));
  assert.equal(keys.size, SYSOPS.length);
  // SYS word = 0xd5080000 | op1<<16 | CRn<<12 | CRm<<8 | op2<<5 | Rt
  const word = (kind: 'tlbi' | 'at' | 'dc' | 'ic', name: string, rt: number) => {
    const o = sysopByName(kind, name)!;
    return (0xd508_0000 | (o.op1 << 16) | (o.crn << 12) | (o.crm << 8) | (o.op2 << 5) | rt) >>> 0;
  };
  assert.equal(word('tlbi', 'vmalle1is', 31), 0xd508_831f); // tlbi vmalle1is
  assert.equal(word('tlbi', 'ALLE2', 31), 0xd50c_871f); // tlbi alle2
  assert.equal(word('tlbi', 'IPAS2E1IS', 0), 0xd50c_8020); // tlbi ipas2e1is, x0
  assert.equal(word('at', 'S1E1R', 0), 0xd508_7800); // at s1e1r, x0
  assert.equal(word('dc', 'ZVA', 0), 0xd50b_7420); // dc zva, x0
  assert.equal(word('dc', 'CIVAC', 0), 0xd50b_7e20); // dc civac, x0
  assert.equal(word('ic', 'IALLU', 31), 0xd508_751f); // ic iallu
  for (const o of SYSOPS) if (o.kind === 'tlbi' || o.kind === 'at') assert.ok(o.minEl >= 1, o.name);
  assert.equal(sysopByName('tlbi', 'VMALLS12E1')!.minEl, 2);
  assert.equal(sysopByName('tlbi', 'VMALLE1')!.broadcast, 'VMALLE1IS');
  assert.equal(SYSOP_BY_KEY[(3 << 11) | (7 << 7) | (4 << 3) | 1], SYSOPS.indexOf(sysopByName('dc', 'zva')!));
});

test('effective HCR_EL2: TGE=1, E2H=0 forces FMO/IMO/AMO and clears the EL1 traps, keeps VM/DC/TWI', () => {
  const TGE = 1n << 27n, TVM = 1n << 26n, TRVM = 1n << 30n, TID3 = 1n << 18n, TTLB = 1n << 25n, TSC = 1n << 19n;
  const TACR = 1n << 21n, VM = 1n, DC = 1n << 12n, TWI = 1n << 13n, RW = 1n << 31n, FMO_IMO_AMO = 0x38n;
  assert.equal(effectiveHcr(TVM | TID3 | VM), TVM | TID3 | VM); // TGE=0: unchanged
  assert.equal(effectiveHcr(TGE | TVM | TRVM | TID3 | TTLB | TSC | TACR | VM | DC | TWI | RW), TGE | VM | DC | TWI | RW | FMO_IMO_AMO);
  const E2H = 1n << 34n; // host under VHE (not on A57): VM, DC, TWI and the interrupt routing also go
  assert.equal(effectiveHcr(E2H | TGE | VM | DC | TWI | FMO_IMO_AMO), E2H | TGE);
});
