// Random memory under the walker never throws a JS exception, and every outcome is a well-formed result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sysopByName } from '../../src/arch/sysops.ts';
import { at } from '../../src/mmu/maintenance.ts';
import { ACC_EXEC, FAULT_NONE, TranslateResult } from '../../src/mmu/result.ts';
import { translate } from '../../src/mmu/translate.ts';
import { makeCtx, RAM } from './tables.ts';

test('property: random tables, registers and addresses never throw; faults carry a level 0–3', () => {
  const ctx = makeCtx(undefined, 1024 * 1024);
  const r = new TranslateResult();
  const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 4096, maxLength: 4096 }),
      fc.record({ tcr: u64, vtcr: u64, hcr: u64, sctlr1: u64, sctlr2: u64, tcr2: u64 }),
      fc.array(fc.tuple(u64, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), fc.constantFrom(1, 2, 4, 8)), { minLength: 20, maxLength: 20 }),
      (bytes, regs, accesses) => {
        // tables and descriptors point into RAM's first pages so walks go deep
        for (let i = 0; i < bytes.length; i += 8) {
          const v = (BigInt(bytes[i]!) | (BigInt(bytes[i + 1]!) << 8n) | (BigInt(bytes[i + 2]!) << 56n)) ^ BigInt(RAM + (bytes[i + 3]! & 0xf) * 0x1000);
          ctx.mem.writeU64(RAM + i, v);
        }
        ctx.set('TCR_EL1', regs.tcr);
        ctx.set('TCR_EL2', regs.tcr2);
        ctx.set('VTCR_EL2', regs.vtcr);
        ctx.set('HCR_EL2', regs.hcr);
        ctx.set('SCTLR_EL1', regs.sctlr1);
        ctx.set('SCTLR_EL2', regs.sctlr2);
        ctx.set('TTBR0_EL1', BigInt(RAM));
        ctx.set('TTBR1_EL1', BigInt(RAM + 0x1000));
        ctx.set('TTBR0_EL2', BigInt(RAM + 0x2000));
        ctx.set('VTTBR_EL2', BigInt(RAM + 0x3000));
        ctx.tlb.clear();
        for (const [va, acc, el, size] of accesses) {
          const ok = translate(ctx, Number(va & 0xffff_ffffn), Number(va >> 32n), acc, acc === ACC_EXEC ? 4 : size, el, r);
          if (!ok) assert.ok(r.fault !== FAULT_NONE && r.level >= 0 && r.level <= 3);
          ctx.el = el === 0 ? 1 : el;
          at(ctx, sysopByName('at', 'S12E1R')!, Number(va & 0xffff_ffffn), Number(va >> 32n), new TranslateResult());
        }
      },
    ),
    { numRuns: 300 },
  );
});
