// Accesses at every 4 KiB edge (issue 11, "Memory: accesses that cross a page"). Random loads, stores, pairs,
// unprivileged and ordered accesses and DC ZVA, of every size at every alignment around the page edges of a window
// of VA pages, under random stage-1 and stage-2 maps (invalid pages, access flags, permissions, Normal or Device
// memory types, and RAM, a device or no memory behind them), at EL1 or EL0. A byte-by-byte reference predicts what
// each access does: every byte's VA goes through ref-walker.ts (the first byte with the access's alignment, the
// others as Mem[] does them), the first byte that faults is the exception (FAR = its VA), and otherwise the bytes
// are accessed in address order. It predicts each exception (target EL, EC, DFSC, WnR, S1PTW, FAR, HPFAR), the data
// registers, the RAM pages and the device's bytes and access log. The program loops so that its blocks get hot; it
// runs interpreted and translated (src/cpu/jit), both must match the reference, and each other in their whole state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CORTEX_A57 } from '../../src/arch/profiles.ts';
import { SR } from '../../src/arch/sysreg-table.ts';
import { assemble } from '../../src/asm/assemble.ts';
import { Cpu } from '../../src/cpu/cpu.ts';
import { TEST_HOT as HOT } from '../helpers/translate.ts';
import { PC, SP_EL0, SP_EL1, SP_EL2 } from '../../src/cpu/state.ts';
import { type Device, PhysMemory } from '../../src/memory/phys.ts';
import { type RefMachine, type RefRegs, type RefResult, refTranslate } from '../mmu/ref-walker.ts';
import { skipVectors } from '../helpers/vectors.ts';
import { AF, Tables } from '../mmu/tables.ts';

const RAM = 0x4000_0000;
const CODE = 0x4008_0000; // the loop and the vectors, identity-mapped, read-only at EL0 and EL1
const CODE_PAGES = 4;
const DATA = 0x4040_0000; // RAM targets: DATA + r * 4 KiB, PA-adjacent
const RAM_TARGETS = 6;
const MMIO = 0x0a00_0000;
const NOMEM = 0x0c00_0000;
/** The PAs a mapping can lead to: the RAM pages, the device, nothing. */
const TARGETS = [...Array.from({ length: RAM_TARGETS }, (_, r) => DATA + r * 0x1000), MMIO, NOMEM];
/** VA page i of the window is WINDOW + i * 4 KiB; the edge between pages 2 and 3 carries into VA[32]. */
const WINDOW = 0x1_0000_0000 - 3 * 0x1000;
const PAGES = 6;
const IPA_SLOTS = 0x8000_0000; // stage 1 maps onto IPA slot j (IPA_SLOTS + j * 4 KiB) when stage 2 is on
const ITERATIONS = HOT + 8;
const M64 = (1n << 64n) - 1n;

/** A memory-like device that logs every access (the model calls it with the size of each access it makes). */
class LoggingDevice implements Device {
  readonly name = 'logging';
  readonly bytes = new Uint8Array(0x1000).map((_, i) => (i * 7 + 3) & 0xff);
  readonly log: string[] = [];
  read(off: number, size: number): number {
    let v = 0;
    for (let i = 0; i < Math.min(size, 4); i++) v |= this.bytes[off + i]! << (8 * i);
    this.log.push(`r${size}@${off.toString(16)}`);
    return v >>> 0;
  }
  write(off: number, size: number, value: number): void {
    for (let i = 0; i < Math.min(size, 4); i++) this.bytes[off + i] = (value >>> (8 * i)) & 0xff;
    this.log.push(`w${size}@${off.toString(16)}=${(value >>> 0).toString(16)}`);
  }
}

// --- the random world: maps and accesses ---

/**
 * One leaf: invalid, or valid with AF, AP[2:1] (stage 1) or S2AP (stage 2), memory type and where it leads; mostly a
 * page every access may use, so that accesses also complete across edges.
 */
const leaf = fc.record({
  valid: fc.integer({ min: 0, max: 15 }).map((v) => v !== 0),
  af: fc.integer({ min: 0, max: 23 }).map((v) => v !== 0),
  perm: fc.oneof({ weight: 6, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 3 }) }), // -1: read/write for all
  device: fc.integer({ min: 0, max: 9 }).map((v) => v === 0),
  to: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: RAM_TARGETS - 1 }) }, { weight: 2, arbitrary: fc.integer({ min: RAM_TARGETS, max: TARGETS.length - 1 }) }),
});
type Leaf = typeof leaf extends fc.Arbitrary<infer T> ? T : never;

const world = fc.record({
  mode: fc.constantFrom('s1+s2', 's1+s2', 's1+s2', 's1', 's1', 's2'),
  el: fc.constantFrom(0, 1),
  s1: fc.array(leaf, { minLength: PAGES, maxLength: PAGES }),
  s2: fc.array(leaf, { minLength: PAGES, maxLength: PAGES }),
});
type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

interface Kind {
  readonly mn: string;
  /** Register width of Rt: 'w' or 'x' ('x' for DC ZVA's Xt). */
  readonly reg: 'w' | 'x';
  /** Bytes per element (DC ZVA: the 64-byte block). */
  readonly bytes: number;
}
const single = (mns: string[], reg: 'w' | 'x', bytes: number): Kind[] => mns.map((mn) => ({ mn, reg, bytes }));
const KINDS: readonly Kind[] = [
  ...single(['strb', 'sturb', 'sttrb', 'stlrb', 'ldrb', 'ldurb', 'ldtrb', 'ldarb'], 'w', 1),
  ...single(['strh', 'sturh', 'sttrh', 'stlrh', 'ldrh', 'ldurh', 'ldtrh', 'ldarh'], 'w', 2),
  ...single(['str', 'stur', 'sttr', 'stlr', 'ldr', 'ldur', 'ldtr', 'ldar'], 'w', 4),
  ...single(['str', 'stur', 'sttr', 'stlr', 'ldr', 'ldur', 'ldtr', 'ldar'], 'x', 8),
  ...single(['ldrsb', 'ldursb', 'ldtrsb'], 'x', 1), ...single(['ldrsb', 'ldursb', 'ldtrsb'], 'w', 1),
  ...single(['ldrsh', 'ldursh', 'ldtrsh'], 'x', 2), ...single(['ldrsh', 'ldursh', 'ldtrsh'], 'w', 2),
  ...single(['ldrsw', 'ldursw', 'ldtrsw'], 'x', 4),
  ...single(['stp', 'stnp', 'ldp', 'ldnp'], 'w', 4), ...single(['stp', 'stnp', 'ldp', 'ldnp', 'ldpsw'], 'x', 8).map((k) => (k.mn === 'ldpsw' ? { ...k, bytes: 4 } : k)),
  { mn: 'dc zva', reg: 'x', bytes: 64 },
];
const isPair = (k: Kind) => /^(st|ld)n?p/.test(k.mn);
const isLoad = (k: Kind) => k.mn.startsWith('ld');
const isOrdered = (k: Kind) => /^(ldar|stlr)/.test(k.mn);
const isUnpriv = (k: Kind) => /^(ld|st)tr/.test(k.mn);
const isSigned = (k: Kind) => /^ld(u|t)?r?s[bhw]|^ldpsw/.test(k.mn);

/**
 * The access: its kind, the page edge (0 … PAGES, the outer two lead out of the window) and where it lies against
 * the edge — across it, near it, or anywhere in the pages around it — and its registers.
 */
const access = fc.record({
  kind: fc.integer({ min: 0, max: KINDS.length - 1 }),
  edge: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 1, max: PAGES - 1 }) }, { weight: 1, arbitrary: fc.constantFrom(0, PAGES) }),
  place: fc.constantFrom('across', 'across', 'across', 'near', 'near', 'anywhere'),
  offset: fc.nat(),
  rt: fc.integer({ min: 0, max: 9 }),
  rt2: fc.integer({ min: 1, max: 9 }),
});
type Access = typeof access extends fc.Arbitrary<infer T> ? T : never;

const DATA_REG = 16; // Rt, Rt2 are x16 … x25; access i addresses [x(1 + i)]
/** Bytes the access spans (a pair: both registers). */
const span = (k: Kind): number => (isPair(k) ? 2 * k.bytes : k.bytes);
function addressOf(a: Access): bigint {
  const n = span(KINDS[a.kind]!);
  const delta =
    a.place === 'across' && n > 1 ? -1 - (a.offset % (n - 1)) : a.place === 'anywhere' ? (a.offset % 4096) - 2048 : (a.offset % 34) - 17;
  return BigInt(WINDOW + a.edge * 0x1000 + delta);
}
const regsOf = (a: Access): [number, number] => [DATA_REG + a.rt, DATA_REG + ((a.rt + a.rt2) % 10)];

function insnText(a: Access, i: number): string {
  const k = KINDS[a.kind]!;
  const [t, t2] = regsOf(a);
  if (k.mn === 'dc zva') return `dc zva, x${1 + i}`;
  if (isPair(k)) return `${k.mn} ${k.reg}${t}, ${k.reg}${t2}, [x${1 + i}]`;
  return `${k.mn} ${k.reg}${t}, [x${1 + i}]`;
}

/** The loop over the accesses, and vectors that skip the faulting instruction (x26 counts them, x27 = ELR + 4). */
function program(accesses: readonly Access[]): { bytes: Uint8Array; body: number; vbar1: number; vbar2: number } {
  const src = `body:
${accesses.map((a, i) => `    ${insnText(a, i)}`).join('\n')}
    subs x28, x28, #1
    b.ne body
1:  b 1b
    .balign 2048
vectors_el1:
${skipVectors(1)}vectors_el2:
${skipVectors(2)}`;
  const r = assemble('cross-page.S', src, { base: BigInt(CODE) });
  assert.deepEqual(r.diagnostics, []);
  const sym = (n: string) => Number(r.symbols.find((s) => s.name === n)!.addr);
  return { bytes: r.sections[0]!.bytes, body: sym('body'), vbar1: sym('vectors_el1'), vbar2: sym('vectors_el2') };
}

// --- the machine: tables for the world, registers ---

const S1_NORMAL = AF | (3n << 8n); // AttrIndx 0 (MAIR Attr0 Normal WB), inner shareable
const MAIR = 0xffn; // Attr0 Normal write-back, Attr1 Device-nGnRnE

function leafAttrs(l: Leaf, stage: 1 | 2): bigint {
  const af = l.af ? AF : 0n;
  const perm = BigInt(l.perm >= 0 ? l.perm : stage === 1 ? 1 : 3) << 6n; // AP[2:1] (01: EL0 and EL1 RW) or S2AP[1:0]
  if (stage === 1) return af | perm | (l.device ? 1n << 2n : 3n << 8n);
  return af | perm | (l.device ? 0n : (0xfn << 2n) | (3n << 8n)); // MemAttr 0000 Device-nGnRnE, 1111 Normal WB
}

interface Machine {
  readonly cpu: Cpu;
  readonly device: LoggingDevice;
  readonly regs: RefRegs;
}

function build(w: World, accesses: readonly Access[], init: readonly bigint[], translate: boolean): Machine {
  const mem = new PhysMemory(RAM, 64 * 1024 * 1024);
  const device = new LoggingDevice();
  mem.mapDevice(MMIO, 0x1000, device);
  const image = program(accesses);
  mem.writeBytes(CODE, image.bytes);
  for (let r = 0; r < RAM_TARGETS; r++) {
    mem.writeBytes(DATA + r * 0x1000, Uint8Array.from({ length: 0x1000 }, (_, i) => (r * 37 + i * 11 + 5) & 0xff));
  }
  const s1on = w.mode !== 's2';
  const s2on = w.mode !== 's1';
  const s1 = new Tables(mem, 12, 0, 48, 0x4100_0000);
  const s2 = new Tables(mem, 12, 0, 44, 0x4200_0000);
  const s2Identity = (a: number) => s2.map(BigInt(a), BigInt(a), 3, AF | (0xfn << 2n) | (3n << 8n) | (3n << 6n));
  for (let p = 0; p < CODE_PAGES; p++) {
    const a = CODE + p * 0x1000;
    s1.map(BigInt(a), BigInt(a), 3, S1_NORMAL | (3n << 6n)); // AP = 11: read-only, executable at EL0 and EL1
    s2Identity(a);
  }
  for (let i = 0; i < PAGES; i++) {
    const va = WINDOW + i * 0x1000;
    if (s1on) {
      const l = w.s1[i]!;
      const out = s2on ? IPA_SLOTS + (l.to % PAGES) * 0x1000 : TARGETS[l.to]!;
      if (l.valid) s1.map(BigInt(va), BigInt(out), 3, leafAttrs(l, 1));
    }
    if (s2on) {
      const l = w.s2[i]!;
      const ipa = s1on ? IPA_SLOTS + i * 0x1000 : va; // slot i, or (stage 1 off) window page i as an IPA
      if (l.valid) s2.map(BigInt(ipa), BigInt(TARGETS[l.to]!), 3, leafAttrs(l, 2));
    }
  }
  for (let a = 0x4100_0000; a < s1.next; a += 0x1000) s2Identity(a); // stage-1 walks read their tables through stage 2
  const c = new Cpu(CORTEX_A57, mem);
  c.reset(BigInt(image.body));
  const sctlr1 = c.sr[SR.SCTLR_EL1]! | (1n << 14n) | (s1on ? 1n : 0n); // DZE: EL0 may use DC ZVA; M
  const regs: RefRegs = {
    SCTLR_EL1: sctlr1, SCTLR_EL2: c.sr[SR.SCTLR_EL2]!, TCR_EL1: 16n | (2n << 30n) | (4n << 32n) | (1n << 23n), TCR_EL2: c.sr[SR.TCR_EL2]!,
    TTBR0_EL1: BigInt(s1.root), TTBR1_EL1: 0n, TTBR0_EL2: 0n,
    VTCR_EL2: 20n | (2n << 6n) | (4n << 16n) | (1n << 31n), // 44-bit IPA, 4K, start level 0, PS 44 bits
    VTTBR_EL2: (1n << 48n) | BigInt(s2.root), HCR_EL2: (1n << 31n) | (s2on ? 1n : 0n), MAIR_EL1: MAIR,
  };
  for (const [name, v] of Object.entries(regs)) c.sr[SR[name as keyof RefRegs]] = v;
  c.sr[SR.VBAR_EL1] = BigInt(image.vbar1);
  c.sr[SR.VBAR_EL2] = BigInt(image.vbar2);
  c.setElSp(w.el, w.el === 0 ? 0 : 1);
  accesses.forEach((a, i) => (c.x[1 + i] = addressOf(a)));
  init.forEach((v, i) => (c.x[DATA_REG + i] = v));
  c.x[28] = BigInt(ITERATIONS);
  c.translateBlocks = translate;
  c.translateAfter = HOT;
  return { cpu: c, device, regs };
}

// --- the reference ---

interface Exc {
  target: number;
  ec: number;
  dfsc: number;
  wnr: number;
  s1ptw: number;
  far: bigint;
  hpfar?: bigint;
}

const DFSC: Record<string, number> = { addrsize: 0x00, translation: 0x04, accessflag: 0x08, permission: 0x0c, extwalk: 0x14, alignment: 0x21 };
/** DFSC of a reference fault: the kind's code, plus the level for MMU faults (ARM §D24.2.46). */
const dfscOf = (r: RefResult): number => DFSC[r.fault]! | (r.fault === 'alignment' ? 0 : r.level);
const EXTERNAL = 0x10;

/** The bytes of one element: the PA of each, or the exception the first one that faults takes. */
type Bytes = { pas: number[] } | { exc: Exc };

class Reference {
  readonly ram: Uint8Array;
  readonly device = new LoggingDevice();
  readonly x: bigint[];
  readonly excs: Exc[] = [];
  /** Elements that spanned two pages and completed; faults taken on the second page of one. */
  crossedOk = 0;
  secondPageFaults = 0;
  private readonly m: RefMachine;

  constructor(
    cpu: Cpu,
    private readonly el: number,
    regs: RefRegs,
  ) {
    this.ram = cpu.mem.readBytes(DATA, RAM_TARGETS * 0x1000);
    this.x = [...cpu.x].slice(0, 31);
    const mem = cpu.mem;
    this.m = {
      regs, paRange: CORTEX_A57.paRange, granules: CORTEX_A57.granules,
      read: (pa) => (mem.isRam(Number(pa), 8) ? mem.readU64(Number(pa)) : undefined),
    };
  }

  private exc(el: number, stage2: boolean, fault: number, write: boolean, s1ptw: boolean, far: bigint, ipa: bigint): Exc {
    const target = stage2 ? 2 : 1; // HCR_EL2.TGE = 0: stage-1 faults from EL0 and EL1 go to EL1
    const e: Exc = { target, ec: target > el ? 0x24 : 0x25, dfsc: fault, wnr: write && !s1ptw ? 1 : 0, s1ptw: s1ptw ? 1 : 0, far };
    if (stage2) e.hpfar = (ipa >> 12n) << 4n;
    return e;
  }

  /** Translate each byte of an element at `va` (ARM J1.1 Mem[]: byte 0 with the access's alignment, the rest aligned). */
  private translate(va: bigint, size: number, write: boolean, el: number, unaligned: boolean): Bytes {
    const pas: number[] = [];
    for (let i = 0; i < size; i++) {
      const bva = (va + BigInt(i)) & M64;
      const r = refTranslate(this.m, bva, write ? 'w' : 'r', el, unaligned && i === 0 ? 'unaligned' : 'aligned');
      if (r.fault !== 'none') return { exc: this.exc(this.el, r.stage2, dfscOf(r), write, r.s1ptw, bva, r.ipa) };
      pas.push(Number(r.pa));
    }
    return { pas };
  }

  private where(pa: number): 'ram' | 'device' | 'none' {
    if (pa >= RAM && pa < RAM + 64 * 1024 * 1024) return 'ram';
    return pa >= MMIO && pa < MMIO + 0x1000 ? 'device' : 'none';
  }

  /**
   * Read an element's bytes: within a page, one device access of its size, or unaligned the two aligned ones that
   * cover it (QEMU 7.2 cputlb.c load_helper); byte by byte across two pages (or an abort).
   */
  private read(va: bigint, pas: number[]): bigint | Exc {
    const split = ((va & 0xfffn) + BigInt(pas.length)) > 0x1000n;
    if (!split && this.where(pas[0]!) === 'device') {
      const n = pas.length;
      const off = pas[0]! - MMIO;
      const skew = off % n;
      if (skew === 0) return BigInt(this.device.read(off, n));
      const pair = BigInt(this.device.read(off - skew, n)) | (BigInt(this.device.read(off - skew + n, n)) << BigInt(8 * n));
      return (pair >> BigInt(8 * skew)) & ((1n << BigInt(8 * n)) - 1n);
    }
    let v = 0n;
    for (let i = 0; i < pas.length; i++) {
      const pa = pas[i]!;
      const at = this.where(pa);
      if (at === 'none') return this.exc(this.el, false, EXTERNAL, false, false, (va + BigInt(i)) & M64, 0n);
      const b = at === 'ram' ? this.ramByte(pa) : this.device.read(pa - MMIO, 1) & 0xff;
      v |= BigInt(b) << BigInt(8 * i);
    }
    return v;
  }

  private write(va: bigint, pas: number[], value: bigint): Exc | undefined {
    const split = ((va & 0xfffn) + BigInt(pas.length)) > 0x1000n;
    // within a page, one device access of its size, or unaligned one per byte (QEMU 7.2 cputlb.c store_helper_unaligned)
    if (!split && this.where(pas[0]!) === 'device' && (pas[0]! - MMIO) % pas.length === 0) {
      this.device.write(pas[0]! - MMIO, pas.length, Number(value & 0xffff_ffffn));
      return undefined;
    }
    for (let i = 0; i < pas.length; i++) {
      const pa = pas[i]!;
      const at = this.where(pa);
      if (at === 'none') return this.exc(this.el, false, EXTERNAL, true, false, (va + BigInt(i)) & M64, 0n);
      const b = Number((value >> BigInt(8 * i)) & 0xffn);
      if (at === 'ram') this.setRamByte(pa, b);
      else this.device.write(pa - MMIO, 1, b);
    }
    return undefined;
  }

  private ramByte(pa: number): number {
    const off = pa - DATA;
    assert.ok(off >= 0 && off < this.ram.length, `reference: PA 0x${pa.toString(16)} outside the data pages`);
    return this.ram[off]!;
  }

  private setRamByte(pa: number, b: number): void {
    this.ramByte(pa);
    this.ram[pa - DATA] = b;
  }

  /** Run access `a` (instruction i of the body at address `pc`). */
  step(a: Access, i: number, pc: bigint): void {
    const k = KINDS[a.kind]!;
    const va = this.x[1 + i]!;
    const el = isUnpriv(k) ? 0 : this.el; // LDTR/STTR at EL1 use EL0's permissions
    const [t, t2] = regsOf(a);
    const fault = (e: Exc) => {
      this.excs.push(e);
      this.x[26] = (this.x[26]! + 1n) & M64;
      this.x[27] = pc + 4n;
    };
    if (k.mn === 'dc zva') {
      const block = va & ~63n;
      // DC ZVA: Device memory at either stage takes an Alignment fault; FAR = the register's address (ARM §D24.2.48)
      const r = refTranslate(this.m, block, 'w', el, 'dc-zero');
      if (r.fault !== 'none') return fault(this.exc(this.el, r.stage2, dfscOf(r), true, r.s1ptw, va, r.ipa));
      for (let o = 0n; o < 64n; o += 8n) {
        const b = this.translate(block + o, 8, true, el, false);
        // byte writes (QEMU 7.2 helper_dczva, to a device; RAM ends the same)
        let e = 'exc' in b ? b.exc : undefined;
        for (let i = 0; !('exc' in b) && i < 8 && e === undefined; i++) e = this.write(block + o + BigInt(i), [b.pas[i]!], 0n);
        if (e !== undefined) return fault({ ...e, far: va }); // an external abort too: FAR = Xt
      }
      return;
    }
    const load = isLoad(k);
    const n = isPair(k) ? 2 : 1;
    const size = k.bytes;
    // ordered accesses must be aligned whatever the memory type: Alignment fault before translation
    if (isOrdered(k) && (va & BigInt(size - 1)) !== 0n) return fault(this.exc(this.el, false, DFSC.alignment!, !load, false, va, 0n));
    const values: bigint[] = [];
    for (let e = 0; e < n; e++) {
      const eva = (va + BigInt(e * size)) & M64;
      const crosses = (eva & 0xfffn) + BigInt(size) > 0x1000n;
      const b = this.translate(eva, size, !load, el, (eva & BigInt(size - 1)) !== 0n);
      if ('exc' in b) {
        if (crosses && b.exc.far !== eva) this.secondPageFaults++;
        return fault(b.exc);
      }
      if (crosses) this.crossedOk++;
      if (load) {
        const v = this.read(eva, b.pas);
        if (typeof v !== 'bigint') return fault(v);
        values.push(v);
      } else {
        const src = this.x[e === 0 ? t : t2]!;
        const err = this.write(eva, b.pas, src);
        if (err !== undefined) return fault(err);
      }
    }
    if (!load) return;
    const bits = BigInt(size * 8);
    const ext = (v: bigint): bigint => {
      if (!isSigned(k)) return v;
      const s = BigInt.asIntN(Number(bits), v);
      return k.reg === 'w' ? BigInt.asUintN(32, s) : BigInt.asUintN(64, s);
    };
    this.x[t] = ext(values[0]!);
    if (n === 2) this.x[t2] = ext(values[1]!);
  }
}

// --- comparison ---

function excOf(c: Cpu): Exc {
  const target = c.el;
  const esr = Number(c.sr[target === 2 ? SR.ESR_EL2 : SR.ESR_EL1]!);
  const e: Exc = {
    target, ec: esr >>> 26, dfsc: esr & 0x3f, wnr: (esr >>> 6) & 1, s1ptw: (esr >>> 7) & 1,
    far: c.sr[target === 2 ? SR.FAR_EL2 : SR.FAR_EL1]!,
  };
  if (target === 2) e.hpfar = c.sr[SR.HPFAR_EL2]!; // only stage-2 faults go to EL2 here
  return e;
}

function run(m: Machine): Exc[] {
  const excs: Exc[] = [];
  m.cpu.traceException = (c) => excs.push(excOf(c));
  for (let done = 0; done < 20_000; done += 997) m.cpu.run(997);
  return excs;
}

function state(m: Machine): unknown {
  const c = m.cpu;
  return {
    x: [...c.x].slice(0, 31).map((v) => v.toString(16)), sp: [SP_EL0, SP_EL1, SP_EL2].map((s) => c.x[s]!.toString(16)),
    pc: c.x[PC]!.toString(16), el: c.el, icount: c.icount, sr: [...c.sr].map((v) => v.toString(16)),
    ram: Buffer.from(c.mem.readBytes(DATA, RAM_TARGETS * 0x1000)).toString('hex'),
    device: Buffer.from(m.device.bytes).toString('hex'), log: m.device.log,
  };
}

const show = (e: Exc) => `EL${e.target} EC 0x${e.ec.toString(16)} DFSC 0x${e.dfsc.toString(16)} WnR ${e.wnr} FAR 0x${e.far.toString(16)}${e.hpfar === undefined ? '' : ` HPFAR 0x${e.hpfar.toString(16)}`}`;

test('property: accesses at every 4 KiB edge do what a byte-by-byte reference translation says, interpreted and translated', () => {
  let crossedOk = 0;
  let secondPage = 0;
  fc.assert(
    fc.property(
      world,
      fc.array(access, { minLength: 3, maxLength: 12 }),
      fc.array(fc.bigInt({ min: 0n, max: M64 }), { minLength: 10, maxLength: 10 }),
      (w, accesses, init) => {
        const interpreted = build(w, accesses, init, false);
        const ref = new Reference(interpreted.cpu, w.el, interpreted.regs);
        const body = BigInt(program(accesses).body);
        for (let it = 0; it < ITERATIONS; it++) accesses.forEach((a, i) => ref.step(a, i, body + BigInt(4 * i)));
        const excs = run(interpreted);
        const where = `${w.mode} EL${w.el}: ${accesses.map((a, i) => `${insnText(a, i)} @0x${addressOf(a).toString(16)}`).join('; ')}`;
        assert.equal(interpreted.cpu.x[28], 0n, `${where}: the loop did not finish`);
        assert.deepEqual(excs.map(show), ref.excs.map(show), `${where}: exceptions`);
        for (let r = DATA_REG; r < DATA_REG + 10; r++) assert.equal(interpreted.cpu.x[r], ref.x[r], `${where}: x${r}`);
        assert.equal(interpreted.cpu.x[26], ref.x[26], `${where}: faults`);
        const ram = interpreted.cpu.mem.readBytes(DATA, RAM_TARGETS * 0x1000);
        const at = ram.findIndex((b, i) => b !== ref.ram[i]);
        assert.equal(at, -1, `${where}: RAM at PA 0x${(DATA + at).toString(16)} is 0x${ram[at]?.toString(16)}, the reference says 0x${ref.ram[at]?.toString(16)}`);
        assert.deepEqual(interpreted.device.log, ref.device.log, `${where}: device accesses`);
        assert.deepEqual(interpreted.device.bytes, ref.device.bytes, `${where}: device bytes`);
        const translated = build(w, accesses, init, true);
        run(translated);
        assert.deepEqual(state(translated), state(interpreted), `${where}: translated and interpreted differ`);
        if (ref.crossedOk > 0) crossedOk++;
        if (ref.secondPageFaults > 0) secondPage++;
      },
    ),
    { numRuns: 200 },
  );
  // programs in which an access crossed a page edge and completed, and in which one faulted on its second page
  assert.ok(crossedOk > 40 && secondPage > 30, `only ${crossedOk} programs completed an access across a page edge, ${secondPage} faulted on a second page`);
});
