// CPU profiles advertise only what the model executes: AArch64 at EL0–EL2, no AArch32 anywhere (ARM §D24.2.93
// ID_AA64PFR0_EL1.ELx; the AArch32 ID registers are UNKNOWN without AArch32, §D24.2.115 "Otherwise"), so HCR_EL2.RW is
// RAO/WI (ARCH-NOTES §3) and an ERET to AArch32 is an illegal exception return (test/cpu/exceptions.test.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aarch32At, CORTEX_A57, PROFILES, withGicV3 } from '../../src/arch/profiles.ts';
import { SR, SYSREGS } from '../../src/arch/sysreg-table.ts';

for (const p of Object.values(PROFILES)) {
  test(`${p.name}: ID_AA64PFR0_EL1 says AArch64 only at EL0, EL1 and EL2 and no EL3; the AArch32 ID registers read 0`, () => {
    assert.equal(p.id.aa64pfr0 & 0xffffn, 0x0111n);
    for (const el of [0, 1, 2, 3]) assert.equal(aarch32At(p, el), false, `EL${el}`);
    for (const [name, v] of Object.entries(p.id.aa32)) assert.equal(v, 0n, name);
    // every table row that describes AArch32 state reads the same 0
    const aa32Rows = SYSREGS.filter((r) => r.doc.startsWith('AArch32 ') && r.kind === 'const');
    assert.equal(aa32Rows.length, 17);
    for (const r of aa32Rows) assert.equal(r.reset(p), 0n, r.name);
    assert.equal(SYSREGS[SR.HCR_EL2]!.res1(p), 1n << 31n); // RW RAO/WI
  });
}

test('ID_AA64PFR0_EL1.GIC: 0 on the GICv2 board, 1 with a GICv3 (QEMU 7.2 cortex-a57 reads 0x01000222 with gic-version=3)', () => {
  for (const p of Object.values(PROFILES)) {
    assert.equal((p.id.aa64pfr0 >> 24n) & 0xfn, 0n, p.name);
    const v = withGicV3(p);
    assert.equal(v.id.aa64pfr0, p.id.aa64pfr0 | (1n << 24n), p.name);
    assert.equal(withGicV3(p), v, 'one variant object per profile');
    assert.equal(v.name, p.name);
  }
  assert.equal(withGicV3(CORTEX_A57).id.aa64pfr0, 0x01000111n, 'QEMU\'s value but for the AArch32 fields (DEVIATIONS A1)');
});
