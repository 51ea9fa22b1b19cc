// Register fields as constants (src/arch/reg-fields.ts), generated from the system-register table: checked against
// the Arm ARM's bit positions (ARM §D24.2.62 HCR_EL2, .194 TCR_EL1, .195 TCR_EL2, .224 VTCR_EL2, .225 VTTBR_EL2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { HCR, HCR_HI } from '../../src/arch/hcr.ts';
import { CORTEX_A57, type Profile } from '../../src/arch/profiles.ts';
import { field, fieldOf, highMask, lowMask, masks64, withField, type FieldName } from '../../src/arch/reg-fields.ts';
import { vmidOf, VTCR_VS } from '../../src/arch/regime.ts';
import { sysregTrapIss, sysregTrapOf } from '../../src/arch/syndrome.ts';
import { contextSource } from '../../src/hyp/context-table.ts';

test('HCR_EL2 masks from the table sit where the Arm ARM puts them', () => {
  assert.equal(HCR.VM, 1 << 0);
  assert.equal(HCR.BSU, 3 << 10);
  assert.equal(HCR.TGE, 1 << 27);
  assert.equal(HCR.RW, 0x8000_0000);
  assert.deepEqual(HCR_HI, { CD: 1 << 0, ID: 1 << 1, E2H: 1 << 2, TLOR: 1 << 3 });
  assert.equal(masks64('HCR_EL2').TGE, 1n << 27n);
  assert.equal(masks64('HCR_EL2').E2H, 1n << 34n);
});

test('a field outside the half asked for, or a name the table lacks, is refused at load', () => {
  assert.throws(() => lowMask('HCR_EL2', 'E2H'), /HCR_EL2\.E2H \(bits 34:34\) is not in bits 31:0/);
  assert.throws(() => highMask('HCR_EL2', 'TGE'), /is not in bits 63:32/);
  assert.throws(() => field('HCR_EL2', 'NOPE' as FieldName<'HCR_EL2'>), /HCR_EL2 has no field NOPE/);
});

test('T0SZ, TG0 and PS share their bits in TCR_EL1, TCR_EL2 and VTCR_EL2; M, A, I, WXN in SCTLR_EL1 and SCTLR_EL2', () => {
  for (const name of ['T0SZ', 'TG0'] as const) {
    assert.equal(field('TCR_EL2', name).mask64, field('TCR_EL1', name).mask64, name);
    assert.equal(field('VTCR_EL2', name).mask64, field('TCR_EL1', name).mask64, name);
  }
  assert.equal(field('VTCR_EL2', 'PS').mask64, field('TCR_EL2', 'PS').mask64);
  for (const name of ['M', 'A', 'I', 'WXN'] as const) assert.equal(field('SCTLR_EL2', name).mask64, field('SCTLR_EL1', name).mask64, name);
  assert.equal(field('TCR_EL1', 'IPS').lo, 32);
  assert.equal(field('VTTBR_EL2', 'VMID').lo, 48);
});

test('withField and fieldOf agree (random values and fields)', () => {
  const f = field('TCR_EL1', 'T1SZ');
  fc.assert(fc.property(fc.bigUint64Array({ minLength: 1, maxLength: 1 }), fc.integer({ min: 0, max: 63 }), ([v], x) => {
    const w = withField(f, v!, BigInt(x));
    return fieldOf(f, w) === BigInt(x) && (w & ~f.mask64) === (v! & ~f.mask64);
  }));
  assert.throws(() => withField(f, 0n, 64n), /TCR_EL1\.T1SZ = 64 does not fit in 6 bits/);
});

test('vmidOf: 8 bits unless FEAT_VMID16 and VTCR_EL2.VS, then 16 (ARM J1.3 VMID[])', () => {
  const hi = 0xabcd_0000; // VTTBR_EL2[63:48] = 0xabcd
  assert.equal(vmidOf(hi, VTCR_VS, CORTEX_A57), 0xcd);
  const v16: Profile = { ...CORTEX_A57, vmidBits: 16 };
  assert.equal(vmidOf(hi, 0, v16), 0xcd);
  assert.equal(vmidOf(hi, VTCR_VS, v16), 0xabcd);
});

test('EC 0x18 ISS: the encoder and the decoder are inverse', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: (1 << 22) - 1 }), (iss) => sysregTrapIss(sysregTrapOf(iss)) === iss));
  // MRS x3, CNTP_CTL_EL0 (op0 3, op1 3, CRn 14, CRm 2, op2 1): ARM §D24.2.46 layout
  assert.equal(sysregTrapIss({ op0: 3, op1: 3, crn: 14, crm: 2, op2: 1, rt: 3, read: 1 }), (3 << 20) | (1 << 17) | (3 << 14) | (14 << 10) | (3 << 5) | (2 << 1) | 1);
});

test('the hypervisor assembly gets its register-field constants from the table (context.S)', () => {
  const src = contextSource();
  assert.match(src, /\.equ HCR_RW, 0x80000000 {4}\/\/ HCR_EL2\.RW/);
  assert.match(src, /\.equ HCR_TSC, 0x80000 /);
  assert.match(src, /\.equ TCR_EPD1, 0x800000 /);
  assert.match(src, /\.equ SCTLR_M, 0x1 /);
});
