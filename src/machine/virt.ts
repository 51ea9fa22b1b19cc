// The QEMU `virt`-compatible board (`-M virt,virtualization=on -cpu cortex-a57 -nographic -semihosting
// -kernel FILE.elf`): one CPU, RAM at 0x4000_0000, a PL011 UART at 0x0900_0000, a GICv2 (distributor at
// 0x0800_0000, CPU interface at 0x0801_0000) whose PPIs 26/27/30 are the CPU's generic timers, semihosting on
// HLT #0xF000 and PSCI on SMC. Anything else in the physical map is absent, so accesses to it take a
// synchronous external abort (QEMU's virt board raises the same for unassigned addresses).
//
// Interrupts: the timers count retired instructions (src/cpu/timer.ts). The run loop below evaluates their
// outputs at instruction boundaries only, so it ends each chunk of a run at the next timer deadline; a timer
// write that moves a deadline into the chunk in progress ends it early (StopReason 'event').
//
// Boot as QEMU does for an ELF that is not a Linux image (hw/arm/boot.c, observed on QEMU 7.2): PT_LOAD
// segments are copied to their p_paddr, and the CPU starts at e_entry in EL2h with X0–X3 = 0, SP = 0,
// DAIF masked and the MMU off. QEMU also copies its generated device tree (1 MiB) to the start of RAM, but
// only when it fits below the image: with an image at 0x4008_0000 there is none, and when there is one,
// nothing here reads it. twostage does not generate a DTB: that RAM stays zero (a documented difference for
// images linked ≥ 0x4010_0000 that read it).
import { CORTEX_A57, type Profile } from '../arch/profiles.ts';
import { Cpu, type StopReason } from '../cpu/cpu.ts';
import { nextTimerEvent, TIMERS, timerOutput } from '../cpu/timer.ts';
import { GIC_REGION_SIZE, GICC_BASE, GICD_BASE, GicV2 } from '../devices/gic.ts';
import type { GuestCall } from '../devices/guest.ts';
import { Pl011, PL011_BASE, PL011_SIZE } from '../devices/pl011.ts';
import { psciCall } from '../devices/psci.ts';
import { Semihosting, SEMIHOSTING_HLT_IMM } from '../devices/semihosting.ts';
import type { ElfImage } from '../elf/read.ts';
import { PhysMemory } from '../memory/phys.ts';
import { ACC_READ, TranslateResult } from '../mmu/result.ts';
import type { Tlb } from '../mmu/tlb.ts';
import { translate } from '../mmu/translate.ts';
import { OutputBuffer } from './output.ts';

export const RAM_BASE = 0x4000_0000;
export const DEFAULT_RAM_MIB = 256;
/** Largest RAM the board accepts (QEMU's virt limit below the 2^40 high-memory window is 255 GiB). */
export const MAX_RAM_MIB = 255 * 1024;
/** Instructions per slice of a run: output is handed to `onOutput` between slices. */
const SLICE = 1 << 24;

export interface VirtOptions {
  readonly profile?: Profile;
  readonly ramMiB?: number;
  /** The PE's architectural TLB (default: the CPU's own size). */
  readonly tlb?: Tlb;
}

/** Why a machine run ended ('event' stops are handled inside the run). */
export type MachineStop = Exclude<StopReason, { kind: 'event' }>;

export interface RunResult {
  /** Process exit status (semihosting SYS_EXIT, PSCI SYSTEM_OFF), or null when the run stopped otherwise. */
  readonly exitCode: number | null;
  readonly stop: MachineStop;
  /** What the guest wrote to QEMU's stdout (the PL011, semihosting ":tt" opened for writing). */
  readonly stdout: Uint8Array;
  /** What the guest wrote to QEMU's stderr (the semihosting console: SYS_WRITEC, SYS_WRITE0). */
  readonly stderr: Uint8Array;
  readonly instructions: number;
}

export class VirtMachine {
  readonly mem: PhysMemory;
  readonly cpu: Cpu;
  readonly gic: GicV2;
  readonly stdout = new OutputBuffer();
  readonly stderr = new OutputBuffer();
  private readonly semihosting: Semihosting;
  private readonly debugTr = new TranslateResult();
  /** Count at which the next timer output may change (Infinity: none armed). */
  private nextEvent = Infinity;
  /** Count at which the CPU run in progress ends; -1 outside VirtMachine.run. */
  private chunkEnd = -1;

  constructor(opts: VirtOptions = {}) {
    const ramMiB = opts.ramMiB ?? DEFAULT_RAM_MIB;
    this.mem = new PhysMemory(RAM_BASE, ramMiB * 1024 * 1024);
    this.mem.mapDevice(PL011_BASE, PL011_SIZE, new Pl011((b) => this.stdout.push(b)));
    this.cpu = new Cpu(opts.profile ?? CORTEX_A57, this.mem, opts.tlb);
    const cpu = this.cpu;
    this.gic = new GicV2((level) => cpu.setIrqLine(level));
    this.mem.mapDevice(GICD_BASE, GIC_REGION_SIZE, this.gic.distributor);
    this.mem.mapDevice(GICC_BASE, GIC_REGION_SIZE, this.gic.cpuInterface);
    // an MSR to a timer register during a run: its effect counts from the next instruction boundary
    cpu.timerChanged = () => this.timersChanged(this.chunkEnd >= 0 ? cpu.retired() + 1 : cpu.retired());
    this.semihosting = new Semihosting({ stdout: (b) => this.stdout.push(b), stderr: (b) => this.stderr.push(b) });
    const guest = this.guestCall();
    this.cpu.hooks = {
      // QEMU honours semihosting only above EL0 unless told otherwise (-semihosting-config userspace=on)
      hlt: (c, imm) => {
        if (imm !== SEMIHOSTING_HLT_IMM || c.el === 0) return false;
        this.semihosting.call(guest);
        return true;
      },
      smc: () => {
        psciCall(guest);
        return true;
      },
    };
  }

  /** Copy the PT_LOAD segments into RAM and reset the CPU at the entry point. Returns a diagnostic on failure. */
  load(image: ElfImage): string | undefined {
    const ramEnd = BigInt(this.mem.ramEnd);
    for (const [i, s] of image.segments.entries()) {
      if (s.memsz === 0n) continue;
      if (s.paddr < BigInt(RAM_BASE) || s.paddr + s.memsz > ramEnd) {
        return (
          `segment ${i} (0x${s.paddr.toString(16)}..0x${(s.paddr + s.memsz).toString(16)}) lies outside RAM ` +
          `(0x${RAM_BASE.toString(16)}..0x${ramEnd.toString(16)})`
        );
      }
    }
    for (const s of image.segments) {
      const pa = Number(s.paddr);
      this.mem.writeBytes(pa, s.data);
      for (let a = pa + s.data.length; a < pa + Number(s.memsz); a++) this.mem.writeU8(a, 0);
    }
    this.cpu.reset(image.entry);
    this.gic.reset();
    this.timersChanged(this.cpu.retired());
    return undefined;
  }

  /**
   * Run until the guest exits or stops, or `budget` instructions have executed. `onOutput` receives the
   * stdout/stderr bytes produced since its previous call, between slices of the run and at the end.
   */
  run(budget: number, onOutput?: (stdout: Uint8Array, stderr: Uint8Array) => void): RunResult {
    const cpu = this.cpu;
    const start = cpu.icount;
    let stop: StopReason;
    for (;;) {
      stop = this.chunk(Math.min(SLICE, budget - (cpu.icount - start)));
      if (onOutput !== undefined) onOutput(this.stdout.drain(), this.stderr.drain());
      if ((stop.kind !== 'budget' && stop.kind !== 'event') || cpu.icount - start >= budget) break;
    }
    if (stop.kind === 'event') stop = { kind: 'budget' };
    return {
      exitCode: stop.kind === 'exit' ? stop.code : null,
      stop,
      stdout: this.stdout.bytes(),
      stderr: this.stderr.bytes(),
      instructions: this.cpu.icount - start,
    };
  }

  /** Execute one instruction, firing the timers as run() does (for `twostage walk` and other debuggers). */
  step(): StopReason {
    const stop = this.chunk(1);
    return stop.kind === 'event' ? { kind: 'budget' } : stop;
  }

  /** Run the CPU for at most `n` instructions, and no further than the next timer deadline. */
  private chunk(n: number): StopReason {
    const cpu = this.cpu;
    this.timersChanged(cpu.icount); // between runs the count is icount: raise what fired at this boundary
    const len = Math.min(n, this.nextEvent - cpu.icount);
    this.chunkEnd = cpu.icount + len;
    const stop = cpu.run(len);
    this.chunkEnd = -1;
    return stop;
  }

  /**
   * The timers' outputs at count `now` go to their PPIs (the GIC drives the CPU's IRQ line); the next deadline is
   * noted, and a run in progress that would pass it stops after the current instruction.
   */
  private timersChanged(now: number): void {
    for (const t of TIMERS) this.gic.setLevel(t.intid, timerOutput(this.cpu, t, now));
    this.nextEvent = nextTimerEvent(this.cpu, now);
    if (this.nextEvent < this.chunkEnd) this.cpu.halt({ kind: 'event' });
  }

  /** The semihosting/PSCI view of the CPU. */
  private guestCall(): GuestCall {
    const cpu = this.cpu;
    return {
      x: (n) => cpu.x[n]!,
      setX: (n, v) => {
        cpu.x[n] = v;
      },
      readVirtual: (va, n) => this.readVirtual(va, n),
      exit: (code) => cpu.halt({ kind: 'exit', code }),
      halt: (why) => cpu.halt({ kind: 'halt', why }),
    };
  }

  /** Read guest memory through the current translation regime, as a debugger would (no exception is taken). */
  readVirtual(va: bigint, n: number): Uint8Array | undefined {
    const out = new Uint8Array(n);
    const tr = this.debugTr;
    for (let i = 0; i < n; i++) {
      const a = BigInt.asUintN(64, va + BigInt(i));
      if (!translate(this.cpu, Number(a & 0xffff_ffffn), Number(a >> 32n), ACC_READ, 1, this.cpu.el, tr)) return undefined;
      if (!this.mem.isRam(tr.pa)) return undefined;
      out[i] = this.mem.readU8(tr.pa);
    }
    return out;
  }
}
