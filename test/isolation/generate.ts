// Hostile programs for the isolation campaign: a list of items, each a few A64 words — random words from the whole
// 32-bit space, MSR/MRS of every register of the system-register table (EL2 and EL3 ones too) and of unallocated
// encodings, HVC/SVC/SMC/HLT/BRK with random immediates and arguments, DC/IC/AT/TLBI of every row of the SYS table,
// WFI/WFE and barriers, ERET with random SPSR and ELR, vector-base games, loads and stores of every size and kind at
// the edges of the context's own memory and just past them or at random IPAs/VAs (≥ 2^44 and ≥ 2^48 included),
// and, for a VM with its own stage 1, rewrites of its own translation tables. A program is deterministic in its
// random stream; items are regenerated at their position when the shrinker removes others (an ERET continues at the
// word after it).
import { SYSOPS } from '../../src/arch/sysops.ts';
import { SYSREGS } from '../../src/arch/sysreg-table.ts';
import * as E from './encode.ts';
import type { Shape } from './shape.ts';

/** A small fast generator (sfc32) seeded from a string: every case's stream depends on (seed, case, purpose) only. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: string) {
    // FNV-1a over the seed, spread into four words
    let h = 0x811c9dc5;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
    this.a = h >>> 0;
    this.b = Math.imul(h ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
    this.c = Math.imul(h ^ 0x7f4a7c15, 0xc2b2ae35) >>> 0;
    this.d = 1;
    for (let i = 0; i < 12; i++) this.u32();
  }
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  /** Uniform in [0, n). */
  int(n: number): number {
    return Math.floor((this.u32() / 4294967296) * n);
  }
  chance(p: number): boolean {
    return this.u32() / 4294967296 < p;
  }
  pick<T>(l: readonly T[]): T {
    return l[this.int(l.length)]!;
  }
  u64(): bigint {
    return (BigInt(this.u32()) << 32n) | BigInt(this.u32());
  }
  /** A random value of `bits` bits (≤ 64). */
  bits(n: number): bigint {
    return BigInt.asUintN(n, this.u64());
  }
}

/** One step of a hostile program: its words at VA `pc`, and what it does. */
export interface Item {
  readonly text: string;
  readonly encode: (pc: bigint) => number[];
}

/** The program's words at VA `base`: the items, then the exit call (X0 = 2, X1 = 0) and a branch to itself. */
export function assemble(items: readonly Item[], base: bigint, el: 0 | 1): number[] {
  const out: number[] = [];
  for (const it of items) out.push(...it.encode(base + BigInt(out.length * 4)));
  out.push(E.movz(0, 2, 0), E.movz(1, 0, 0), el === 1 ? E.hvc(0) : E.svc(0), E.b(0));
  return out;
}

const fixed = (text: string, words: number[]): Item => ({ text, encode: () => words });
const hex = (v: bigint): string => `0x${v.toString(16)}`;

/** Scratch registers of the items (X17 is the hostile VM's vector scratch, SP is 31). */
const REGS = Array.from({ length: 31 }, (_, i) => i).filter((r) => r !== 17);

/** The generator for one shape: its addresses, its EL, its tables. */
export class Generator {
  private readonly edges: bigint[];
  constructor(
    private readonly shape: Shape,
    private readonly r: Rng,
  ) {
    // the edges of its own memory: each region's first and last bytes, and every 4 KiB page boundary inside it
    this.edges = shape.view.flatMap((v) => Array.from({ length: v.size / 0x1000 + 1 }, (_, k) => v.at + BigInt(k * 0x1000)));
  }

  /**
   * A program: `n` items that let it go on (the context keeps running after each), then, half of the time, one that may
   * end it (a branch anywhere, a trap its hypervisor stops it for, an exception its own vectors cannot take).
   */
  program(n: number): Item[] {
    const out: Item[] = [];
    while (out.length < n) {
      const { item, ends } = this.item();
      if (!ends) out.push(item);
    }
    if (this.r.chance(0.5)) out.push(this.item().item);
    return out;
  }

  /** An address worth touching: near an edge of its own memory, another context's or the hypervisor's, or anywhere. */
  address(): bigint {
    const r = this.r;
    const near = (a: bigint): bigint => BigInt.asUintN(64, a + BigInt(r.int(33) - 16));
    switch (r.int(10)) {
      case 0: case 1: case 2: case 3:
        return near(r.chance(0.5) ? r.pick(this.edges) : r.pick(this.shape.view.flatMap((v) => [v.at, v.at + BigInt(v.size)])));
      case 4: case 5:
        return near(r.pick(this.shape.targets));
      case 6:
        return r.pick([r.bits(32), r.bits(40), (1n << 40n) + r.bits(40), (1n << 44n) + r.bits(44), (1n << 48n) + r.bits(48)]);
      case 7:
        return BigInt.asUintN(64, r.pick(this.edges) ^ (1n << BigInt(r.int(64)))); // one bit away from its own memory
      case 8:
        return r.u64();
      default:
        return (0xffffn << 48n) | r.bits(48); // the TTBR1 half
    }
  }

  /** A value for a system register or a call argument. */
  value(): bigint {
    const r = this.r;
    switch (r.int(8)) {
      case 0: return 0n;
      case 1: return (1n << 64n) - 1n;
      case 2: return 1n << BigInt(r.int(64));
      case 3: return BigInt(r.int(256));
      case 4: case 5: return this.address();
      default: return r.u64();
    }
  }

  /** A VM's program, at its EL1 or EL0: its own EL1 vectors step over the exceptions it takes there. */
  private get contained(): boolean {
    return this.shape.vectorsVa !== undefined;
  }

  private reg(): number {
    return this.r.pick(REGS);
  }

  /** An item, and whether it may end the program (`ends`). */
  private item(): { item: Item; ends: boolean } {
    const r = this.r;
    const vm = this.shape.el === 1;
    const kept = this.contained;
    const go = (item: Item): { item: Item; ends: boolean } => ({ item, ends: false });
    const end = (item: Item): { item: Item; ends: boolean } => ({ item, ends: true });
    // weights per kind of item: [at EL1, at EL0]. A VM (at EL1 or EL0) steps over the exceptions its own EL1 takes; an
    // app (and a VM for what traps to EL2) is stopped by its hypervisor at any exception but a call or a data abort.
    const table: [number, number, () => { item: Item; ends: boolean }][] = [
      [8, 4, () => go(this.randomWord())],
      [14, 6, () => this.sysregWrite()],
      [6, 6, () => this.sysregRead()],
      [5, 2, () => this.sysregFlip()],
      [10, 12, () => this.call()],
      [3, 3, () => go(this.print())],
      [30, 40, () => this.memory()],
      [6, 3, () => (kept ? go : end)(this.cache())],
      [4, 1, () => (kept ? go : end)(this.sysop('at'))],
      [5, 1, () => (kept ? go : end)(this.sysop('tlbi'))],
      [4, 4, () => go(this.hint())],
      [6, 1, () => this.eret()],
      [vm ? 4 : 0, 0, () => this.vectorGame()],
      [this.shape.tablesVa !== undefined ? 8 : 0, 0, () => go(this.tableGame())],
      [1, 1, () => end(this.branch())],
      [2, 0, () => go(this.spGame())],
      [2, 1, () => (kept ? go : end)(this.daif())],
    ];
    const weights = table.map((t) => t[vm ? 0 : 1]);
    let k = r.int(weights.reduce((a, b) => a + b, 0));
    for (let i = 0; i < table.length; i++) {
      k -= weights[i]!;
      if (k < 0) return table[i]![2]();
    }
    throw new Error('unreachable');
  }

  private randomWord(): Item {
    const w = this.r.u32();
    return fixed(`.word 0x${w.toString(16)}`, [w]);
  }

  /**
   * A system-register encoding: a row of the table (any EL), or an unallocated op0 = 2/3 encoding; and whether its access
   * may end the program: at EL1, rows whose access the hypervisor traps and denies (debug, PMU, FP/SIMD); at EL0, any
   * row EL0 cannot access ungated (UNDEFINED, or trapped by a closed SCTLR_EL1/CNTKCTL_EL1 gate: both end at the shim).
   */
  private sysEnc(): { enc: E.SysEnc; name: string; ends: boolean } {
    const r = this.r;
    const kept = this.contained;
    if (r.chance(0.9)) {
      const row = r.pick(SYSREGS);
      const ends = kept ? row.mdcrTraps !== undefined || row.fp === true : row.minEl > 0 || row.el0Gate !== undefined || row.fp === true;
      return { enc: row.enc as E.SysEnc, name: row.name, ends };
    }
    const enc: E.SysEnc = [2 + r.int(2), r.int(8), r.int(16), r.int(16), r.int(8)];
    return { enc, name: `S${enc.join('_')}`, ends: !kept };
  }

  private sysregWrite(): { item: Item; ends: boolean } {
    const { enc, name, ends } = this.sysEnc();
    const v = this.value();
    const t = this.reg();
    return { item: fixed(`msr ${name}, x${t} = ${hex(v)}`, [...E.mov64(t, v), E.msr(enc, t)]), ends };
  }

  private sysregRead(): { item: Item; ends: boolean } {
    const { enc, name, ends } = this.sysEnc();
    const t = this.r.int(32);
    return { item: fixed(`mrs x${t}, ${name}`, [E.mrs(enc, t)]), ends };
  }

  private sysregFlip(): { item: Item; ends: boolean } {
    const { enc, name, ends } = this.sysEnc();
    const t = this.reg();
    const bit = this.r.int(64);
    return { item: fixed(`${name} ^= bit ${bit}`, [E.mrs(enc, t), E.eorBit(t, t, bit), E.msr(enc, t)]), ends };
  }

  /** HVC/SVC/SMC/HLT/BRK with X0–X3 from values that mean something to someone (calls, PSCI, semihosting) or anything. */
  private call(): { item: Item; ends: boolean } {
    const r = this.r;
    const vm = this.shape.el === 1;
    const kinds = vm ? ['hvc', 'hvc', 'svc', 'smc', 'hlt', 'brk'] : ['svc', 'svc', 'svc', 'hvc', 'smc', 'hlt', 'brk'];
    const kind = r.pick(kinds);
    // a VM's SMC traps to EL2 (HCR_EL2.TSC) and is denied; at EL0 only SVC is a call (a VM's EL1 makes it one, and
    // steps over the rest)
    const ends = vm ? kind === 'smc' : !this.contained && kind !== 'svc';
    const imm = kind === 'hlt' && r.chance(0.6) ? 0xf000 : r.chance(0.5) ? 0 : r.int(0x10000);
    const fn = (): bigint => {
      switch (r.int(6)) {
        case 0: return BigInt(r.pick([0, 0, 1, 3, 3, 2])); // yield, putc, log, exit (rarely)
        case 1: return 0x8400_0000n + BigInt(r.int(0x20)); // PSCI (SMC32)
        case 2: return 0xc400_0000n + BigInt(r.int(0x20)); // PSCI (SMC64)
        case 3: return BigInt(r.int(0x40)); // semihosting operations
        default: return this.value();
      }
    };
    const args = [fn(), this.value(), this.value(), this.value()];
    const words = args.flatMap((v, i) => E.mov64(i, v));
    const insn = { hvc: E.hvc, svc: E.svc, smc: E.smc, hlt: E.hlt, brk: E.brk }[kind as 'hvc']!(imm);
    return { item: fixed(`${kind} #0x${imm.toString(16)} x0..x3 = ${args.map(hex).join(', ')}`, [...words, insn]), ends };
  }

  /**
   * Text through the hypervisor's putc call (X0 = CALL_PUTC, X1 = the character): pieces of lines that would pass for
   * the hypervisor's or another context's (prefixes, newlines) and random bytes.
   */
  private print(): Item {
    const r = this.r;
    const names = ['hyp', ...this.shape.img.contexts.map((c) => c.name)];
    let text = '';
    for (let k = 1 + r.int(4); k > 0; k--) {
      text += r.pick([`[${r.pick(names)}] `, '\n', 'log 0x0', String.fromCharCode(r.int(256)), 'exit 0x0000000000000000\n']);
    }
    const putc = this.shape.img.symbols.get('CALL_PUTC')!;
    const call = this.shape.el === 1 ? E.hvc(0) : E.svc(0);
    return fixed(`print ${JSON.stringify(text)}`, [...text].flatMap((ch) => [...E.mov64(0, putc), E.movz(1, ch.charCodeAt(0), 0), call]));
  }

  /** A load or store of every kind at an address worth touching (an FP/SIMD one traps to EL2 and ends the program). */
  private memory(): { item: Item; ends: boolean } {
    const r = this.r;
    const simd = r.chance(1 / 12);
    const item = simd ? this.simdAccess() : this.access();
    return { item, ends: simd };
  }

  private simdAccess(): Item {
    const a = this.address();
    const rn = this.reg();
    const load = this.r.chance(0.5);
    return fixed(`${load ? 'ld1' : 'st1'} [x${rn} = ${hex(a)}]`, [...E.mov64(rn, a), E.ld1(load, rn)]);
  }

  private access(): Item {
    const r = this.r;
    const a = this.address();
    const rn = r.chance(0.1) ? 31 : this.reg(); // 31: SP as the base
    const tmp = rn === 31 ? this.pickOther([]) : rn;
    const set = rn === 31 ? [...E.mov64(tmp, a), E.movSp(31, tmp)] : E.mov64(rn, a);
    const rt = this.pickOther([rn]);
    const rt2 = this.pickOther([rn, rt]);
    const rs = this.pickOther([rn, rt, rt2]);
    const value = E.mov64(rt, r.u64());
    const size = r.int(4) as 0 | 1 | 2 | 3;
    const s = 1 << size;
    const at = `${rn === 31 ? 'sp' : `x${rn}`} = ${hex(a)}`;
    switch (r.int(11)) {
      case 0: return fixed(`str${s} [${at}]`, [...set, ...value, E.ldst(size, 0, 0, 0, rn, rt)]);
      case 1: return fixed(`ldr${s} [${at}]`, [...set, E.ldst(size, 1, 0, 0, rn, rt)]);
      case 2: return fixed(`ldrs${s} [${at}]`, [...set, E.ldst(size === 3 ? 2 : size, 2, 0, 0, rn, rt)]);
      case 3: {
        const idx = r.pick([1, 3]);
        const imm = r.int(512) - 256;
        return fixed(`${r.chance(0.5) ? 'ldr' : 'str'}${s} [${at}] ${idx === 1 ? 'post' : 'pre'}-index ${imm}`, [...set, ...value, E.ldst(size, r.int(2), idx, imm, rn, rt)]);
      }
      case 4: {
        const load = r.chance(0.5);
        return fixed(`${load ? 'ldtr' : 'sttr'}${s} [${at}]`, [...set, ...value, E.ldst(size, load ? 1 : 0, 2, 0, rn, rt)]);
      }
      case 5: {
        const load = r.chance(0.5);
        const idx = r.pick([1, 2, 2, 3] as const);
        return fixed(`${load ? 'ldp' : 'stp'} [${at}]`, [...set, ...value, E.ldstp(load, idx, idx === 2 ? 0 : r.int(128) - 64, rt2, rn, rt)]);
      }
      case 6: return fixed(`ldxr${s}/stxr [${at}]`, [...set, E.ldstx(size, 0, 1, 0, 31, 0, 31, rn, rt), ...(r.chance(0.7) ? [E.ldstx(size, 0, 0, 0, rs, 0, 31, rn, rt)] : [])]);
      case 7: return fixed(`stxr${s} [${at}]`, [...set, ...value, E.ldstx(size, 0, 0, 0, rs, r.int(2), 31, rn, rt)]);
      case 8: {
        const load = r.chance(0.5);
        return fixed(`${load ? 'ldar' : 'stlr'}${s} [${at}]`, [...set, ...value, E.ldstx(size, 1, load ? 1 : 0, 0, 31, 1, 31, rn, rt)]);
      }
      case 9: {
        const load = r.chance(0.5);
        const sz = r.pick([2, 3] as const);
        return fixed(`${load ? 'ldxp' : 'stxp'}${4 << (sz - 2)} [${at}]`, [...set, ...value, load ? E.ldstx(sz, 0, 1, 1, 31, 0, rt2, rn, rt) : E.ldstx(sz, 0, 0, 1, rs, 0, rt2, rn, rt)]);
      }
      default: return fixed(`prfm [${at}]`, [...set, E.prfm(r.int(32), rn)]);
    }
  }

  private pickOther(not: readonly number[]): number {
    for (;;) {
      const x = this.reg();
      if (!not.includes(x)) return x;
    }
  }

  private sysop(kind: 'dc' | 'ic' | 'at' | 'tlbi'): Item {
    const op = this.r.pick(SYSOPS.filter((o) => o.kind === kind));
    const t = this.reg();
    const v = kind === 'tlbi' && this.r.chance(0.5) ? this.value() >> 12n : this.address(); // TLBI takes VA[55:12] (and an ASID)
    return fixed(`${kind} ${op.name.toLowerCase()}, x${t} = ${hex(v)}`, [...E.mov64(t, v), E.sys(op.op1, op.crn, op.crm, op.op2, op.xt ? t : 31)]);
  }

  private cache(): Item {
    return this.sysop(this.r.chance(0.8) ? 'dc' : 'ic');
  }

  private hint(): Item {
    const r = this.r;
    const [name, w] = r.pick([
      ['wfi', E.WFI], ['wfe', E.WFE], ['yield', E.YIELD], ['sev', E.SEV], ['sevl', E.SEVL], ['nop', E.NOP], ['clrex', E.CLREX], ['isb', E.ISB],
      ['dsb', E.dsb(r.int(16))], ['dmb', E.dmb(r.int(16))],
    ] as const);
    return fixed(name, [w]);
  }

  /** SPSR_ELx.M values that matter (EL0t, EL1t/h, EL2t/h, EL3h, AArch32 modes) with random DAIF/NZCV/IL/SS, or anything. */
  private spsr(): bigint {
    const r = this.r;
    if (r.chance(0.2)) return r.u64();
    const m = BigInt(r.pick([0, 4, 5, 8, 9, 0xd, 0x10, 0x13, 0x1a, 0x1f, r.int(32)]));
    const daif = BigInt(r.int(16)) << 6n;
    const nzcv = BigInt(r.int(16)) << 28n;
    const il = r.chance(0.1) ? 1n << 20n : 0n;
    const ss = r.chance(0.1) ? 1n << 21n : 0n;
    return m | daif | nzcv | il | ss;
  }

  /** ERET with a random SPSR_EL1 and ELR_EL1 = the word after it (the program goes on, at whatever EL it reached) or anywhere. */
  private eret(): { item: Item; ends: boolean } {
    const spsr = this.spsr();
    const anywhere = this.r.chance(0.2) ? this.address() : undefined;
    // at EL0 ERET is UNDEFINED; at EL1 it goes on at the next word unless sent anywhere
    const ends = this.shape.el === 0 || anywhere !== undefined;
    const text = `eret spsr = ${hex(spsr)} elr = ${anywhere === undefined ? 'next' : hex(anywhere)}`;
    return {
      ends,
      item: { text, encode: (pc) => {
        const head = [...E.mov64(9, spsr), E.msr(SYSREGS.find((x) => x.name === 'SPSR_EL1')!.enc as E.SysEnc, 9)];
        const elrAt = pc + BigInt(head.length * 4);
        const next = elrAt + 6n * 4n; // after the 4 MOVs, the MSR and the ERET
        return [...head, ...E.mov64Fixed(10, anywhere ?? next), E.msr(SYSREGS.find((x) => x.name === 'ELR_EL1')!.enc as E.SysEnc, 10), E.ERET];
      } },
    };
  }

  /**
   * VBAR_EL1 moved, an exception, then its own vectors back: moved by RES0 bits only (the exception still lands on its
   * vectors and the program goes on), or to an address worth touching (the program may end there).
   */
  private vectorGame(): { item: Item; ends: boolean } {
    const r = this.r;
    const wild = r.chance(0.5);
    const vbar = wild ? (r.chance(0.5) ? this.address() & ~0x7ffn : this.address()) : this.shape.vectorsVa! | BigInt(r.int(0x800));
    const trigger = r.pick([E.svc(r.int(0x10000)), E.brk(r.int(0x10000)), 0, E.hlt(0xf000), r.u32()]);
    const vbarEnc = SYSREGS.find((x) => x.name === 'VBAR_EL1')!.enc as E.SysEnc;
    const item = fixed(`vbar_el1 = ${hex(vbar)}; .word 0x${trigger.toString(16)}; vbar_el1 = vectors`, [
      ...E.mov64(9, vbar), E.msr(vbarEnc, 9), E.ISB, trigger, ...E.mov64(9, this.shape.vectorsVa!), E.msr(vbarEnc, 9), E.ISB,
    ]);
    return { item, ends: wild };
  }

  /** Rewrite an entry of its own stage-1 tables (L0 or one of the two L1 tables) with a random descriptor, maybe TLBI, then access it. */
  private tableGame(): Item {
    const r = this.r;
    const tables = this.shape.tablesVa!;
    const level = r.int(3); // 0: L0 (2 entries), 1, 2: the L1 tables
    const index = level === 0 ? r.int(2) : r.chance(0.5) ? 2 : r.int(512); // L1[2] maps its own memory (IPA 0x8000_0000)
    const slot = tables + BigInt(level * 0x1000 + index * 8);
    const va = level === 0 ? (BigInt(index) << 39n) + r.bits(30) : (BigInt(level - 1) << 39n) + (BigInt(index) << 30n) + r.bits(30);
    // an output address worth reaching: another context's IPA or any PA of note, its own, or anywhere ≥ 2^40, 2^44, 2^48
    const oa = r.pick([r.pick(this.shape.targets), r.bits(40), (1n << 40n) + r.bits(40), (1n << 44n) + r.bits(44), r.u64()]) & 0xffff_ffff_f000n;
    const attrs = r.chance(0.7) ? 0x701n | (r.chance(0.3) ? 0x40n : 0n) : r.bits(12) | (r.bits(12) << 52n);
    const desc = r.chance(0.8) ? (oa & ~0x3fff_ffffn) | (attrs & ~2n) | 1n : oa | attrs | 3n;
    const flush = r.chance(0.7);
    const a = this.reg();
    const d = this.pickOther([a]);
    const t = this.pickOther([a, d]);
    const tlbi = SYSOPS.find((o) => o.name === 'VMALLE1')!;
    return fixed(`tables[${level}][${index}] = ${hex(desc)}${flush ? '; tlbi vmalle1' : ''}; ${r.chance(0.5) ? 'ldr' : 'str'} ${hex(va)}`, [
      ...E.mov64(a, slot), ...E.mov64(d, desc), E.ldst(3, 0, 0, 0, a, d), E.dsb(10),
      ...(flush ? [E.sys(tlbi.op1, tlbi.crn, tlbi.crm, tlbi.op2, 31), E.dsb(7)] : []), E.ISB,
      ...E.mov64(a, va), E.ldst(3, r.int(2), 0, 0, a, t),
    ]);
  }

  private branch(): Item {
    const a = this.address();
    const t = this.reg();
    const link = this.r.chance(0.5);
    return fixed(`${link ? 'blr' : 'br'} ${hex(a)}`, [...E.mov64(t, a), link ? E.blr(t) : E.br(t)]);
  }

  private spGame(): Item {
    const r = this.r;
    const a = this.address();
    const t = this.reg();
    return fixed(`spsel #${r.int(2)}; sp = ${hex(a)}`, [E.msrImm(0, 5, r.int(2)), ...E.mov64(t, a), E.movSp(31, t)]);
  }

  private daif(): Item {
    const r = this.r;
    const set = r.chance(0.5);
    const mask = r.int(16);
    return fixed(`daif${set ? 'set' : 'clr'} #${mask}`, [E.msrImm(3, set ? 6 : 7, mask)]);
  }
}
