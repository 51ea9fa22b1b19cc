// The quick rules without a context pair (`twostage check SWITCH.S`): follow every path of the switch's control
// flow from its first instruction — B, BL/RET, conditional branches, literal-pool and table loads — working out
// the constants it can (MOVZ/MOVK/ORR/ADD/shifts, ADR/ADRP, LDR from the assembled image, CMP/TST flags) and
// feeding each path to the rule machine (rule-machine.ts). A branch whose condition it cannot work out is followed
// both ways; a finding that occurs only beyond such a branch is a warning (which way the switch goes depends on the
// contexts: `--from/--to` settles it), one on a path decided by constants is an error. Code no path reaches (an
// exception vector, a routine entered from elsewhere) is entered with nothing known. Paths that reach a point in
// the same state are merged; a loop forgets the registers, flags and stores it changes after LOOP_VISITS passes
// (a join with what was known when the loop was first entered); the whole analysis
// stops at a bound on states and says so (a `not-proven` finding).
// Stores through an unknown address are assumed not to hit the switch's own code and data.
import { decodeBitMasks } from '../arch/a64/bitmask.ts';
import type { Finding } from './findings.ts';
import { type Insn, type Program, readImage } from './program.ts';
import { type PathFinding, type RuleContext, RuleMachine, sortFindings, type Step, toFinding } from './rule-machine.ts';

const M64 = (1n << 64n) - 1n;
const M32 = (1n << 32n) - 1n;
/** After this many passes through one instruction (with one return address), a path there is widened: joined with its
 * first pass (widen). */
const LOOP_VISITS = 24;
/** Passes through one instruction, whatever the return address, after which a path forgets everything there. */
const FORGET_ALL_VISITS = 16 * LOOP_VISITS;
/** Default bound on explored states. */
export const MAX_STATIC_STATES = 50_000;

/** What is known of a general register. */
interface RegValue {
  readonly v?: bigint;
  /** Built by a shift left of 16 (LSL #16, MOVZ …, LSL #16). */
  readonly shl16?: boolean;
}
const UNKNOWN: RegValue = {};

/** The first branch on a path that constants could not decide, and the way the path went. */
interface Fork {
  readonly insn: Insn;
  readonly taken: boolean;
}

interface PathState {
  pc: bigint;
  /** X0–X30 (index 31 unused). */
  regs: RegValue[];
  /** NZCV in bits 3:0, or −1 when unknown. */
  nzcv: number;
  /** Stores to known addresses: the value, or null when unknown. */
  mem: Map<bigint, bigint | null>;
  machine: RuleMachine;
  fork: Fork | undefined;
}

export interface StaticResult {
  readonly findings: Finding[];
  /** States explored; `bounded` when the bound stopped the analysis. */
  readonly states: number;
  readonly bounded: boolean;
}

const sext = (v: number, bits: number): number => (v << (32 - bits)) >> (32 - bits);

/** ConditionHolds (ARM J1.3) for a known NZCV. */
function conditionHolds(cond: number, nzcv: number): boolean {
  const n = (nzcv >> 3) & 1;
  const z = (nzcv >> 2) & 1;
  const c = (nzcv >> 1) & 1;
  const v = nzcv & 1;
  let r: boolean;
  switch (cond >> 1) {
    case 0: r = z === 1; break;
    case 1: r = c === 1; break;
    case 2: r = n === 1; break;
    case 3: r = v === 1; break;
    case 4: r = c === 1 && z === 0; break;
    case 5: r = n === v; break;
    case 6: r = n === v && z === 0; break;
    default: r = true;
  }
  return (cond & 1) === 1 && cond !== 15 ? !r : r;
}

/** AddWithCarry (ARM J1.3): result and NZCV of x + y + carry at `bits`. */
function addWithCarry(x: bigint, y: bigint, carry: bigint, bits: 32 | 64): [bigint, number] {
  const mask = bits === 64 ? M64 : M32;
  const sign = 1n << BigInt(bits - 1);
  const sx = (a: bigint): bigint => (a & sign ? a - (mask + 1n) : a);
  const usum = (x & mask) + (y & mask) + carry;
  const ssum = sx(x & mask) + sx(y & mask) + carry;
  const result = usum & mask;
  const n = result & sign ? 8 : 0;
  const z = result === 0n ? 4 : 0;
  const c = usum !== result ? 2 : 0;
  const v = sx(result) !== ssum ? 1 : 0;
  return [result, n | z | c | v];
}

function shiftReg(v: bigint, type: number, amount: number, bits: 32 | 64): bigint {
  const mask = bits === 64 ? M64 : M32;
  const a = BigInt(amount);
  switch (type) {
    case 0: return (v << a) & mask;
    case 1: return (v & mask) >> a;
    case 2: {
      const sign = 1n << BigInt(bits - 1);
      const s = v & sign ? (v & mask) - (mask + 1n) : v & mask;
      return (s >> a) & mask;
    }
    default: return amount === 0 ? v & mask : (((v & mask) >> a) | (v << BigInt(bits - amount))) & mask;
  }
}

/** The part of a path state that widening joins. */
interface Widened {
  readonly regs: readonly RegValue[];
  readonly nzcv: number;
  readonly mem: ReadonlyMap<bigint, bigint | null>;
}

/**
 * Widening at a loop head: keep what is the same as when the head was first reached and forget the rest — the
 * registers, flags and stored values the loop changes. Forgetting everything lost X30 and with it the RET of every
 * subroutine holding a long loop; clearing the stores made later loads read the image's initial values instead of
 * "unknown".
 */
function widen(s: PathState, first: Widened): void {
  for (let r = 0; r < s.regs.length; r++) {
    const a = s.regs[r]!, b = first.regs[r]!;
    if (a.v === undefined || a.v !== b.v || a.shl16 !== b.shl16) s.regs[r] = UNKNOWN;
  }
  if (s.nzcv !== first.nzcv) s.nzcv = -1;
  for (const [addr, v] of s.mem) if (first.mem.get(addr) !== v) s.mem.set(addr, null);
}

class Interpreter {
  private readonly byAddr: Map<bigint, Insn>;
  private readonly end: bigint;
  readonly found = new Map<string, { f: PathFinding; decided: boolean; fork: Fork | undefined }>();
  private readonly visited = new Set<string>();
  /** Passes through an instruction, by instruction ("pc") and by instruction and return address ("pc:x30"). */
  private readonly visits = new Map<string, number>();
  /** What was known when a path first reached an instruction with that return address ("pc:x30"): the other side of
   * the widening join. */
  private readonly firstSeen = new Map<string, Widened>();
  states = 0;
  bounded = false;

  constructor(private readonly p: Program, private readonly ctx: RuleContext, private readonly maxStates: number) {
    this.byAddr = new Map(p.insns.map((i) => [i.addr, i]));
    const last = p.insns.at(-1);
    this.end = last === undefined ? 0n : last.addr + 4n;
  }

  run(): void {
    const reached = new Set<bigint>();
    for (;;) {
      const entry = this.p.insns.find((i) => !reached.has(i.addr));
      if (entry === undefined || this.bounded) return;
      this.explore(entry.addr, reached);
    }
  }

  private explore(entry: bigint, reached: Set<bigint>): void {
    const stack: PathState[] = [{ pc: entry, regs: new Array<RegValue>(31).fill(UNKNOWN), nzcv: -1, mem: new Map(), machine: new RuleMachine(this.ctx), fork: undefined }];
    while (stack.length > 0) {
      const s = stack.pop()!;
      for (;;) {
        const insn = this.byAddr.get(s.pc);
        if (insn === undefined) {
          // ran off the end of the sequence: into the ERET `check` appends; any other address leaves the switch
          if (s.pc === this.end) this.finish(s, undefined);
          break;
        }
        reached.add(s.pc);
        this.widenLoops(s);
        const key = this.key(s);
        if (this.visited.has(key)) break;
        this.visited.add(key);
        if (++this.states > this.maxStates) {
          this.bounded = true;
          return;
        }
        const next = this.step(s, insn);
        if (next === null) break;
        if (next.length === 2) stack.push(next[1]!);
        if (next.length === 0) break;
      }
    }
  }

  /**
   * Passes are counted per instruction and return address (X30), so that a subroutine called from several places is
   * widened against its own call's first pass (one call string, as context-sensitive analyses keep). A path still
   * looping long after that (a loop that changes X30 itself, a RET into its own subroutine) forgets everything, X30
   * with it, and so ends at its next indirect branch: the bound that keeps every analysis finite.
   */
  private widenLoops(s: PathState): void {
    const pc = s.pc.toString(16);
    const at = `${pc}:${s.regs[30]!.v?.toString(16) ?? '?'}`;
    const n = (this.visits.get(at) ?? 0) + 1;
    this.visits.set(at, n);
    const all = (this.visits.get(pc) ?? 0) + 1;
    this.visits.set(pc, all);
    if (n === 1) this.firstSeen.set(at, { regs: [...s.regs], nzcv: s.nzcv, mem: new Map(s.mem) });
    if (n > 2 * LOOP_VISITS || all > FORGET_ALL_VISITS) {
      s.regs.fill(UNKNOWN);
      s.nzcv = -1;
      for (const addr of s.mem.keys()) s.mem.set(addr, null);
    } else if (n > LOOP_VISITS) {
      widen(s, this.firstSeen.get(at)!);
    }
  }

  private key(s: PathState): string {
    const regs = s.regs.map((r) => (r.v === undefined ? '' : r.v.toString(16)) + (r.shl16 ? 's' : '')).join(',');
    const mem = [...s.mem].map(([a, v]) => `${a.toString(16)}=${v === null ? '?' : v.toString(16)}`).join(',');
    return `${s.pc.toString(16)}|${regs}|${s.nzcv}|${mem}|${s.fork === undefined ? 'd' : 'u'}|${s.machine.key()}`;
  }

  private finish(s: PathState, eret: Insn | undefined): void {
    for (const f of s.machine.end(eret)) {
      const k = `${f.rule}@${f.insn.addr}`;
      const prev = this.found.get(k);
      const decided = s.fork === undefined;
      if (prev === undefined || (decided && !prev.decided)) this.found.set(k, { f, decided, fork: s.fork });
    }
  }

  private reg(s: PathState, r: number): RegValue {
    return r === 31 ? { v: 0n } : s.regs[r]!;
  }

  private set(s: PathState, r: number, v: RegValue): void {
    if (r !== 31) s.regs[r] = v;
  }

  private load(s: PathState, addr: bigint | undefined, size: number): bigint | undefined {
    if (addr === undefined) return undefined;
    const m = s.mem.get(addr);
    if (m !== undefined) return m ?? undefined;
    return readImage(this.p, addr, size);
  }

  /** Execute one instruction on the path: the states that follow (two at an undecided branch), [] when the path
   *  ends here, or null when it left the switch. The state passed in is updated and is the first successor. */
  private step(s: PathState, i: Insn): PathState[] | null {
    const f = i.f;
    const sf = f.sf === 0 ? 32 : 64;
    const mask = sf === 64 ? M64 : M32;
    const next = i.addr + 4n;
    const value = (r: number): bigint | undefined => this.reg(s, r).v;
    const e = i.event;
    if (e.k === 'msr') {
      s.machine.step({ insn: i, ...this.operand(s, e.rt) });
    } else if (e.k === 'tlbi' || e.k === 'at') {
      s.machine.step({ insn: i, ...this.operand(s, e.rt) });
    } else if (e.k !== 'other') {
      s.machine.step({ insn: i });
    }
    switch (i.row) {
      case undefined:
      case 'UDF': case 'SVC': case 'HVC': case 'SMC': case 'BRK': case 'HLT': case 'DCPS1': case 'DCPS2': case 'DCPS3': case 'DRPS':
        return null; // an exception: the path leaves the switch
      case 'ERET':
        this.finish(s, i);
        return [];
      case 'B':
        s.pc = i.addr + BigInt(sext(f.imm26!, 26) * 4);
        return [s];
      case 'BL':
        this.set(s, 30, { v: next });
        s.pc = i.addr + BigInt(sext(f.imm26!, 26) * 4);
        return [s];
      case 'BR': case 'BLR': case 'RET': {
        const t = value(f.Rn!);
        if (t === undefined) return null; // an indirect branch to an address not known here
        if (i.row === 'BLR') this.set(s, 30, { v: next });
        s.pc = t;
        return [s];
      }
      case 'B_cond': case 'CBZ': case 'CBNZ': case 'TBZ': case 'TBNZ': {
        const target = i.addr + BigInt(i.row === 'B_cond' || i.row.startsWith('CB') ? sext(f.imm19!, 19) * 4 : sext(f.imm14!, 14) * 4);
        let taken: boolean | undefined;
        if (i.row === 'B_cond') taken = s.nzcv < 0 ? undefined : conditionHolds(f.cond!, s.nzcv);
        else if (i.row.startsWith('CB')) {
          const v = value(f.Rt!);
          taken = v === undefined ? undefined : ((v & mask) === 0n) === (i.row === 'CBZ');
        } else {
          const v = value(f.Rt!);
          const b = BigInt((f.b5! << 5) | f.b40!);
          taken = v === undefined ? undefined : (((v >> b) & 1n) === 0n) === (i.row === 'TBZ');
        }
        if (taken !== undefined) {
          s.pc = taken ? target : next;
          return [s];
        }
        const other = this.copy(s);
        other.pc = target;
        other.fork ??= { insn: i, taken: true };
        s.pc = next;
        s.fork ??= { insn: i, taken: false };
        return [s, other];
      }
    }
    this.dataStep(s, i, sf, mask);
    s.pc = next;
    return [s];
  }

  /** The operand register of an MSR/TLBI/AT as a Step's value. */
  private operand(s: PathState, rt: number): Pick<Step, 'value' | 'shl16'> {
    const r = this.reg(s, rt);
    return { ...(r.v === undefined ? {} : { value: r.v }), ...(r.shl16 ? { shl16: true } : {}) };
  }

  private copy(s: PathState): PathState {
    return { pc: s.pc, regs: [...s.regs], nzcv: s.nzcv, mem: new Map(s.mem), machine: s.machine.clone(), fork: s.fork };
  }

  /** Data processing, loads and stores: what becomes known (or unknown) in the registers, flags and memory. */
  private dataStep(s: PathState, i: Insn, sf: 32 | 64, mask: bigint): void {
    const f = i.f;
    const v = (r: number): bigint | undefined => this.reg(s, r).v;
    const put = (rd: number, x: bigint | undefined, shl16 = false): void => this.set(s, rd, { ...(x === undefined ? {} : { v: x & mask }), ...(shl16 ? { shl16 } : {}) });
    const row = i.row!;
    switch (row) {
      case 'MOVZ':
        put(f.Rd!, BigInt(f.imm16!) << BigInt(f.hw! * 16), f.hw === 1);
        return;
      case 'MOVN':
        put(f.Rd!, ~(BigInt(f.imm16!) << BigInt(f.hw! * 16)));
        return;
      case 'MOVK': {
        const old = v(f.Rd!);
        const sh = BigInt(f.hw! * 16);
        put(f.Rd!, old === undefined ? undefined : (old & ~(0xffffn << sh)) | (BigInt(f.imm16!) << sh));
        return;
      }
      case 'ADR':
        put(f.Rd!, i.addr + BigInt(sext((f.immhi! << 2) | f.immlo!, 21)));
        return;
      case 'ADRP':
        put(f.Rd!, (i.addr & ~0xfffn) + (BigInt(sext((f.immhi! << 2) | f.immlo!, 21)) << 12n));
        return;
      case 'ADD_imm': case 'SUB_imm': case 'ADDS_imm': case 'SUBS_imm': {
        const n = f.Rn === 31 ? undefined : v(f.Rn!); // Rn 31 is SP here
        const imm = BigInt(f.imm12!) << (f.sh === 1 ? 12n : 0n);
        const sub = row.startsWith('SUB');
        const r = n === undefined ? undefined : addWithCarry(n, sub ? ~imm : imm, sub ? 1n : 0n, sf);
        if (row.endsWith('S_imm')) s.nzcv = r === undefined ? -1 : r[1];
        if (f.Rd !== 31 || row.endsWith('S_imm')) put(f.Rd!, r?.[0]);
        return;
      }
      case 'AND_imm': case 'ORR_imm': case 'EOR_imm': case 'ANDS_imm': {
        const bm = decodeBitMasks(f.N!, f.imms!, f.immr!, true, sf);
        const n = v(f.Rn!);
        const r = bm === undefined || n === undefined ? undefined : row === 'ORR_imm' ? n | bm.wmask : row === 'EOR_imm' ? n ^ bm.wmask : n & bm.wmask;
        if (row === 'ANDS_imm') s.nzcv = r === undefined ? -1 : this.logicFlags(r & mask, sf);
        if (f.Rd !== 31 || row === 'ANDS_imm') put(f.Rd!, r);
        return;
      }
      case 'AND_shift': case 'BIC_shift': case 'ORR_shift': case 'ORN_shift': case 'EOR_shift': case 'EON_shift': case 'ANDS_shift': case 'BICS_shift': {
        const n = v(f.Rn!);
        const mReg = this.reg(s, f.Rm!);
        // MOV Xd, Xm (ORR Xd, XZR, Xm) keeps what is known, the provenance too
        if (row === 'ORR_shift' && f.Rn === 31 && f.imm6 === 0) {
          this.set(s, f.Rd!, mReg.v === undefined ? mReg : { ...mReg, v: mReg.v & mask });
          return;
        }
        const m = mReg.v === undefined ? undefined : shiftReg(mReg.v, f.shift!, f.imm6!, sf);
        const op2 = m === undefined ? undefined : row.startsWith('BIC') || row === 'ORN_shift' || row === 'EON_shift' ? ~m & mask : m;
        const r = n === undefined || op2 === undefined ? undefined : row.startsWith('AND') || row.startsWith('BIC') ? n & op2 : row.startsWith('ORR') || row === 'ORN_shift' ? n | op2 : n ^ op2;
        if (row === 'ANDS_shift' || row === 'BICS_shift') s.nzcv = r === undefined ? -1 : this.logicFlags(r & mask, sf);
        put(f.Rd!, r, row === 'ORR_shift' && f.shift === 0 && f.imm6 === 16);
        return;
      }
      case 'ADD_shift': case 'SUB_shift': case 'ADDS_shift': case 'SUBS_shift': {
        const n = v(f.Rn!);
        const mv = v(f.Rm!);
        const m = mv === undefined ? undefined : shiftReg(mv, f.shift!, f.imm6!, sf);
        const sub = row.startsWith('SUB');
        const r = n === undefined || m === undefined ? undefined : addWithCarry(n, sub ? ~m : m, sub ? 1n : 0n, sf);
        if (row.endsWith('S_shift')) s.nzcv = r === undefined ? -1 : r[1];
        put(f.Rd!, r?.[0]);
        return;
      }
      case 'UBFM': case 'SBFM': case 'BFM': {
        const bm = decodeBitMasks(f.N!, f.imms!, f.immr!, false, sf);
        const src = v(f.Rn!);
        const dst = v(f.Rd!);
        const shiftLeft = row === 'UBFM' && f.immr === (sf - (sf - 1 - f.imms!)) % sf && sf - 1 - f.imms! > 0 ? sf - 1 - f.imms! : 0;
        if (bm === undefined || src === undefined || (row === 'BFM' && dst === undefined) || row === 'SBFM') {
          put(f.Rd!, undefined, shiftLeft === 16);
          return;
        }
        const rot = shiftReg(src, 3, f.immr!, sf);
        const bot = row === 'BFM' ? (dst! & ~bm.wmask) | (rot & bm.wmask) : rot & bm.wmask;
        const r = row === 'BFM' ? (dst! & ~bm.tmask) | (bot & bm.tmask) : bot & bm.tmask;
        put(f.Rd!, r, shiftLeft === 16);
        return;
      }
      case 'CSEL': case 'CSINC': case 'CSINV': case 'CSNEG': {
        if (s.nzcv < 0) {
          put(f.Rd!, undefined);
          return;
        }
        const pickN = conditionHolds(f.cond!, s.nzcv);
        const x = pickN ? v(f.Rn!) : v(f.Rm!);
        const r = pickN || x === undefined ? x : row === 'CSINC' ? x + 1n : row === 'CSINV' ? ~x : row === 'CSNEG' ? -x : x;
        put(f.Rd!, r);
        return;
      }
      case 'LDR_X_lit': case 'LDR_W_lit':
        put(f.Rt!, this.load(s, i.addr + BigInt(sext(f.imm19!, 19) * 4), row === 'LDR_X_lit' ? 8 : 4));
        return;
    }
    if (/^(LD|ST)R(B|H|_W|_X)_(uoff|pre|post)$|^(LD|ST)UR(B|H|_W|_X)$/.test(row)) {
      this.singleAccess(s, i, row);
      return;
    }
    if (/^(LD|ST)P_(W|X)_(off|pre|post)$/.test(row)) {
      this.pairAccess(s, i, row);
      return;
    }
    if (/^(CMN|CMP|CCMN|CCMP|ADDS|SUBS|ADCS|SBCS)/.test(row) || /^(CCMN|CCMP)_/.test(row)) s.nzcv = -1;
    // anything else that writes a register makes it unknown (pre/post-indexed forms write their base too)
    for (const r of ['Rd', 'Rt', 'Rt2']) if (f[r] !== undefined && i.event.k === 'other' && row !== 'MSR_imm' && !row.startsWith('ST') && !row.startsWith('PRFM')) this.set(s, f[r]!, UNKNOWN);
    if (/_(pre|post)$/.test(row) && f.Rn !== 31) this.set(s, f.Rn!, UNKNOWN);
  }

  private logicFlags(r: bigint, sf: 32 | 64): number {
    return ((r >> BigInt(sf - 1)) & 1n ? 8 : 0) | (r === 0n ? 4 : 0);
  }

  /** Base + offset of a load/store and the base's new value (pre/post-indexed). */
  private address(s: PathState, i: Insn, offset: bigint, form: string): bigint | undefined {
    const base = i.f.Rn === 31 ? undefined : this.reg(s, i.f.Rn!).v;
    if (base === undefined) {
      if (form !== 'uoff' && form !== 'off' && form !== '' && i.f.Rn !== 31) this.set(s, i.f.Rn!, UNKNOWN);
      return undefined;
    }
    const addr = form === 'post' ? base : (base + offset) & M64;
    if ((form === 'pre' || form === 'post') && i.f.Rn !== 31) this.set(s, i.f.Rn!, { v: (base + offset) & M64 });
    return addr;
  }

  private singleAccess(s: PathState, i: Insn, row: string): void {
    const f = i.f;
    const size = row.includes('B') && !row.includes('_X') && !row.includes('_W') ? 1 : row.includes('H') ? 2 : row.includes('_X') ? 8 : 4;
    const form = /_(uoff|pre|post)$/.exec(row)?.[1] ?? '';
    const offset = form === 'uoff' ? BigInt(f.imm12! * size) : BigInt(sext(f.imm9!, 9));
    const addr = this.address(s, i, offset, form);
    if (row.startsWith('LD')) this.set(s, f.Rt!, (() => {
      const x = this.load(s, addr, size);
      return x === undefined ? UNKNOWN : { v: x };
    })());
    else if (addr !== undefined) {
      const x = this.reg(s, f.Rt!).v;
      s.mem.set(addr, size === 8 && x !== undefined ? x : null);
    }
  }

  private pairAccess(s: PathState, i: Insn, row: string): void {
    const f = i.f;
    const size = row.includes('_X') ? 8 : 4;
    const form = /_(off|pre|post)$/.exec(row)![1]!;
    const addr = this.address(s, i, BigInt(sext(f.imm7!, 7) * size), form);
    const second = addr === undefined ? undefined : addr + BigInt(size);
    if (row.startsWith('LD')) {
      const a = this.load(s, addr, size);
      const b = this.load(s, second, size);
      this.set(s, f.Rt!, a === undefined ? UNKNOWN : { v: a });
      this.set(s, f.Rt2!, b === undefined ? UNKNOWN : { v: b });
    } else if (addr !== undefined) {
      const a = this.reg(s, f.Rt!).v;
      const b = this.reg(s, f.Rt2!).v;
      s.mem.set(addr, size === 8 && a !== undefined ? a : null);
      s.mem.set(second!, size === 8 && b !== undefined ? b : null);
    }
  }
}

const DELIBERATE = 'the TLBI comes before the switch loads any VTTBR_EL2, so it flushes the outgoing context\'s VMID — likely on purpose; exploring the pair (--scenario, --from, --to) tells whether the target needed that flush instead';
const forkText = (k: Fork): string =>
  `only on the path where the branch at ${k.insn.file}:${k.insn.line} (${k.insn.source.trim()}) is ${k.taken ? 'taken' : 'not taken'}, which depends on values the checker cannot work out without a context pair: --scenario, --from and --to settle it`;

/** The quick rules over every path of `p` (`twostage check` without a context pair). */
export function lintPaths(p: Program, ctx: RuleContext = {}, maxStates = MAX_STATIC_STATES): StaticResult {
  const it = new Interpreter(p, ctx, maxStates);
  it.run();
  const found = sortFindings([...it.found.values()].map((x) => ({ ...x, insn: x.f.insn, rule: x.f.rule })));
  const findings = found.map((x) => {
    if (x.decided && x.f.rule !== 'tlbi-no-prior-dsb' && x.f.weak !== true) return toFinding(x.f, 'error');
    const why = x.fork !== undefined ? [forkText(x.fork)] : x.f.weak === true ? [DELIBERATE] : [];
    return toFinding(x.f, 'warning', why);
  });
  if (it.bounded) {
    const first = p.insns[0]!;
    findings.push({
      ruleId: 'not-proven', level: 'warning', file: first.file, line: first.line, col: first.col, source: first.source,
      message: `the static path analysis stopped after ${maxStates} states (bound --max-states): paths beyond it were not checked`,
      details: [], counterexample: [], fix: `raise the bound (--max-states ${maxStates * 4}), or check the pair with --scenario, --from and --to`,
    });
  }
  return { findings, states: it.states, bounded: it.bounded };
}

/** The quick rules (static): findings only. */
export function lint(p: Program, ctx: RuleContext = {}): Finding[] {
  return lintPaths(p, ctx).findings;
}
