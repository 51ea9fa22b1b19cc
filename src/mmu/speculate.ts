// Speculative TLB fills for `--sync architectural --speculate` (ARM §D8.16 R SQBCS: while a regime is in context the
// PE may cache any translation its registers allow, at any time; ARCH-NOTES §8, §10). A fill follows a path of valid
// descriptors through the regime's tables, each choice made by the caller's Picker (a seeded generator, or a checker
// enumerating), then walks that address for real (prefetch / stage2), so faulting translations are never cached.
import { PAGE_SIZE, type PhysMemory } from '../memory/phys.ts';
import { asIpa, POW2 } from './addr.ts';
import { s1Enabled, s2Enabled, setupS1El10, setupS1El2, setupS2 } from './params.ts';
import { prefetch, type TranslationContext } from './translate.ts';
import type { MmuScratch } from './scratch.ts';
import { stage2, type WalkParams } from './walk.ts';

/** Where a speculative walk goes: `pick(n)` returns one of 0 … n−1. */
export interface Picker {
  pick(n: number): number;
}

/**
 * Cache one translation of the stage-1 regime of `el` (EL1&0 for 0 and 1, EL2 for 2) — or, with the EL1&0 stage 1
 * off and stage 2 on, one stage-2 translation. Returns true when an entry was cached.
 */
export function speculativeFill(ctx: TranslationContext, el: number, picker: Picker): boolean {
  const m = ctx.scratch;
  const { specS1: s1p, specS2: s2p, specO2: o2, specR: r } = m;
  const sr32 = ctx.sr32;
  if (s1Enabled(sr32, el)) {
    // EL1&0: the TTBR0 or the TTBR1 range (VA[55] selects; all ones above it is inside the TTBR1 range)
    const upper = el < 2 && picker.pick(2) === 1 ? 0xffffffff : 0;
    r.reset();
    if (!(el === 2 ? setupS1El2(ctx, upper, upper, s1p, r) : setupS1El10(ctx, upper, upper, s1p, r)) || s1p.epd) return false;
    const s2on = s2Enabled(sr32, el);
    if (s2on) setupS2(ctx, s2p, ctx.tlb);
    const ia = descend(m, ctx.mem, s1p, s2on ? s2p : null, picker);
    if (ia < 0) return false;
    let lo = ia % 0x1_0000_0000;
    let hi = Math.floor(ia / 0x1_0000_0000);
    if (upper !== 0) {
      // the TTBR1 range: VA[63:inputsize] all ones
      const n = s1p.inputSize;
      if (n >= 32) hi |= ~((2 ** (n - 32)) - 1);
      else {
        hi = 0xffffffff;
        lo |= ~((1 << n) - 1);
      }
    }
    return prefetch(ctx, lo >>> 0, hi >>> 0, el);
  }
  if (el === 2 || !s2Enabled(sr32, el)) return false;
  setupS2(ctx, s2p, ctx.tlb);
  if (s2p.configFault) return false;
  const ipa = descend(m, ctx.mem, s2p, null, picker);
  r.reset();
  return ipa >= 0 && stage2(ctx.mem, s2p, asIpa(ipa), o2, r);
}

/** PA of table address `a` (an IPA when `s2` translates the stage-1 tables), or −1. */
function tablePa(m: MmuScratch, mem: PhysMemory, s2: WalkParams | null, a: number): number {
  if (s2 === null) return a;
  const { specO2: o2, specR: r } = m;
  r.reset();
  return stage2(mem, s2, asIpa(a), o2, r) ? o2.oa : -1;
}

/**
 * Follow valid descriptors from the start table to a leaf, each step choosing among the valid entries; returns the
 * input address of the leaf (bits below the leaf's size zero), or −1 when a table has no valid entry or cannot be read
 * (with a walk cache: the address of the first entry of a table without valid entries, a walk that caches the table
 * descriptors leading there).
 */
function descend(m: MmuScratch, mem: PhysMemory, p: WalkParams, s2: WalkParams | null, picker: Picker): number {
  const stride = p.stride;
  let level = p.startLevel;
  let shift = p.gb + stride * (3 - level);
  let bits = p.inputSize - shift;
  let table = p.base;
  let ia = 0;
  for (;;) {
    if (bits > stride) {
      // concatenated start tables (stage 2): choose one table first
      const sub = picker.pick(2 ** (bits - stride));
      table += sub * 8 * 2 ** stride;
      ia += sub * POW2[shift + stride]!;
      bits = stride;
    }
    const valid = scan(m, mem, s2, table, 2 ** bits);
    // a table with no valid entry below a table descriptor: with a walk cache, the walk to its first entry caches
    // the table descriptors above it and then faults (only the faulting entry is never cached, ARM §D8.16 R XCLRD)
    if (valid === 0 && level > p.startLevel && p.walkTlb !== null) return ia;
    if (valid <= 0) return -1;
    const k = picker.pick(valid);
    m.specDescLo = VALID_LO[k]!;
    m.specDescHi = VALID_HI[k]!;
    ia += VALID_AT[k]! * POW2[shift]!;
    // a table descriptor (bits[1:0] = 11 above level 3) leads on; anything else valid is a leaf candidate
    if ((m.specDescLo & 2) === 0 || level === 3) return ia;
    table = (m.specDescHi & 0xffff) * 0x1_0000_0000 + ((m.specDescLo & ~((1 << p.gb) - 1)) >>> 0);
    level++;
    shift -= stride;
    bits = stride;
  }
}

/** The valid descriptors scan() found: index in the table, halves. A table has at most 2^13 entries (64 KiB granule). */
const MAX_ENTRIES = 1 << 13;
const VALID_AT = new Int32Array(MAX_ENTRIES);
const VALID_LO = new Uint32Array(MAX_ENTRIES);
const VALID_HI = new Uint32Array(MAX_ENTRIES);

/**
 * The number of valid descriptors (bit[0] = 1) among the n at `table`, each one's index and halves left in VALID_AT,
 * VALID_LO, VALID_HI in table order; −1 when part of the table cannot be read. One pass: the table is read (and its
 * addresses translated, 4 KiB at a time) once per choice.
 */
function scan(m: MmuScratch, mem: PhysMemory, s2: WalkParams | null, table: number, n: number): number {
  let count = 0;
  let words: Uint32Array | undefined;
  let w = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0 || ((i * 8) & 0xfff) === 0) {
      const pa = tablePa(m, mem, s2, table + i * 8);
      const page = pa < 0 ? undefined : mem.page(pa);
      if (page === undefined) return -1;
      words = page.u32;
      w = (pa & (PAGE_SIZE - 1)) >>> 2;
    }
    const lo = words![w]!;
    if ((lo & 1) !== 0) {
      VALID_AT[count] = i;
      VALID_LO[count] = lo;
      VALID_HI[count] = words![w + 1]!;
      count++;
    }
    w += 2;
  }
  return count;
}
