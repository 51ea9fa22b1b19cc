// The gdb stub's target side (GDB manual, Appendix E "Remote Protocol", "Packets" and "Stop Reply Packets"): one
// packet body in, one reply body out, plus the run control the server drives in bounded slices. Breakpoints and
// single-step are the stub's own, outside the architecture (as QEMU's gdbstub keeps them): the guest's
// DBGBCR/DBGWCR/MDSCR_EL1 are never touched, so a guest's own debug use and the debugger's do not collide.
// While a breakpoint or a watchpoint is set the machine runs one instruction at a time (VirtMachine.step), which
// keeps the translated-block fast path from running past a breakpoint address. Watchpoints (Z2 write, Z3 read, Z4
// access) see every data access that translated through the CPU's external-debugger hook (DebugState.external),
// with its VA and size; a hit stops before the access, the PC at the instruction (QEMU's Arm CPUs set
// gdb_stop_before_watchpoint; gdb then steps over it with its watchpoints removed), and the stop reply names the
// watchpoint's address.
// Memory is read and written through the current translation regime as a debugger access (QEMU
// cpu_memory_rw_debug): no exception is taken, a failed translation or a non-RAM address is an E reply.
import { sysregIndexByName, SYSREGS } from '../../arch/sysreg-table.ts';
import { debugRefresh } from '../../cpu/debug.ts';
import { packSpsr, readNzcv, writeNzcv } from '../../cpu/pstate.ts';
import { PC, SP } from '../../cpu/state.ts';
import { ACC_READ, TranslateResult } from '../../mmu/result.ts';
import { translate } from '../../mmu/translate.ts';
import type { VirtMachine } from '../virt.ts';
import { MAX_PACKET, unescapeBinary } from './rsp-framing.ts';
import { CORE_REGS, FPU_REGS, SYS_REGS, targetXml } from './target-xml.ts';

/** SIGINT and SIGTRAP as gdb numbers them in stop replies (GDB manual, "Signals"). */
const SIGINT = 0x02;
const SIGTRAP = 0x05;
/** Instructions per slice of a continue: the server polls the socket between slices. */
export const SLICE_INSNS = 1 << 16;

const FIRST_FPU = CORE_REGS.length;
const FIRST_SYS = FIRST_FPU + FPU_REGS.length;
const NREGS = FIRST_SYS + SYS_REGS.length;
/** Each system register of the description as its index in SYSREGS. */
const SYS_INDEX = SYS_REGS.map((r) => sysregIndexByName(r.name));
const FPSR_INDEX = sysregIndexByName('FPSR');
const FPCR_INDEX = sysregIndexByName('FPCR');

/**
 * A `monitor` command the caller adds (the command line adds `walk` and `tlb`, whose reports live above this layer):
 * its usage line and what it prints for the words after its name, or a usage error as a string starting 'usage:'.
 */
export interface MonitorCommand {
  readonly usage: string;
  readonly run: (args: readonly string[]) => string;
}

/** What a packet asks of the server besides its reply. */
export type StubAction = { readonly reply: string } | { readonly resume: 'continue' | 'step' } | { readonly kill: true };

const hex = (v: bigint | number, bytes: number): string => {
  let s = '';
  let x = BigInt(v);
  for (let i = 0; i < bytes; i++) {
    s += Number(x & 0xffn).toString(16).padStart(2, '0'); // target byte order: little-endian
    x >>= 8n;
  }
  return s;
};
const HEX_RE = /^[0-9a-fA-F]+$/;
const parseHex = (s: string | undefined): bigint | undefined => (s !== undefined && s.length <= 16 && HEX_RE.test(s) ? BigInt('0x' + s) : undefined);
/** A little-endian hex register value of `bytes` bytes. */
function parseLe(s: string, bytes: number): bigint | undefined {
  if (s.length !== bytes * 2 || !HEX_RE.test(s)) return undefined;
  let v = 0n;
  for (let i = bytes - 1; i >= 0; i--) v = (v << 8n) | BigInt('0x' + s.slice(2 * i, 2 * i + 2));
  return v;
}
const bytesHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/** A debugger watchpoint: Z2 (write), Z3 (read) or Z4 (access) on `len` bytes at VA `addr`. */
interface Watchpoint {
  readonly type: 2 | 3 | 4;
  readonly addr: bigint;
  readonly len: bigint;
}
/** The stop-reply reason of each watchpoint type (GDB manual, "Stop Reply Packets"). */
const WATCH_REASON = { 2: 'watch', 3: 'rwatch', 4: 'awatch' } as const;

export class GdbStub {
  private readonly breakpoints = new Set<bigint>();
  private readonly watchpoints: Watchpoint[] = [];
  /** The watchpoint the last instruction's access hit, if any. */
  private watchHit: Watchpoint | undefined;
  private readonly tr = new TranslateResult();
  private interruptRequested = false;

  constructor(
    private readonly machine: VirtMachine,
    /** Guest console output produced while running. */
    private readonly onOutput: (stdout: Uint8Array, stderr: Uint8Array) => void = () => {},
    /** Monitor commands besides `xp`, by name. */
    private readonly monitorCommands: Readonly<Record<string, MonitorCommand>> = {},
  ) {}

  /** The reply to one packet body (never throws: a malformed packet is an E reply or the empty "unsupported"). */
  handle(body: string): StubAction {
    const reply = (r: string): StubAction => ({ reply: r });
    const c = body[0];
    switch (c) {
      case '?':
        return reply(this.stopReply(SIGTRAP));
      case 'g':
        return reply(CORE_REGS.map((_, i) => this.readReg(i)!).join(''));
      case 'G':
        return reply(this.writeCore(body.slice(1)));
      case 'p': {
        const n = parseHex(body.slice(1));
        const v = n === undefined || n >= NREGS ? undefined : this.readReg(Number(n));
        return reply(v ?? 'E01');
      }
      case 'P': {
        const [num, val] = body.slice(1).split('=');
        const n = parseHex(num);
        return reply(n !== undefined && n < NREGS && val !== undefined && this.writeReg(Number(n), val) ? 'OK' : 'E01');
      }
      case 'm': {
        const [a, l] = body.slice(1).split(',');
        const addr = parseHex(a);
        const len = parseHex(l);
        if (addr === undefined || len === undefined || len > BigInt(MAX_PACKET / 2)) return reply('E01');
        const bytes = this.machine.readVirtual(addr, Number(len));
        return reply(bytes === undefined ? 'E14' : bytesHex(bytes)); // 14: EFAULT
      }
      case 'M':
      case 'X':
        return reply(this.writeMemory(c, body.slice(1)));
      case 'c':
      case 's':
        if (body.length > 1) {
          const addr = parseHex(body.slice(1));
          if (addr === undefined) return reply('E01');
          this.machine.cpu.x[PC] = addr;
        }
        return { resume: c === 'c' ? 'continue' : 'step' };
      case 'v':
        return this.vPacket(body);
      case 'Z':
      case 'z':
        return reply(this.breakpoint(c === 'Z', body.slice(1)));
      case 'q':
        return reply(this.query(body));
      case 'Q':
        return reply(body === 'QStartNoAckMode' ? 'OK' : '');
      case 'H':
        return reply('OK'); // one thread: every thread id selects it
      case 'T':
        return reply(body === 'T1' || body === 'Tp1.1' ? 'OK' : 'E01');
      case 'k':
        return { kill: true };
      case 'D':
        return reply('OK');
      default:
        return reply(''); // unsupported packet ("Packets": an empty reply)
    }
  }

  /** ^C from the debugger: the current slice is the last; the stop is reported as SIGINT. */
  interrupt(): void {
    this.interruptRequested = true;
  }

  /**
   * Run one bounded slice after a c/s packet: the stop reply when the target stopped, undefined when it is still
   * running (call again after polling the socket).
   */
  runSlice(mode: 'continue' | 'step', first: boolean): string | undefined {
    const m = this.machine;
    const cpu = m.cpu;
    if (this.interruptRequested) {
      this.interruptRequested = false;
      return this.stopReply(SIGINT);
    }
    if (mode === 'step') {
      const before = cpu.icount;
      // a timer deadline due now ends a step before its instruction (VirtMachine.step): step again, a bounded number of times
      for (let i = 0; i < 4 && cpu.icount === before; i++) {
        const stop = m.step();
        const end = this.ended(stop);
        if (end !== undefined) return end;
      }
      return this.stopReply(SIGTRAP);
    }
    if (this.breakpoints.size === 0 && this.watchpoints.length === 0) return this.runFree();
    for (let i = 0; i < SLICE_INSNS; i++) {
      // the instruction a continue resumes from is executed even when it holds a breakpoint (gdb steps over it)
      if (!(first && i === 0) && this.breakpoints.has(cpu.x[PC]!)) {
        this.flush();
        return this.stopReply(SIGTRAP, 'swbreak:;');
      }
      this.watchHit = undefined;
      const end = this.ended(m.step());
      if (end !== undefined) return end;
      const hit = this.watchHit as Watchpoint | undefined; // set by the access hook during the step, which it stopped
      if (hit !== undefined) {
        this.flush();
        return this.stopReply(SIGTRAP, `${WATCH_REASON[hit.type]}:${hit.addr.toString(16)};`);
      }
    }
    this.flush();
    return undefined;
  }

  /** One slice without breakpoints, at full speed (translated blocks allowed): the stop reply, or undefined. */
  runFree(): string | undefined {
    const r = this.machine.run(SLICE_INSNS, this.onOutput);
    return r.stop.kind === 'budget' ? undefined : this.ended(r.stop);
  }

  private flush(): void {
    const m = this.machine;
    this.onOutput(m.stdout.drain(), m.stderr.drain());
  }

  /** The stop reply for a machine stop other than the budget: W (exited) or T05 (halted). */
  private ended(stop: { kind: string; code?: number }): string | undefined {
    if (stop.kind === 'budget' || stop.kind === 'event') return undefined;
    this.flush();
    if (stop.kind === 'exit') return `W${((stop.code ?? 0) & 0xff).toString(16).padStart(2, '0')}`;
    return this.stopReply(SIGTRAP);
  }

  /** "T" stop reply with the PC (register 32) so gdb needs no extra read (GDB manual, "Stop Reply Packets"). */
  private stopReply(signal: number, reason = ''): string {
    const pcNum = CORE_REGS.findIndex((r) => r.name === 'pc');
    return `T${signal.toString(16).padStart(2, '0')}${reason}${pcNum.toString(16)}:${this.readReg(pcNum)};thread:1;`;
  }

  /** Register `n` as little-endian hex, 'x…x' when its value is not held (a system register without storage). */
  private readReg(n: number): string | undefined {
    const cpu = this.machine.cpu;
    if (n < 31) return hex(cpu.x[n]!, 8);
    if (n === 31) return hex(cpu.x[SP]!, 8);
    if (n === 32) return hex(cpu.x[PC]!, 8);
    if (n === 33) return hex(packSpsr(cpu), 4); // CPSR: PSTATE in the SPSR layout, as QEMU's pstate_read
    if (n < FIRST_FPU + 32) return bytesHex(cpu.v8.subarray((n - FIRST_FPU) * 16, (n - FIRST_FPU) * 16 + 16));
    if (n === FIRST_FPU + 32) return hex(cpu.sr[FPSR_INDEX]!, 4);
    if (n === FIRST_FPU + 33) return hex(cpu.sr[FPCR_INDEX]!, 4);
    if (n >= NREGS) return undefined;
    const def = SYSREGS[SYS_INDEX[n - FIRST_SYS]!]!;
    if (def.kind === 'store') return hex(cpu.sr[SYS_INDEX[n - FIRST_SYS]!]!, 8);
    if (def.kind === 'const') return hex(def.reset?.(cpu.profile) ?? 0n, 8);
    return 'x'.repeat(16); // computed on access (timers, counters): not read behind the guest's back
  }

  /** Write register `n` from little-endian hex; false for a malformed value or a register the stub does not write. */
  private writeReg(n: number, val: string): boolean {
    const cpu = this.machine.cpu;
    if (n <= 32) {
      const v = parseLe(val, 8);
      if (v === undefined) return false;
      cpu.x[n === 31 ? SP : n === 32 ? PC : n] = v;
      return true;
    }
    if (n === 33) {
      const v = parseLe(val, 4);
      // only NZCV is written: EL, SP, DAIF change through the guest's own exception entry and return
      if (v === undefined || (v & 0x0fff_ffffn) !== (packSpsr(cpu) & 0x0fff_ffffn)) return false;
      writeNzcv(cpu, Number(v));
      return true;
    }
    if (n < FIRST_FPU + 32) {
      const v = parseLe(val, 16);
      if (v === undefined) return false;
      const r = n - FIRST_FPU;
      cpu.v64[2 * r] = v & 0xffff_ffff_ffff_ffffn;
      cpu.v64[2 * r + 1] = v >> 64n;
      return true;
    }
    return false;
  }

  private writeCore(data: string): string {
    let off = 0;
    const widths = CORE_REGS.map((r) => r.bits / 4);
    if (data.length !== widths.reduce((a, b) => a + b, 0)) return 'E01';
    const cpu = this.machine.cpu;
    const nzcv = readNzcv(cpu);
    for (let i = 0; i < CORE_REGS.length; i++) {
      if (!this.writeReg(i, data.slice(off, off + widths[i]!))) {
        writeNzcv(cpu, nzcv);
        return 'E01';
      }
      off += widths[i]!;
    }
    return 'OK';
  }

  /** M addr,len:hex / X addr,len:binary. Every byte is translated before any is written. */
  private writeMemory(kind: 'M' | 'X', rest: string): string {
    const colon = rest.indexOf(':');
    if (colon < 0) return 'E01';
    const [a, l] = rest.slice(0, colon).split(',');
    const addr = parseHex(a);
    const len = parseHex(l);
    const data = rest.slice(colon + 1);
    let bytes: Uint8Array | undefined;
    if (kind === 'X') bytes = unescapeBinary(data);
    else if (data.length % 2 === 0 && (data.length === 0 || HEX_RE.test(data))) bytes = Uint8Array.from({ length: data.length / 2 }, (_, i) => parseInt(data.slice(2 * i, 2 * i + 2), 16));
    if (addr === undefined || len === undefined || bytes === undefined || BigInt(bytes.length) !== len) return 'E01';
    const pas: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const pa = this.debugPa(BigInt.asUintN(64, addr + BigInt(i)));
      if (pa === undefined) return 'E14';
      pas.push(pa);
    }
    // a write into code forgets its decoded words and translated blocks (PhysMemory.writeU8)
    for (let i = 0; i < bytes.length; i++) this.machine.mem.writeU8(pas[i]!, bytes[i]!);
    return 'OK';
  }

  /** The RAM PA of VA `va` in the current regime, as a debug access (stage 1 and 2 read permission). */
  private debugPa(va: bigint): number | undefined {
    const cpu = this.machine.cpu;
    if (!translate(cpu, Number(va & 0xffff_ffffn), Number(va >> 32n), ACC_READ, 1, cpu.el, this.tr)) return undefined;
    return this.machine.mem.isRam(this.tr.pa) ? this.tr.pa : undefined;
  }

  /** Z0/Z1 (software and hardware breakpoints are both the stub's own) and Z2–Z4 watchpoints (`kind` = length). */
  private breakpoint(insert: boolean, rest: string): string {
    const [type, a, kind] = rest.split(',');
    const addr = parseHex(a);
    const len = parseHex(kind);
    if (addr === undefined || len === undefined || (type !== '0' && type !== '1' && type !== '2' && type !== '3' && type !== '4')) return 'E01';
    if (type === '0' || type === '1') {
      if (insert) this.breakpoints.add(addr);
      else this.breakpoints.delete(addr);
      return 'OK';
    }
    if (len === 0n || len > 1n << 20n) return 'E01';
    const t = Number(type) as 2 | 3 | 4;
    const at = this.watchpoints.findIndex((w) => w.type === t && w.addr === addr && w.len === len);
    if (insert && at < 0) this.watchpoints.push({ type: t, addr, len });
    if (!insert && at >= 0) this.watchpoints.splice(at, 1);
    this.watchAccesses();
    return 'OK';
  }

  /** Hook the CPU's data accesses while a watchpoint is set (DebugState.external), unhook when none is. */
  private watchAccesses(): void {
    const cpu = this.machine.cpu;
    cpu.debug.external = this.watchpoints.length === 0 ? null : (va, size, write) => {
      for (const w of this.watchpoints) {
        if (w.type === 2 && !write) continue;
        if (w.type === 3 && write) continue;
        if (va < w.addr + w.len && w.addr < va + BigInt(size)) {
          this.watchHit = w;
          return true;
        }
      }
      return false;
    };
    debugRefresh(cpu);
  }

  private vPacket(body: string): StubAction {
    if (body === 'vCont?') return { reply: 'vCont;c;C;s;S' };
    if (body.startsWith('vCont;')) {
      // one thread: the first action applies (a signal to deliver is ignored: the stub injects no exceptions)
      const act = body.slice(6).split(';')[0]!.split(':')[0]!;
      if (act === 'c' || act[0] === 'C') return { resume: 'continue' };
      if (act === 's' || act[0] === 'S') return { resume: 'step' };
      return { reply: 'E01' };
    }
    if (body === 'vMustReplyEmpty') return { reply: '' };
    return { reply: '' };
  }

  /**
   * `monitor …` (qRcmd, hex-encoded command; the reply is the hex-encoded output): `xp ADDR [LEN]` dumps physical
   * memory (RAM only, at most 256 bytes), as QEMU's monitor `xp`; the caller's commands (MonitorCommand) after it.
   */
  private monitor(hexCmd: string): string {
    if (hexCmd.length % 2 !== 0 || !HEX_RE.test(hexCmd)) return 'E01';
    const cmd = Array.from({ length: hexCmd.length / 2 }, (_, i) => String.fromCharCode(parseInt(hexCmd.slice(2 * i, 2 * i + 2), 16))).join('').trim();
    const out = (text: string): string => bytesHex(Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff));
    const words = cmd.split(/\s+/);
    if (words[0] === 'xp') {
      const pa = parseHex(words[1]?.replace(/^0x/i, ''));
      const len = words[2] === undefined ? 16n : parseHex(words[2].replace(/^0x/i, ''));
      if (pa === undefined || len === undefined || len === 0n || len > 256n || pa + len > 1n << 52n) return out('usage: monitor xp PA [LEN]   (hex, LEN 1-100)\n');
      const mem = this.machine.mem;
      let text = '';
      for (let row = 0n; row < len; row += 16n) {
        const a = Number(pa + row);
        const n = Math.min(16, Number(len - row));
        if (!mem.isRam(a) || !mem.isRam(a + n - 1)) return out(text + `${(pa + row).toString(16).padStart(16, '0')}: not RAM\n`);
        text += `${(pa + row).toString(16).padStart(16, '0')}: ${Array.from(mem.readBytes(a, n), (b) => b.toString(16).padStart(2, '0')).join(' ')}\n`;
      }
      return out(text);
    }
    const extra = Object.hasOwn(this.monitorCommands, words[0]!) ? this.monitorCommands[words[0]!] : undefined;
    if (extra !== undefined) {
      const text = extra.run(words.slice(1));
      // the reply is hex: two characters a byte, within one packet
      const room = MAX_PACKET / 2 - 64;
      return out(text.length <= room ? text : text.slice(0, room) + '\n[output cut at the packet size]\n');
    }
    const known = ['xp PA [LEN]', ...Object.values(this.monitorCommands).map((c) => c.usage)].join('; ');
    return out(`unknown monitor command '${cmd}' (known: ${known})\n`);
  }

  private query(body: string): string {
    if (body.startsWith('qSupported')) return `PacketSize=${MAX_PACKET.toString(16)};qXfer:features:read+;swbreak+;hwbreak+;vContSupported+;QStartNoAckMode+`;
    if (body === 'qAttached') return '1';
    if (body === 'qC') return 'QC1';
    if (body === 'qfThreadInfo') return 'm1';
    if (body === 'qsThreadInfo') return 'l';
    if (body.startsWith('qRcmd,')) return this.monitor(body.slice(6));
    if (body.startsWith('qXfer:features:read:')) {
      const m = /^qXfer:features:read:([^:]*):([0-9a-fA-F]+),([0-9a-fA-F]+)$/.exec(body);
      if (m === null) return 'E01';
      if (m[1] !== 'target.xml') return 'E00';
      const xml = targetXml();
      const off = parseInt(m[2]!, 16);
      const len = Math.min(parseInt(m[3]!, 16), MAX_PACKET - 1);
      if (off > xml.length) return 'E01';
      const part = xml.slice(off, off + len);
      return (off + len >= xml.length ? 'l' : 'm') + part;
    }
    return '';
  }
}
