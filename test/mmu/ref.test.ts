// The real walker (through translate(), TLB and host cache included) agrees with the reference walker of
// ref-walker.ts on random translation tables, registers and addresses: PA, fault kind, level, stage, S1PTW, the
// stage-2 fault IPA, and every permission (each access kind at EL0 and EL1, or at EL2).
// Tables are random and lazy: the first time the reference reads a descriptor address, that address receives the
// next random descriptor, so walks go as deep as the descriptors allow (including through stage 2 for stage-1
// descriptor fetches). The real walker runs second on the same memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SR } from '../../src/arch/sysreg-table.ts';
import {
  ACC_EXEC, ACC_READ, ACC_WRITE, FAULT_ACCESS_FLAG, FAULT_ADDRESS_SIZE, FAULT_EXTERNAL_WALK, FAULT_NONE, FAULT_PERMISSION,
  FAULT_TRANSLATION, TranslateResult,
} from '../../src/mmu/result.ts';
import { translate } from '../../src/mmu/translate.ts';
import { type RefFault, type RefMachine, type RefRegs, refTranslate } from './ref-walker.ts';
import { makeCtx, RAM } from './tables.ts';

const KIND: Record<number, RefFault> = {
  [FAULT_NONE]: 'none', [FAULT_ADDRESS_SIZE]: 'addrsize', [FAULT_TRANSLATION]: 'translation',
  [FAULT_ACCESS_FLAG]: 'accessflag', [FAULT_PERMISSION]: 'permission', [FAULT_EXTERNAL_WALK]: 'extwalk',
};
const ACCESSES = [['r', ACC_READ], ['w', ACC_WRITE], ['x', ACC_EXEC]] as const;
const M64 = (1n << 64n) - 1n;

/** One random descriptor: type, output address class, attribute bits [11:2] and [63:52]. */
const descriptor = fc.record({
  type: fc.integer({ min: 0, max: 9 }), // 0 invalid, 1–2 block (01), 3–9 table/page (11)
  where: fc.integer({ min: 0, max: 35 }), // 0–31 a 64 KiB slot of the table pool, 32–33 beyond the PA size, 34 no RAM, 35 far RAM
  sub: fc.integer({ min: 0, max: 15 }), // 4 KiB slot inside it
  lo: fc.integer({ min: 0, max: 0x3ff }),
  hi: fc.integer({ min: 0, max: 0xfff }),
  af: fc.integer({ min: 0, max: 9 }), // 0: AF clear
});
type Desc = typeof descriptor extends fc.Arbitrary<infer T> ? T : never;

function encode(d: Desc): bigint {
  let oa: bigint;
  if (d.where < 32) oa = BigInt(RAM + (d.where % 16) * 0x1_0000 + d.sub * 0x1000);
  else if (d.where < 34) oa = (1n << BigInt(44 + d.sub % 4)) | BigInt(RAM);
  else if (d.where === 34) oa = 0x0800_0000n + BigInt(d.sub * 0x1000);
  else oa = BigInt(RAM + 0x200_0000 + d.sub * 0x1_0000);
  const type = d.type === 0 ? 0n : d.type < 3 ? 1n : 3n;
  let lo = BigInt(d.lo << 2);
  lo = d.af === 0 ? lo & ~(1n << 10n) : lo | (1n << 10n);
  return (BigInt(d.hi) << 52n) | oa | lo | type | (d.type === 0 ? BigInt(d.lo & 2) : 0n);
}

/** A table base in the pool (sometimes beyond the PA size) with an ASID/VMID in bits [63:48]. */
const ttbr = fc.tuple(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 0xffff })).map(([k, tag]) =>
  (BigInt(tag) << 48n) | (k < 16 ? BigInt(RAM + k * 0x1_0000) : BigInt(RAM) | (1n << BigInt(40 + k - 16))),
);
const tsz = fc.integer({ min: 14, max: 41 }); // 16–39 valid on v8.0
const ps = fc.oneof(fc.constantFrom(4, 5), fc.integer({ min: 0, max: 7 }));

/** VTCR_EL2 with SL0 usually consistent with T0SZ for the granule (AArch64.S2InconsistentSL), sometimes not. */
const vtcr = fc.record({ t0sz: tsz, tg: fc.integer({ min: 0, max: 3 }), sl0: fc.integer({ min: 0, max: 3 }), fix: fc.integer({ min: 0, max: 4 }), ps }).map((v) => {
  let sl0 = v.sl0;
  if (v.fix > 0) {
    const g = v.tg === 1 ? 16 : 12; // 16K and reserved encodings fall back to 4K on the A57
    const ok = [0, 1, 2].filter((s) => {
      const levels = 3 - (g === 12 ? 2 - s : 3 - s);
      const min = levels * (g - 3) + g + 1;
      return 64 - v.t0sz >= min && 64 - v.t0sz <= min + g - 4 + 4;
    });
    if (ok.length > 0) sl0 = ok[v.sl0 % ok.length]!;
  }
  return BigInt(v.t0sz) | (BigInt(sl0) << 6n) | (BigInt(v.tg) << 14n) | (BigInt(v.ps) << 16n) | (1n << 31n);
});

const regs = fc.record({
  mode: fc.integer({ min: 0, max: 4 }), // stage 1 only, stage 2 only, both, EL2 regime, random HCR controls
  t0sz: tsz, t1sz: tsz, tg0: fc.integer({ min: 0, max: 3 }), tg1: fc.integer({ min: 0, max: 3 }), ips: ps,
  epd: fc.integer({ min: 0, max: 19 }), tbi: fc.integer({ min: 0, max: 3 }), wxn: fc.boolean(), ptw: fc.boolean(),
  hcrBits: fc.integer({ min: 0, max: 15 }), m1: fc.boolean(),
  ttbr0: ttbr, ttbr1: ttbr, ttbr2: ttbr, vttbr: ttbr, vtcr,
}).map((g): RefRegs => {
  const s1 = g.mode === 0 || g.mode === 2 || (g.mode === 4 && g.m1);
  const s2 = g.mode === 1 || g.mode === 2;
  let hcr = (1n << 31n) | (s2 ? 1n : 0n) | (g.ptw ? 4n : 0n);
  // mode 4: VM, DC, TGE at random (DC and TGE make SCTLR_EL1.M act as 0; DC makes VM act as 1)
  if (g.mode === 4) hcr |= (g.hcrBits & 1 ? 1n : 0n) | (g.hcrBits & 2 ? 1n << 12n : 0n) | (g.hcrBits & 4 ? 1n << 27n : 0n);
  const tcr1 =
    BigInt(g.t0sz) | (g.epd === 0 ? 1n << 7n : 0n) | (BigInt(g.tg0) << 14n) | (BigInt(g.t1sz) << 16n) |
    (g.epd === 1 ? 1n << 23n : 0n) | (BigInt(g.tg1) << 30n) | (BigInt(g.ips) << 32n) | (BigInt(g.tbi) << 37n);
  const tcr2 = BigInt(g.t0sz) | (BigInt(g.tg0) << 14n) | (BigInt(g.ips) << 16n) | (BigInt(g.tbi & 1) << 20n) | (1n << 23n) | (1n << 31n);
  const wxn = g.wxn ? 1n << 19n : 0n;
  return {
    SCTLR_EL1: (s1 ? 1n : 0n) | wxn, SCTLR_EL2: (g.mode === 3 ? 1n : 0n) | wxn, TCR_EL1: tcr1, TCR_EL2: tcr2,
    TTBR0_EL1: g.ttbr0, TTBR1_EL1: g.ttbr1, TTBR0_EL2: g.ttbr2 & ((1n << 48n) - 1n), VTCR_EL2: g.vtcr, VTTBR_EL2: g.vttbr,
    HCR_EL2: hcr,
  };
});

/**
 * Addresses: inside the range one of the configured sizes (TCR_EL1.T0SZ, TCR_EL2.T0SZ, VTCR_EL2.T0SZ) allows, the
 * TTBR1 range (sign-extended), tagged, or anything.
 */
const vaddr = fc.record({
  shape: fc.constantFrom(0, 0, 0, 1, 1, 2, 3), size: fc.integer({ min: 0, max: 3 }),
  low: fc.bigInt({ min: 0n, max: (1n << 48n) - 1n }), tag: fc.bigInt({ min: 0n, max: 0xffffn }),
}).map(({ shape, size, low, tag }) => (rg: RefRegs): bigint => {
  const tsz = [rg.TCR_EL1, rg.TCR_EL2, rg.VTCR_EL2, rg.TCR_EL1 >> 16n][size]! & 0x3fn;
  const m = (1n << BigInt(Math.min(48, Math.max(12, 64 - Number(tsz))))) - 1n;
  const v = shape === 0 ? low & m : shape === 1 ? (M64 & ~m) | (low & m) : shape === 2 ? (tag << 48n) | low : ((tag & 0xffn) << 56n) | (low & m);
  return v & ~7n; // aligned 8-byte accesses: alignment faults are not compared
});

test('property: the walker agrees with the reference walker on 10,000 random tables and addresses', () => {
  const ctx = makeCtx(undefined, 64 * 1024 * 1024);
  const r = new TranslateResult();
  const assigned = new Set<bigint>();
  let fill: Desc[] = [];
  let next = 0;
  const machine: RefMachine = {
    regs: undefined as unknown as RefRegs,
    paRange: ctx.profile.paRange,
    granules: ctx.profile.granules,
    read(pa) {
      const n = Number(pa);
      if (!ctx.mem.isRam(n, 8)) return undefined;
      if (!assigned.has(pa)) {
        assigned.add(pa);
        ctx.mem.writeU64(n, encode(fill[next++ % fill.length]!));
      }
      return ctx.mem.readU64(n);
    },
  };
  fc.assert(
    fc.property(regs, fc.array(descriptor, { minLength: 8, maxLength: 40 }), fc.array(vaddr, { minLength: 1, maxLength: 3 }), (rg, descs, vas) => {
      for (const pa of assigned) ctx.mem.writeU64(Number(pa), 0n);
      assigned.clear();
      fill = descs;
      next = 0;
      machine.regs = rg;
      for (const [name, v] of Object.entries(rg)) ctx.sr[SR[name as keyof RefRegs]] = v;
      ctx.tlb.clear();
      const els = rg.SCTLR_EL2 & 1n ? [2] : [1, 0];
      for (const vaOf of vas) {
        const va = vaOf(rg);
        for (const el of els) {
          for (const [a, acc] of ACCESSES) {
            const want = refTranslate(machine, va, a, el);
            const got = translate(ctx, Number(va & 0xffff_ffffn), Number(va >> 32n), acc, acc === ACC_EXEC ? 4 : 8, el, r);
            const where = `VA 0x${va.toString(16)} EL${el} ${a}`;
            assert.equal(got ? 'none' : KIND[r.fault], want.fault, where);
            if (got) {
              assert.equal(r.pa, Number(want.pa), `${where}: PA`);
              continue;
            }
            assert.equal(r.level, want.level, `${where}: level`);
            assert.equal(r.stage2, want.stage2, `${where}: stage`);
            assert.equal(r.s1ptw, want.s1ptw, `${where}: S1PTW`);
            if (want.stage2) assert.equal(r.ipa, Number(want.ipa), `${where}: IPA`);
          }
        }
      }
    }),
    { numRuns: 10_000 },
  );
});
