// The QEMU `virt`-compatible board (`-M virt,virtualization=on -cpu cortex-a57 -nographic -semihosting
// -kernel FILE.elf`): one CPU, RAM at 0x4000_0000, a PL011 UART at 0x0900_0000, a GICv2 (distributor at
// 0x0800_0000, CPU interface at 0x0801_0000) whose PPIs 26/27/30 are the CPU's generic timers and PPI 23 its PMU,
// the GICv2m MSI frame (0x0802_0000), the PL031 RTC (0x0901_0000, SPI 2), the PL061 GPIO with the power button
// (0x0903_0000, SPI 7), the two CFI flash banks (0x0 and 0x0400_0000, empty: QEMU's without -drive or -bios), an
// empty PCIe ECAM (0x40_1000_0000 with up to 255 GiB of RAM; virt-memmap.ts says where) and windows (all ones),
// semihosting on HLT #0xF000 (or none, as QEMU without -semihosting: `semihosting: false`) and PSCI on SMC; the device
// tree describes exactly these (virt-dt.ts). Anything else in the physical map is absent, so accesses to it take a
// synchronous external abort (QEMU's virt board raises the same for unassigned addresses).
//
// With `gicVersion: 3` (QEMU's -M virt,gic-version=3, the ITS on by default): a GICv3 instead (src/devices/gicv3.ts:
// distributor at 0x0800_0000, one PE's redistributor at 0x080a_0000, with LPIs; no GICC, GICH, GICV or GICv2m; its
// CPU interface is the ICC_* system registers, so the CPU's ID_AA64PFR0_EL1.GIC = 1), signalling Group 1 as IRQ and
// Group 0 as FIQ, and its ITS at 0x0808_0000 (src/devices/gicv3-its.ts); the same devices on the same INTIDs.
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
import { CORTEX_A57, type Profile, withGicV3 } from '../arch/profiles.ts';
import { Cpu, type StopReason } from '../cpu/cpu.ts';
import { nextPmuOverflow, PMU_INTID, pmuInterrupt, pmuSync } from '../cpu/pmu.ts';
import { nextTimerEvent, TIMERS, timerOutput } from '../cpu/timer.ts';
import { GIC_REGION_SIZE, GICC_BASE, GICD_BASE, GicV2 } from '../devices/gic.ts';
import { GICV3_DIST_BASE, GICV3_DIST_SIZE, GICV3_REDIST_BASE, GICV3_REDIST_SIZE, GicV3 } from '../devices/gicv3.ts';
import { GicV3Its, GITS_BASE, GITS_SIZE } from '../devices/gicv3-its.ts';
import type { GuestCall } from '../devices/guest.ts';
import { Pl011, PL011_BASE, PL011_SIZE } from '../devices/pl011.ts';
import { GIC_MAINTENANCE_INTID, GICH_BASE, GICH_SIZE, GICV_BASE, GICV_SIZE, GicVirtInterface } from '../devices/gic-virt.ts';
import { GICV2M_BASE, GICV2M_SIZE, GicV2m } from '../devices/gicv2m.ts';
import { PciBus, PcieEcam, PcieWindow } from '../devices/pcie.ts';
import { PciTestdev } from '../devices/pci-testdev.ts';
import type { PciFunction } from '../devices/pci-function.ts';
import { FLASH_BANK_SIZE, FLASH_BANKS, FLASH_BASE, Pflash } from '../devices/pflash.ts';
import { Pl031, PL031_BASE, PL031_SIZE } from '../devices/pl031.ts';
import { Pl061, PL061_BASE, PL061_SIZE } from '../devices/pl061.ts';
import { psciCall } from '../devices/psci.ts';
import { Semihosting, SEMIHOSTING_HLT_IMM } from '../devices/semihosting.ts';
import type { ElfImage } from '../elf/read.ts';
import { decodeFdt, encodeFdt, type FdtNode } from './fdt.ts';
import {
  bootStub, type Arm64Image, dtbTooLarge, editUserDtb, layoutLinux, type LinuxLayout, MACHINE_DTB_SIZE, setChosen, USER_DTB_SLACK,
} from './linux-boot.ts';
import { type GicVersion, psciNode, VIRT_SPI, virtTree } from './virt-dt.ts';
import { highMemmap, type HighMemmap, PCIE_MMIO, PCIE_PIO, RAM_BASE } from './virt-memmap.ts';
import { type Device, PAGE_SIZE, PhysMemory } from '../memory/phys.ts';
import { Arena, arenaFits } from '../memory/arena.ts';
import { ACC_READ, TranslateResult } from '../mmu/result.ts';
import type { Tlb } from '../mmu/tlb.ts';
import { translate } from '../mmu/translate.ts';
import { OutputBuffer } from './output.ts';

export { RAM_BASE };
/** QEMU virt's default RAM (hw/arm/virt.c default_ram_size): the same ELF sees the same memory on both. */
export const DEFAULT_RAM_MIB = 128;
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
/** CNTFRQ_EL0: one count per instruction stands for one 62.5 MHz tick. */
export const COUNTER_HZ = 62_500_000;
/** Instructions per slice of a run: output is handed to `onOutput` between slices. */
const SLICE = 1 << 24;

export interface VirtOptions {
  readonly profile?: Profile;
  /** The interrupt controller: 2 (the default, QEMU virt's) or 3 (QEMU's gic-version=3: a GICv3 and its ITS). */
  readonly gicVersion?: GicVersion;
  /** RAM size in bytes (ramSizeProblem says which the board holds); DEFAULT_RAM_MIB MiB when absent. */
  readonly ramBytes?: number;
  /**
   * QEMU's `-semihosting` (the default): HLT #0xF000 at EL1 and EL2 is a semihosting call, at EL0 it is not
   * (QEMU 7.2 needs `-semihosting-config userspace=on` for that). false is QEMU without it: HLT is UNDEFINED at every
   * EL, as on hardware with halting debug disabled — how hypervisor images run (src/hyp/image.ts machineFor).
   */
  readonly semihosting?: boolean;
  /** The PE's architectural TLB (default: the CPU's own size). */
  readonly tlb?: Tlb;
  /** Devices plugged into the PCIe bus after its host bridge, one slot each, in order (QEMU's `-device NAME`). */
  readonly pciDevices?: readonly PciDeviceName[];
  /**
   * Translated blocks the wasm tier can make are WebAssembly functions (src/cpu/wasm/; the default). Needs the arena
   * (RAM up to 4 GiB less 64 KiB) and the CPU's own TLB: without them, or false, every block is JavaScript.
   */
  readonly wasm?: boolean;
}

/** The PCI devices the machine can be given (QEMU's -device names). */
export const PCI_DEVICES = ['pci-testdev'] as const;
export type PciDeviceName = (typeof PCI_DEVICES)[number];
export const isPciDevice = (name: string): name is PciDeviceName => (PCI_DEVICES as readonly string[]).includes(name);
const PCI_DEVICE: Readonly<Record<PciDeviceName, () => PciFunction>> = { 'pci-testdev': () => new PciTestdev().fn };

export interface LinuxLoadOptions {
  readonly initrd?: Uint8Array;
  /** The kernel command line (/chosen bootargs); empty or absent: none. */
  readonly append?: string;
  /** A device tree blob to use instead of the machine's (edited as QEMU does: memory, /chosen, /psci). */
  readonly dtb?: Uint8Array;
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
  readonly gicVersion: GicVersion;
  /** The GICv2 of a gicVersion 2 board (undefined with a GICv3). */
  readonly gic: GicV2 | undefined;
  /** The GICv3 of a gicVersion 3 board (undefined with a GICv2). */
  readonly gicv3: GicV3 | undefined;
  /** The GICv3's ITS (undefined with a GICv2). */
  readonly its: GicV3Its | undefined;
  /** Where the PCIe ECAM and 64-bit window are for this RAM size. */
  readonly memmap: HighMemmap;
  /** The GICv2 virtualization interface (GICH, GICV) of a gicVersion 2 board. */
  readonly gicVirt: GicVirtInterface | undefined;
  /** An interrupt input of the board's GIC: a PPI (16-31) or an SPI (32 + n). */
  private readonly irqInput: (intid: number, level: boolean) => void;
  /** The UART (stdout, and the receive FIFO fed from `input`). */
  readonly uart: Pl011;
  private stopRequest: string | null = null;
  /** Bytes typed for the UART that its receive FIFO has not taken yet (fed between slices of a run). */
  private readonly input: number[] = [];
  /** The CFI flash banks at 0x0 and 0x0400_0000 (QEMU's pflash0 and pflash1). */
  readonly flash: readonly Pflash[];
  /** The GPIO controller; its line 3 is the power button. */
  readonly gpio: Pl061;
  readonly stdout = new OutputBuffer();
  /** Every MMIO region on the bus. */
  readonly bus: { readonly base: number; readonly size: number; readonly name: string }[] = [];
  readonly stderr = new OutputBuffer();
  private readonly semihosting: Semihosting;
  private readonly debugTr = new TranslateResult();
  /** Count at which the next timer output may change (Infinity: none armed). */
  private nextEvent = Infinity;
  /** Count at which the CPU run in progress ends; -1 outside VirtMachine.run. */
  private chunkEnd = -1;

  constructor(opts: VirtOptions = {}) {
    this.gicVersion = opts.gicVersion ?? 2;
    // ID_AA64PFR0_EL1.GIC = 1 exactly when the GIC system registers exist (QEMU: a GICv3 registers them)
    const profile = this.gicVersion === 3 ? withGicV3(opts.profile ?? CORTEX_A57) : opts.profile ?? CORTEX_A57;
    const ramBytes = opts.ramBytes ?? DEFAULT_RAM_MIB * MIB;
    const bad = ramSizeProblem(BigInt(ramBytes), profile);
    if (bad !== undefined) throw new Error(`virt board: ${bad}`);
    // RAM and the register file in one WebAssembly.Memory when RAM fits one (4 GiB less its state page: arena.ts)
    this.mem = new PhysMemory(RAM_BASE, ramBytes, arenaFits(ramBytes) ? new Arena(ramBytes) : undefined);
    this.memmap = highMemmap(ramBytes, profile.paBits);
    // virt.c virt_flash_create1/virt_flash_map: "virt.flash0" then "virt.flash1", each one bank of the flash window
    this.flash = Array.from({ length: FLASH_BANKS }, (_, i) => new Pflash(`virt.flash${i}`));
    for (const [i, bank] of this.flash.entries()) this.map(FLASH_BASE + i * FLASH_BANK_SIZE, FLASH_BANK_SIZE, bank);
    this.uart = new Pl011((b) => this.stdout.push(b), (level) => this.irqInput(32 + VIRT_SPI.uart, level));
    this.map(PL011_BASE, PL011_SIZE, this.uart);
    this.cpu = new Cpu(profile, this.mem, opts.tlb);
    const cpu = this.cpu;
    if (opts.wasm !== false && this.mem.arena !== undefined && cpu.tlb.inArena) cpu.enableWasm();
    if (this.gicVersion === 3) {
      // Group 1 is the IRQ, Group 0 the FIQ (IHI 0069 "Interrupt grouping"); the ICC_* registers reach it
      const gic = new GicV3((level) => cpu.setIrqLine(level), (level) => cpu.setFiqLine(level), {
        virq: (level) => cpu.setVirqLine(level),
        vfiq: (level) => cpu.setVfiqLine(level),
      }, this.mem);
      this.gicv3 = gic;
      cpu.gic = gic;
      this.irqInput = (id, level) => gic.setLevel(id, level);
      this.map(GICV3_DIST_BASE, GICV3_DIST_SIZE, gic.distributor);
      this.map(GICV3_REDIST_BASE, GICV3_REDIST_SIZE, gic.redistributor);
      // the ITS makes LPIs pending in the redistributor; its tables, like the LPI tables, are in guest memory
      this.its = new GicV3Its(this.mem, gic.lpis);
      this.map(GITS_BASE, GITS_SIZE, this.its.mmio);
    } else {
      const gic = new GicV2((level) => cpu.setIrqLine(level), (level) => cpu.setFiqLine(level));
      this.gic = gic;
      this.irqInput = (id, level) => gic.setLevel(id, level);
      this.map(GICD_BASE, GIC_REGION_SIZE, gic.distributor);
      this.map(GICC_BASE, GIC_REGION_SIZE, gic.cpuInterface);
      this.gicVirt = new GicVirtInterface({
        virq: (level) => cpu.setVirqLine(level),
        maintenance: (level) => gic.setLevel(GIC_MAINTENANCE_INTID, level),
        deactivatePhysical: (id) => gic.deactivatePhysical(id),
      });
      this.map(GICH_BASE, GICH_SIZE, this.gicVirt.control);
      this.map(GICV_BASE, GICV_SIZE, this.gicVirt.cpu);
      this.map(GICV2M_BASE, GICV2M_SIZE, new GicV2m((id) => {
        gic.setLevel(id, true); // an MSI is an edge on its SPI
        gic.setLevel(id, false);
      }));
    }
    const spi = (n: number) => (level: boolean) => this.irqInput(32 + n, level);
    // the RTC's seconds: the instruction count at CNTFRQ_EL0's 62.5 MHz
    this.map(PL031_BASE, PL031_SIZE, new Pl031(() => cpu.time() / COUNTER_HZ, spi(VIRT_SPI.rtc)));
    this.gpio = new Pl061(spi(VIRT_SPI.gpio));
    this.map(PL061_BASE, PL061_SIZE, this.gpio);
    const pci = new PciBus();
    for (const d of opts.pciDevices ?? []) pci.plug(PCI_DEVICE[d]());
    this.map(this.memmap.ecam.base, this.memmap.ecam.size, new PcieEcam(pci));
    // the host bridge's windows: the I/O window's first byte is port 0, the MMIO windows are bus address = PA (virt.c)
    this.map(PCIE_PIO.base, PCIE_PIO.size, new PcieWindow('pcie-pio', pci, 'io', 0));
    this.map(PCIE_MMIO.base, PCIE_MMIO.size, new PcieWindow('pcie-mmio', pci, 'mem', PCIE_MMIO.base));
    if (this.memmap.mmioHigh !== undefined) this.map(this.memmap.mmioHigh.base, this.memmap.mmioHigh.size, new PcieWindow('pcie-mmio-high', pci, 'mem', this.memmap.mmioHigh.base));
    // an MSR to a timer register during a run: its effect counts from the next instruction boundary
    cpu.timerChanged = () => this.timersChanged(this.chunkEnd >= 0 ? cpu.time() + 1 : cpu.time());
    cpu.idle = () => this.idle();
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
    this.resetAt(image.entry);
    return undefined;
  }

  /** Put a device on the bus (and in `bus`, which the device-tree tests hold against the tree). */
  private map(base: number, size: number, device: Device): void {
    this.mem.mapDevice(base, size, device);
    this.bus.push({ base, size, name: device.name });
  }

  /** The device tree of this board as the machine describes it (virt-dt.ts). */
  deviceTree(): FdtNode {
    return virtTree({ gicVersion: this.gicVersion, ramBase: RAM_BASE, ramSize: this.mem.ramSize, memmap: this.memmap });
  }

  /**
   * Load a Linux Image as QEMU's `-kernel Image [-initrd] [-append] [-dtb]` does (linux-boot.ts): kernel, initrd and
   * device tree in RAM, the boot stub at the start of RAM, and the CPU reset there in EL2h. Returns the layout and the
   * DTB written, or a diagnostic.
   */
  loadLinux(img: Arm64Image, opts: LinuxLoadOptions): { layout: LinuxLayout; dtb: Uint8Array } | string {
    const initrd = opts.initrd ?? new Uint8Array(0);
    const plan = layoutLinux(img, initrd.length, RAM_BASE, this.mem.ramSize);
    if (!plan.ok) return plan.error;
    const layout = plan.value;
    const chosen = { append: opts.append ?? '', initrd: { start: layout.initrdStart, size: initrd.length } };
    let tree: FdtNode;
    if (opts.dtb !== undefined) {
      // the size QEMU would hand over, before decoding: a blob Linux refuses is not worth a tree of its nodes
      const big = dtbTooLarge(opts.dtb.length + USER_DTB_SLACK);
      if (big !== undefined) return `--dtb: ${big}`;
      const user = decodeFdt(opts.dtb);
      if (!user.ok) return `--dtb: ${user.error}`;
      const edited = editUserDtb(user.root, RAM_BASE, this.mem.ramSize, chosen, psciNode());
      if (!edited.ok) return `--dtb: ${edited.error}`;
      tree = edited.value;
    } else {
      tree = this.deviceTree();
      setChosen(tree, chosen);
    }
    const dtb = encodeFdt(tree, opts.dtb !== undefined ? opts.dtb.length + USER_DTB_SLACK : MACHINE_DTB_SIZE);
    const big = dtbTooLarge(dtb.length);
    if (big !== undefined) return big;
    if (layout.dtbStart + dtb.length > this.mem.ramEnd) return 'not enough space for the device tree after kernel/initrd';
    this.mem.writeBytes(RAM_BASE, bootStub(layout.dtbStart, layout.entry));
    this.mem.writeBytes(layout.entry, img.bytes);
    this.mem.writeBytes(layout.initrdStart, initrd);
    this.mem.writeBytes(layout.dtbStart, dtb);
    this.resetAt(BigInt(RAM_BASE)); // QEMU's reset PC for a Linux boot: the stub
    return { layout, dtb };
  }

  /** Reset the CPU into EL2h at `pc` and the interrupt state with it. */
  private resetAt(pc: bigint): void {
    this.cpu.reset(pc);
    this.gic?.reset();
    this.gicVirt?.reset();
    this.gicv3?.reset();
    this.its?.reset();
    for (const bank of this.flash) bank.reset();
    this.timersChanged(this.cpu.time());
  }

  /**
   * Run until the guest exits or stops, or `budget` instructions have executed. `onOutput` receives the
   * stdout/stderr bytes produced since its previous call, between slices of the run and at the end.
   */
  run(budget: number, onOutput?: (stdout: Uint8Array, stderr: Uint8Array) => void): RunResult {
    const cpu = this.cpu;
    const start = cpu.icount;
    let stop: StopReason;
    this.stopRequest = null;
    for (;;) {
      stop = this.chunk(Math.min(SLICE, budget - (cpu.icount - start)));
      if (onOutput !== undefined) onOutput(this.stdout.drain(), this.stderr.drain());
      if (this.stopRequest !== null) stop = { kind: 'halt', why: this.stopRequest };
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

  /** Ask a run in progress to stop after its current slice (from its onOutput callback: the user's escape key). */
  requestStop(why: string): void {
    this.stopRequest = why;
  }

  /** Bytes queued by feedInput that have not entered the UART's receive FIFO yet. */
  get inputPending(): number {
    return this.input.length;
  }

  /** Queue bytes for the UART's receive line (a terminal's keystrokes); they enter its FIFO as it has room. */
  feedInput(bytes: Uint8Array): void {
    for (const b of bytes) this.input.push(b);
  }

  /** Run the CPU for at most `n` instructions, and no further than the next timer deadline. */
  private chunk(n: number): StopReason {
    const cpu = this.cpu;
    let k = 0;
    while (k < this.input.length && this.uart.receive(this.input[k]!)) k++;
    if (k > 0) this.input.splice(0, k);
    this.timersChanged(cpu.time()); // between runs: raise what fired at this boundary
    const len = Math.min(n, this.nextEvent - cpu.time());
    this.chunkEnd = cpu.time() + len; // in system-counter ticks, like nextEvent
    const stop = cpu.run(len);
    this.chunkEnd = -1;
    return stop;
  }

  /**
   * The timers' outputs at count `now` go to their PPIs, the PMU's overflow request to PPI 7 (INTID 23) (the GIC drives the CPU's IRQ line); the next deadline is
   * noted, and a run in progress that would pass it stops after the current instruction.
   */
  private timersChanged(now: number): void {
    const cpu = this.cpu;
    for (const t of TIMERS) this.irqInput(t.intid, timerOutput(cpu, t, now));
    pmuSync(cpu); // counters up to date: an overflow due by now has set its flag
    this.irqInput(PMU_INTID, pmuInterrupt(cpu));
    this.nextEvent = Math.min(nextTimerEvent(cpu, now), nextPmuOverflow(cpu) + cpu.idleTicks); // PMU: instructions
    if (this.nextEvent < this.chunkEnd) this.cpu.halt({ kind: 'event' });
  }

  /**
   * A WFI with nothing pending: the system counter jumps to the next timer deadline, so the instruction after the WFI
   * runs at that count and the interrupt is taken before it. No deadline armed: the WFI completes at once.
   */
  private idle(): void {
    const cpu = this.cpu;
    const next = nextTimerEvent(cpu, cpu.time());
    if (next === Infinity) return;
    cpu.idleTicks += Math.max(0, next - (cpu.time() + 1)); // the WFI itself is the tick before the deadline
    cpu.halt({ kind: 'event' }); // end the chunk: the machine raises the timer's interrupt at the new count
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
