// MMU benchmark (`npm run bench:mmu`): translations per second that hit the host cache through translate(), and full
// nested walks per second (4K granule, 4-level stage 1 whose every descriptor fetch and output go through a 4-level
// stage 2: 24 descriptor reads per walk; TLB bypassed). Targets (issue 3, idle machine): ≥ 150 M hits/s, ≥ 2 M
// nested walks/s. Figures are best of 3, per CPU second of this process (the machine is shared; load still lowers them).
import { ACC_READ, TranslateResult } from '../src/mmu/result.ts';
import { setupS1El10, setupS2 } from '../src/mmu/params.ts';
import { translate } from '../src/mmu/translate.ts';
import { stage2, walk, WalkOut, WalkParams } from '../src/mmu/walk.ts';
import { rate } from './rate.ts';
import { AF, AP_RW_ALL, makeCtx, MAIR_NORMAL0_DEVICE1, RAM, S2_NORMAL_WB, S2AP_RW, SCTLR_M, Tables, TCR_4K_48 } from '../test/mmu/tables.ts';

const PAGES = 64; // distinct VA pages cycled through (each its own host-cache slot)
const VA_HI = 0x12; // VA 0x12_7654_0000..: bits above 32 set, a 4-level walk
const VA_BASE = 0x7654_0000;
const VA = (i: number) => BigInt(VA_HI) * 0x1_0000_0000n + BigInt(VA_BASE + i * 0x1000);

/** EL1&0 with stage 1 (4K, 48-bit VA, L0 start) and stage 2 (4K, 44-bit IPA, L0 start), VMID 1, all 4 KiB pages. */
function machine() {
  const ctx = makeCtx(undefined, 64 * 1024 * 1024);
  const s2 = new Tables(ctx.mem, 12, 0, 44, RAM + 0x300_0000);
  const s1 = new Tables(ctx.mem, 12, 0, 48, RAM + 0x100_0000);
  for (let i = 0; i < PAGES; i++) s1.map(VA(i), BigInt(RAM + 0x80_0000 + i * 0x1000), 3, AF | AP_RW_ALL);
  // stage 2: identity for the stage-1 tables and the data pages, page by page (4 levels everywhere)
  for (let a = RAM + 0x100_0000; a < s1.next; a += 0x1000) s2.map(BigInt(a), BigInt(a), 3, AF | S2AP_RW | S2_NORMAL_WB);
  for (let i = 0; i < PAGES; i++) s2.map(BigInt(RAM + 0x80_0000 + i * 0x1000), BigInt(RAM + 0x80_0000 + i * 0x1000), 3, AF | S2AP_RW | S2_NORMAL_WB);
  ctx.set('TCR_EL1', TCR_4K_48);
  ctx.set('TTBR0_EL1', BigInt(s1.root));
  ctx.set('MAIR_EL1', MAIR_NORMAL0_DEVICE1);
  ctx.set('SCTLR_EL1', SCTLR_M);
  ctx.set('VTCR_EL2', 20n | (2n << 6n) | (4n << 16n) | (1n << 31n));
  ctx.set('VTTBR_EL2', (1n << 48n) | BigInt(s2.root));
  ctx.set('HCR_EL2', (1n << 31n) | 1n);
  return ctx;
}

const ctx = machine();
const r = new TranslateResult();

function hits(n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (translate(ctx, VA_BASE + (i & (PAGES - 1)) * 0x1000 + 8, VA_HI, ACC_READ, 8, 1, r)) sum += r.pa;
  }
  return sum;
}

const s1p = new WalkParams();
const s2p = new WalkParams();
const o1 = new WalkOut();
const o2 = new WalkOut();

function nestedWalks(n: number): number {
  let sum = 0;
  setupS2(ctx, s2p, null); // no TLB: every descriptor address is walked through stage 2
  for (let i = 0; i < n; i++) {
    const lo = VA_BASE + (i & (PAGES - 1)) * 0x1000;
    if (!setupS1El10(ctx, lo, VA_HI, s1p, r)) throw new Error('bench: stage-1 setup failed');
    s1p.s2 = s2p;
    if (!walk(ctx.mem, s1p, lo, VA_HI, o1, r) || !stage2(ctx.mem, s2p, o1.oa as never, o2, r)) throw new Error('bench: the walk faulted');
    sum += o2.oa;
  }
  return sum;
}

// the two must agree on every output address
const expect = RAM + 0x80_0000 + 8;
if (!translate(ctx, VA_BASE + 8, VA_HI, ACC_READ, 8, 1, r) || r.pa !== expect) throw new Error(`bench: translation gave ${r.pa.toString(16)}`);

const fmt = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const h = rate(hits);
console.log(`host-cache hits through translate(): ${fmt(h.perSecond / 1e6)} M/s (target ≥ 150 M/s)`);
const w = rate(nestedWalks);
console.log(`nested walks, 4K, 4+4 levels, TLB bypassed: ${fmt(w.perSecond / 1e6)} M/s (target ≥ 2 M/s; 24 descriptor reads each)`);
console.log(`(best of 3, per CPU second; on a loaded machine the figures are lower. ${h.check > 0 && w.check > 0 ? '' : 'check failed'})`);
