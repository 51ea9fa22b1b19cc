// The QEMU `virt`-compatible board (`-M virt,virtualization=on -cpu cortex-a57 -nographic -semihosting
// -kernel FILE.elf`): one CPU, RAM at 0x4000_0000, a PL011 UART at 0x0900_0000, a GICv2 (distributor at
// 0x0800_0000, CPU interface at 0x0801_0000) whose PPIs 26/27/30 are the CPU's generic timers, semihosting on
// HLT #0xF000 (or none, as QEMU without -semihosting: `semihosting: false`) and PSCI on SMC. Anything else in the physical map is absent, so accesses to it take a
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
import { PAGE_SIZE, PhysMemory } from '../memory/phys.ts';
import { ACC_READ, TranslateResult } from '../mmu/result.ts';
import { translate } from '../mmu/translate.ts';
import { OutputBuffer } from './output.ts';

export const RAM_BASE = 0x4000_0000;
export const DEFAULT_RAM_MIB = 256;
const MIB = 1024 * 1024;

/**
 * The most RAM the board holds with `profile`'s physical address size: QEMU 7.2 (hw/arm/virt.c virt_set_memmap) puts
 * RAM at 1 GiB and refuses a memory map whose top, ROUND_UP(RAM_BASE + size, 1 GiB), passes 2^PARange ("Addressing
 * limited to 44 bits, but memory exceeds it by … bytes"; highmem on, its default; highmem=off would mean 32 bits).
 * On qemu-system-aarch64 7.2 -M virt,virtualization=on -cpu cortex-a57: -m 16383G starts, -m 16776193M does not.
 */
export function maxRamBytes(profile: Profile): number {
  return 2 ** profile.paBits - RAM_BASE;
}

/** Why the board cannot hold `bytes` of RAM with `profile` (one line), or undefined when it can. */
export function ramSizeProblem(bytes: bigint, profile: Profile): string | undefined {
  if (bytes <= 0n) return 'the RAM size must be more than zero';
  if (bytes % BigInt(PAGE_SIZE) !== 0n) return `0x${bytes.toString(16)} bytes is not a whole number of the machine's ${PAGE_SIZE / 1024} KiB RAM pages`;
  const max = maxRamBytes(profile);
  if (bytes > BigInt(max)) {
    return `0x${bytes.toString(16)} bytes is more than the virt board holds: its RAM starts at 0x${RAM_BASE.toString(16)} and must end by ` +
      `2^${profile.paBits} (the ${profile.name}'s physical address size), so at most 0x${max.toString(16)} bytes (${max / MIB} MiB)`;
  }
  return undefined;
}
/** Instructions per slice of a run: output is handed to `onOutput` between slices. */
const SLICE = 1 << 24;

export interface VirtOptions {
  readonly profile?: Profile;
  /** RAM size in bytes (ramSizeProblem says which the board holds); DEFAULT_RAM_MIB MiB when absent. */
  readonly ramBytes?: number;
  /**
   * QEMU's `-semihosting` (the default): HLT #0xF000 at EL1 and EL2 is a semihosting call, at EL0 it is not
   * (QEMU 7.2 needs `-semihosting-config userspace=on` for that). false is QEMU without it: HLT is UNDEFINED at every
   * EL, as on hardware with halting debug disabled — how hypervisor images run (src/hyp/image.ts machineFor).
   */
  readonly semihosting?: boolean;
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
    const profile = opts.profile ?? CORTEX_A57;
    const ramBytes = opts.ramBytes ?? DEFAULT_RAM_MIB * MIB;
    const bad = ramSizeProblem(BigInt(ramBytes), profile);
    if (bad !== undefined) throw new Error(`virt board: ${bad}`);
    this.mem = new PhysMemory(RAM_BASE, ramBytes);
    this.mem.mapDevice(PL011_BASE, PL011_SIZE, new Pl011((b) => this.stdout.push(b)));
    this.cpu = new Cpu(profile, this.mem);
    const cpu = this.cpu;
    this.gic = new GicV2((level) => cpu.setIrqLine(level));
    this.mem.mapDevice(GICD_BASE, GIC_REGION_SIZE, this.gic.distributor);
    this.mem.mapDevice(GICC_BASE, GIC_REGION_SIZE, this.gic.cpuInterface);
    // an MSR to a timer register during a run: its effect counts from the next instruction boundary
    cpu.timerChanged = () => this.timersChanged(this.chunkEnd >= 0 ? cpu.retired() + 1 : cpu.retired());
    this.semihosting = new Semihosting({ stdout: (b) => this.stdout.push(b), stderr: (b) => this.stderr.push(b) });
    const guest = this.guestCall();
    const semihosting = opts.semihosting ?? true;
    this.cpu.hooks = {
      // QEMU 7.2 target/arm translate-a64.c: semihosting_enabled(current_el == 0) — enabled, and above EL0 unless
      // -semihosting-config userspace=on (not offered here); otherwise HLT is UNDEFINED (EDSCR.HDE = 0, C6.2.173)
      hlt: (c, imm) => {
        if (!semihosting || imm !== SEMIHOSTING_HLT_IMM || c.el === 0) return false;
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
    // every segment's zero fill, then every segment's file bytes: QEMU's result (rom_reset writes only the file
    // bytes, into RAM that starts zeroed), where no fill clears another segment's bytes; the file bytes never overlap
    // (readElf refuses that, as QEMU does). The fills are merged first, so 65535 segments over the same gigabytes
    // cost one pass.
    const fills = image.segments
      .map((s) => [Number(s.paddr) + s.data.length, Number(s.paddr + s.memsz)] as const)
      .filter(([a, b]) => b > a)
      .sort((x, y) => x[0] - y[0]);
    let [start, end] = [0, 0];
    for (const [a, b] of fills) {
      if (a > end) {
        this.mem.zero(start, end - start);
        start = a;
      }
      end = Math.max(end, b);
    }
    this.mem.zero(start, end - start);
    for (const s of image.segments) this.mem.writeBytes(Number(s.paddr), s.data);
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
