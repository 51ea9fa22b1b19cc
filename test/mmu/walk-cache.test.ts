// The walk cache (issue 16; ARM §D8.16): table descriptors cached by walks, used by later walks instead of memory, tagged
// as leaf entries are, and removed by exactly the TLBI forms that must remove them (all levels by VA/IPA, by ASID, by
// VMID, ALL; not the last-level forms) — a table over every TLBI row of src/arch/sysops.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SYSOPS, sysopByName } from '../../src/arch/sysops.ts';
import * as maintenance from '../../src/mmu/maintenance.ts';
import { ACC_READ, FAULT_TRANSLATION, TranslateResult } from '../../src/mmu/result.ts';
import * as scratch from '../../src/mmu/scratch.ts';
import * as tlbModule from '../../src/mmu/tlb.ts';
import { KIND_W1, KIND_W2, REGIME_EL10, REGIME_EL2, type WalkCacheChoices } from '../../src/mmu/tlb.ts';
import * as translateModule from '../../src/mmu/translate.ts';
import { AF, AP_RW_ALL, makeCtx, MAIR_NORMAL0_DEVICE1, NG, RAM, SCTLR_M, Tables, TCR_4K_48, type TestCtx } from './tables.ts';
import { type Check, failingChecks } from '../helpers/mutants.ts';

/** The modules under test: src/mmu's, or a mutant's copy (the mutation test at the end). */
interface Impl {
  readonly tlb: typeof tlbModule;
  readonly maintenance: typeof maintenance;
  readonly translate: typeof translateModule;
  readonly scratch: typeof scratch;
}
const REAL: Impl = { tlb: tlbModule, maintenance, translate: translateModule, scratch };
let impl: Impl = REAL;

/** A context of `impl`'s TLB and scratch records. */
function ctxOf(): TestCtx {
  const ctx = makeCtx();
  return impl === REAL ? ctx : { ...ctx, tlb: new impl.tlb.Tlb(), scratch: new impl.scratch.MmuScratch() } as TestCtx;
}

const r = new TranslateResult();
const tlbiOp = (ctx: TestCtx, op: NonNullable<ReturnType<typeof sysopByName>>, lo: number, hi: number): void => impl.maintenance.tlbi(ctx, op, lo, hi);
const tlbi = (ctx: TestCtx, name: string, lo: number, hi: number): void => tlbiOp(ctx, sysopByName('tlbi', name)!, lo, hi);
const go = (ctx: TestCtx, va: bigint): boolean => impl.translate.translate(ctx, Number(va & 0xffff_ffffn), Number(va >> 32n), ACC_READ, 4, 1, r);

/** Scripted choices: use a cached descriptor (or read memory), replace a cached one; each call counted. */
class Script implements WalkCacheChoices {
  uses = 0;
  replaces = 0;
  constructor(public use: boolean, public replace = true) {}
  useCached(): boolean {
    this.uses++;
    return this.use;
  }
  replaceTable(): boolean {
    this.replaces++;
    return this.replace;
  }
}

/** The checks below: each a test of src/mmu, and run again against every mutant (one must fail). */
const CHECKS: Check[] = [];
function check(name: string, run: () => void): void {
  CHECKS.push({ name, run });
  test(name, () => {
    impl = REAL;
    run();
  });
}

const VA = 0x20_1000n; // its level-2 entry covers [0x20_0000, 0x40_0000)

/** Stage 1 (4K, 48-bit, levels 0–3) maps VA → PA A non-global under ASID 7, VMID 5; the walk cache on. */
function setup(choices: Script | null): { ctx: TestCtx; t: Tables } {
  const ctx = ctxOf();
  ctx.tlb.walkChoices = choices;
  const t = new Tables(ctx.mem, 12, 0, 48);
  t.map(VA, BigInt(RAM + 0xa000), 3, AF | AP_RW_ALL | NG);
  ctx.set('TCR_EL1', TCR_4K_48);
  ctx.set('TTBR0_EL1', (7n << 48n) | BigInt(t.root));
  ctx.set('MAIR_EL1', MAIR_NORMAL0_DEVICE1);
  ctx.set('SCTLR_EL1', SCTLR_M);
  ctx.set('VTTBR_EL2', 5n << 48n);
  ctx.set('HCR_EL2', 1n << 31n);
  return { ctx, t };
}

/** The walk-cache entries: [kind, level, asid, global, vmid]. */
function walkEntries(ctx: TestCtx): number[][] {
  const tl = ctx.tlb;
  const out: number[][] = [];
  for (let e = 0; e < tl.capacity; e++) if (tl.kind[e] === KIND_W1 || tl.kind[e] === KIND_W2) out.push([tl.kind[e]!, tl.s1level[e]!, tl.asid[e]!, tl.global[e]!, tl.vmid[e]!]);
  return out.sort((a, b) => a[1]! - b[1]!);
}

const xt = (asid: bigint, va: bigint): [number, number] => {
  const v = (asid << 48n) | ((va >> 12n) & 0xfff_ffff_ffffn);
  return [Number(v & 0xffff_ffffn), Number(v >> 32n)];
};

check('a walk caches its table descriptors (levels 0–2), non-global with the walk\'s ASID and the VMID; no walk cache: none', () => {
  const { ctx } = setup(new Script(true));
  assert.ok(go(ctx, VA));
  assert.deepEqual(walkEntries(ctx), [[KIND_W1, 0, 7, 0, 5], [KIND_W1, 1, 7, 0, 5], [KIND_W1, 2, 7, 0, 5]]);
  const off = setup(null);
  assert.ok(go(off.ctx, VA));
  assert.deepEqual(walkEntries(off.ctx), []);
});

check('a later walk may use a cached table descriptor memory no longer holds, or read memory (the choice), never without one', () => {
  for (const use of [true, false]) {
    const s = new Script(use, false);
    const { ctx, t } = setup(s);
    assert.ok(go(ctx, VA));
    // break the level-2 table descriptor; TLBI VALE1 removes the leaf entry only (last level)
    ctx.mem.writeU64(t.descAt(VA, 2), 0n);
    tlbi(ctx, 'VALE1', ...xt(7n, VA));
    assert.equal(go(ctx, VA), use, `use cached: ${use}`);
    if (use) assert.equal(r.pa, RAM + 0xa000);
    else assert.deepEqual([r.fault, r.level], [FAULT_TRANSLATION, 2]);
    assert.equal(s.uses, 1); // levels 0 and 1 match memory: no choice there
  }
  // VAE1 (all levels) removes the cached descriptor: the walk reads the invalid one, whatever the choices
  const s = new Script(true);
  const { ctx, t } = setup(s);
  assert.ok(go(ctx, VA));
  ctx.mem.writeU64(t.descAt(VA, 2), 0n);
  tlbi(ctx, 'VAE1', ...xt(7n, VA));
  assert.equal(go(ctx, VA), false);
  assert.deepEqual([r.fault, r.level, s.uses], [FAULT_TRANSLATION, 2, 0]);
});

check('a level-0 table descriptor (a 512 GiB range, its key beyond VA[31:0]) is found by later walks and removed by an all-levels TLBI in its range', () => {
  const s = new Script(true, false);
  const { ctx, t } = setup(s);
  assert.ok(go(ctx, VA));
  // break the level-0 descriptor: the walk finds the cached one (the only choice offered)
  ctx.mem.writeU64(t.descAt(VA, 0), 0n);
  tlbi(ctx, 'VALE1', ...xt(7n, VA));
  assert.ok(go(ctx, VA));
  assert.deepEqual([r.pa, s.uses], [RAM + 0xa000, 1]);
  // another address of its range (VA 0x10_1234_5000) finds it too
  assert.ok(ctx.tlb.lookupTable(KIND_W1, REGIME_EL10, 5, 7, 0, 39, 0x1234_5000, 0x10) >= 0);
  // VAE1 of an address of another 512 GiB range keeps it; of one in its range (VA[47:39] equal) removes it
  tlbi(ctx, 'VAE1', ...xt(7n, VA + (1n << 39n)));
  assert.ok(ctx.tlb.lookupTable(KIND_W1, REGIME_EL10, 5, 7, 0, 39, Number(VA), 0) >= 0);
  tlbi(ctx, 'VAE1', ...xt(7n, VA + (1n << 36n)));
  assert.ok(ctx.tlb.lookupTable(KIND_W1, REGIME_EL10, 5, 7, 0, 39, Number(VA), 0) < 0);
  tlbi(ctx, 'VALE1', ...xt(7n, VA)); // the leaf entry the walk above cached
  assert.equal(go(ctx, VA), false);
  assert.deepEqual([r.fault, r.level], [FAULT_TRANSLATION, 0]);
});

check('a walk-cache entry is tagged: another ASID or VMID does not use it', () => {
  for (const [reg, value] of [['TTBR0_EL1', 8n << 48n], ['VTTBR_EL2', 6n << 48n]] as const) {
    const s = new Script(true);
    const { ctx, t } = setup(s);
    assert.ok(go(ctx, VA));
    ctx.mem.writeU64(t.descAt(VA, 2), 0n);
    ctx.set(reg, reg === 'TTBR0_EL1' ? value | BigInt(t.root) : value);
    ctx.tlb.hostFlush();
    assert.equal(go(ctx, VA), false, reg);
    assert.equal(s.uses, 0, reg);
  }
});

check('a different descriptor read from memory replaces the cached one or leaves it, as chosen', () => {
  for (const replace of [true, false]) {
    const s = new Script(false, replace);
    const { ctx, t } = setup(s);
    assert.ok(go(ctx, VA));
    const l2 = t.descAt(VA, 2);
    const old = ctx.mem.readU64(l2);
    // a copy of the level-3 table elsewhere, the level-2 descriptor repointed to it
    const copy = t.alloc(0x1000);
    const l3 = Number(old & 0xffff_ffff_f000n);
    for (let i = 0; i < 512; i++) ctx.mem.writeU64(copy + i * 8, ctx.mem.readU64(l3 + i * 8));
    ctx.mem.writeU64(l2, BigInt(copy) | 3n);
    tlbi(ctx, 'VALE1', ...xt(7n, VA));
    assert.ok(go(ctx, VA)); // memory read (use = false): the new descriptor
    assert.equal(s.replaces, 1);
    const e = ctx.tlb.lookupTable(KIND_W1, REGIME_EL10, 5, 7, 2, 21, Number(VA), 0);
    assert.equal(BigInt(ctx.tlb.descLo[e]!), replace ? BigInt(copy) | 3n : old & 0xffff_ffffn);
  }
});

/**
 * Every TLBI row: which walk-cache entries it removes, of a stage-1 EL1&0 one (VMID 5, ASID 7, VA's range), a stage-2
 * one (VMID 5, IPA = VA's range) and an EL2-regime one, executed with VMID 5, Xt = ASID 7 and VA (or IPA). The
 * last-level forms remove none (ARM C5.5: "last level" need not invalidate table entries); the others remove their
 * regime's and stage's (by VA/IPA, by ASID, by VMID, ALL).
 */
const REMOVES: Readonly<Record<string, readonly [s1: boolean, s2: boolean, el2: boolean]>> = {
  VMALLE1: [true, false, false],
  VAE1: [true, false, false],
  ASIDE1: [true, false, false],
  VAAE1: [true, false, false],
  VALE1: [false, false, false],
  VAALE1: [false, false, false],
  IPAS2E1: [false, true, false],
  IPAS2LE1: [false, false, false],
  ALLE2: [false, false, true],
  VAE2: [false, false, true],
  VALE2: [false, false, false],
  ALLE1: [true, true, false],
  VMALLS12E1: [true, true, false],
};

check('every TLBI row removes the walk-cache entries its form must, and no others', () => {
  const rows = SYSOPS.filter((o) => o.kind === 'tlbi');
  for (const op of rows) {
    const want = REMOVES[op.name.replace(/IS$/, '')];
    assert.ok(want !== undefined, `${op.name}: no row in REMOVES — say which walk-cache entries it removes`);
    const ctx = ctxOf();
    ctx.set('VTTBR_EL2', 5n << 48n);
    const tl = ctx.tlb;
    const lo = Number(VA);
    tl.insertTable(KIND_W1, REGIME_EL10, 5, 7, 2, 21, lo, 0, 0x1003, 0);
    tl.insertTable(KIND_W2, REGIME_EL10, 5, 0, 2, 21, lo, 0, 0x2003, 0);
    tl.insertTable(KIND_W1, REGIME_EL2, 0, 0, 2, 21, lo, 0, 0x3003, 0);
    const ipaOperand = op.tlbi!.address === 'ipa';
    tlbiOp(ctx, op, ...(ipaOperand ? [Number(VA >> 12n), 0] as [number, number] : xt(7n, VA)));
    const left = [
      tl.lookupTable(KIND_W1, REGIME_EL10, 5, 7, 2, 21, lo, 0) < 0,
      tl.lookupTable(KIND_W2, REGIME_EL10, 5, 0, 2, 21, lo, 0) < 0,
      tl.lookupTable(KIND_W1, REGIME_EL2, 0, 0, 2, 21, lo, 0) < 0,
    ];
    assert.deepEqual(left, [...want], op.name);
  }
  // a VA outside the entry's range, another ASID, another VMID: kept
  const ctx = ctxOf();
  ctx.set('VTTBR_EL2', 5n << 48n);
  ctx.tlb.insertTable(KIND_W1, REGIME_EL10, 5, 7, 2, 21, Number(VA), 0, 0x1003, 0);
  tlbi(ctx, 'VAE1', ...xt(7n, VA + 0x20_0000n));
  tlbi(ctx, 'ASIDE1', ...xt(8n, 0n));
  ctx.set('VTTBR_EL2', 6n << 48n);
  tlbi(ctx, 'VMALLE1', 0, 0);
  assert.ok(ctx.tlb.lookupTable(KIND_W1, REGIME_EL10, 5, 7, 2, 21, Number(VA), 0) >= 0);
});

test('stage 2: a stage-1 walk through stage 2 caches stage-2 table descriptors (VMID-tagged, global) as well', () => {
  const ctx = makeCtx();
  ctx.tlb.walkChoices = new Script(true);
  const s2 = new Tables(ctx.mem, 12, 1, 40, RAM + 0x200_0000);
  // stage 2 maps the first 64 MiB of RAM to itself with 2 MiB blocks
  for (let a = 0; a < 0x400_0000; a += 0x20_0000) s2.map(BigInt(RAM + a), BigInt(RAM + a), 2, AF | (3n << 6n) | (0xfn << 2n));
  const s1 = new Tables(ctx.mem, 12, 0, 48);
  s1.map(VA, BigInt(RAM + 0xa000), 3, AF | AP_RW_ALL | NG);
  ctx.set('TCR_EL1', TCR_4K_48);
  ctx.set('TTBR0_EL1', (7n << 48n) | BigInt(s1.root));
  ctx.set('MAIR_EL1', MAIR_NORMAL0_DEVICE1);
  ctx.set('SCTLR_EL1', SCTLR_M);
  ctx.set('VTCR_EL2', 24n | (1n << 6n) | (2n << 16n) | (1n << 31n)); // T0SZ 24 (40-bit IPA), SL0 1 (level 1), PS 40 bits
  ctx.set('VTTBR_EL2', (5n << 48n) | BigInt(s2.root));
  ctx.set('HCR_EL2', (1n << 31n) | 1n);
  assert.ok(go(ctx, VA));
  const kinds = walkEntries(ctx);
  assert.ok(kinds.some(([k, , , g, v]) => k === KIND_W2 && g === 1 && v === 5), JSON.stringify(kinds));
  assert.equal(kinds.filter(([k]) => k === KIND_W1).length, 3);
});

/**
 * Source mutants of the walk cache, each built into a copy of src/ (the mmu imports only bits, arch and memory) and
 * run through every check above: one must fail.
 */
const MUTANTS: readonly { name: string; file: string; from: string; to: string }[] = [
  { name: 'a last-level TLBI removes table descriptors', file: 'mmu/tlb.ts', from: 'const walk = scope.lastLevel ? 0 :', to: 'const walk = false ? 0 :' },
  { name: 'an all-levels TLBI leaves table descriptors', file: 'mmu/tlb.ts', from: 'const walk = scope.lastLevel ? 0 :', to: 'const walk = true ? 0 :' },
  { name: 'stage-1 and stage-2 table descriptors swapped in TLBI scopes', file: 'mmu/tlb.ts', from: "scope.stage === 'stage1' ? KM_W1 : scope.stage === 'stage2' ? KM_W2", to: "scope.stage === 'stage1' ? KM_W2 : scope.stage === 'stage2' ? KM_W1" },
  { name: 'EL1&0 stage-1 table descriptors cached as global', file: 'mmu/tlb.ts', from: 'const nonGlobal = kind === KIND_W1 && regime === REGIME_EL10;', to: 'const nonGlobal = false;' },
  { name: 'a walk never uses a cached table descriptor', file: 'mmu/walk.ts', from: 'if (cached >= 0 && useCached(', to: 'if (false && cached >= 0 && useCached(' },
  { name: 'a different descriptor always replaces the cached one', file: 'mmu/walk.ts', from: '|| !t.walkChoices!.replaceTable(level)', to: '|| false' },
];

test('every walk-cache mutant fails a check', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-walkcache-mutants-'));
  try {
    for (const [k, m] of MUTANTS.entries()) {
      const root = join(dir, String(k));
      for (const layer of ['bits', 'arch', 'memory', 'mmu']) cpSync(fileURLToPath(new URL(`../../src/${layer}`, import.meta.url)), join(root, layer), { recursive: true });
      const path = join(root, m.file);
      const text = readFileSync(path, 'utf8');
      assert.equal(text.split(m.from).length, 2, `mutant: '${m.from}' must occur exactly once in src/${m.file}`);
      writeFileSync(path, text.replace(m.from, m.to));
      const load = async <T>(f: string): Promise<T> => (await import(pathToFileURL(join(root, 'mmu', f)).href)) as T;
      impl = { tlb: await load('tlb.ts'), maintenance: await load('maintenance.ts'), translate: await load('translate.ts'), scratch: await load('scratch.ts') };
      const failed = failingChecks(CHECKS);
      assert.ok(failed.length > 0, `mutant survives: ${m.name}`);
    }
  } finally {
    impl = REAL;
    rmSync(dir, { recursive: true, force: true });
  }
});
