// The device tree of the board the machine models, written by the machine itself (ARCH-NOTES §16d; QEMU 7.2
// hw/arm/virt.c create_fdt, fdt_add_cpu_nodes, fdt_add_timer_nodes, create_gic, create_uart, fdt_add_psci_node in
// hw/arm/boot.c). Node names, property values and phandles are QEMU's, so `twostage boot --dumpdtb` compares
// node by node with `qemu-system-aarch64 -M virt,virtualization=on,dumpdtb=F -cpu cortex-a57` (with a GICv3:
// `-M virt,virtualization=on,gic-version=3`). Only what is modelled is described: test/machine/virt-dt.test.ts checks every node with `reg` against the machine's bus, and
// lists QEMU's nodes that are left out (devices not modelled) with the reason.
import { GIC_MAINTENANCE_INTID, GICH_BASE, GICV_BASE } from '../devices/gic-virt.ts';
import { GIC_REGION_SIZE, GICC_BASE, GICD_BASE } from '../devices/gic.ts';
import { GICV3_DIST_BASE, GICV3_DIST_SIZE, GICV3_REDIST_BASE } from '../devices/gicv3.ts';
import { GITS_BASE, GITS_SIZE } from '../devices/gicv3-its.ts';
import { GICV2M_BASE, GICV2M_SIZE } from '../devices/gicv2m.ts';
import { FLASH_BANK_SIZE, FLASH_BANK_WIDTH, FLASH_BANKS, FLASH_BASE } from '../devices/pflash.ts';
import { PL031_BASE, PL031_SIZE } from '../devices/pl031.ts';
import { PL061_BASE, PL061_SIZE, POWER_BUTTON_LINE } from '../devices/pl061.ts';
import { PL011_BASE, PL011_SIZE } from '../devices/pl011.ts';
import { PMU_INTID } from '../cpu/pmu.ts';
import { PSCI_CPU_OFF, PSCI_CPU_ON_64, PSCI_CPU_SUSPEND_64, PSCI_MIGRATE_64 } from '../devices/psci.ts';
import { cells, cells64, EMPTY, type FdtNode, node, strings } from './fdt.ts';
import { ecamBuses, type HighMemmap, PCIE_MMIO, PCIE_PIO } from './virt-memmap.ts';

/** QEMU's phandles (qemu_fdt_alloc_phandle from 0x8000, in virt.c's order of allocation): the MSI controller — the
 *  GICv2m frame or the GICv3's ITS — takes the one after the GIC's. */
const PHANDLE = { clock: 0x8000, cpu0: 0x8001, gic: 0x8002, msi: 0x8003, gpio: 0x8004 } as const;

/** The interrupt controller of the board: QEMU's -M virt,gic-version=2 (its default) or 3. */
export type GicVersion = 2 | 3;
/** The GICv3 redistributor region as the tree describes it: room for virt's 123 redistributors (virt.c base_memmap
 *  VIRT_GIC_REDIST, 0xf6_0000), of which one PE's 128 KiB is mapped (src/devices/gicv3.ts GICV3_REDIST_SIZE). */
export const GICV3_REDIST_REGION = 0xf6_0000;
/** GICv3's maintenance interrupt (virt.c ARCH_GIC_MAINT_IRQ, PPI 9, INTID 25). */
const GICV3_MAINTENANCE_PPI = 9;

/** Interrupt specifier cells for the GICv2 binding (ARCH-NOTES §16d): type, number, flags. */
const GIC_SPI = 0;
const GIC_PPI = 1;
const IRQ_LEVEL_HIGH = 4;
/** GICv2 PPIs carry a CPU mask in flags bits 15:8: one CPU → 0x1 (virt.c fdt_add_timer_nodes, GIC_FDT_IRQ_PPI_CPU_*). */
const PPI_CPU_MASK_1 = 1 << 8;
/** Fixed 24 MHz APB clock every PrimeCell names (virt.c create_fdt "apb-pclk"). */
const APB_PCLK_HZ = 24_000_000;

/** SPI numbers (INTID - 32) of the board's devices (QEMU 7.2 virt.c a15irqmap). */
export const VIRT_SPI = { uart: 1, rtc: 2, pcieIntx: 3, gpio: 7 } as const;
/** Linux's KEY_POWER (include/uapi/linux/input-event-codes.h), what virt.c's gpio-keys node reports. */
const KEY_POWER = 0x74;
/** PPI numbers (INTID - 16) of the generic timers: secure EL1 physical, EL1 physical, virtual, EL2 physical. */
const TIMER_PPIS = [13, 14, 11, 10] as const;

export interface BoardDescription {
  readonly gicVersion: GicVersion;
  readonly ramBase: number;
  readonly ramSize: number;
  readonly memmap: HighMemmap;
}

const reg = (...addrSize: number[]) => cells64(...addrSize);
/** PPI flags: a GICv2 binding carries the CPU mask in bits 15:8, a GICv3 one none (virt.c fdt_add_timer_nodes). */
const ppiFlags = (v: GicVersion) => (v === 2 ? PPI_CPU_MASK_1 : 0) | IRQ_LEVEL_HIGH;
const spi = (n: number) => cells(GIC_SPI, n, IRQ_LEVEL_HIGH);

/** The whole tree: root properties, then the nodes QEMU's create_fdt and machvirt_init add for what is modelled. */
export function virtTree(b: BoardDescription): FdtNode {
  return node(
    '',
    {
      'interrupt-parent': cells(PHANDLE.gic),
      model: strings('linux,dummy-virt'),
      '#size-cells': cells(2),
      '#address-cells': cells(2),
      compatible: strings('linux,dummy-virt'),
    },
    [
      psciNode(),
      node(`memory@${b.ramBase.toString(16)}`, { reg: reg(b.ramBase, b.ramSize), device_type: strings('memory') }),
      node(`pl011@${PL011_BASE.toString(16)}`, {
        'clock-names': strings('uartclk', 'apb_pclk'),
        clocks: cells(PHANDLE.clock, PHANDLE.clock),
        interrupts: spi(VIRT_SPI.uart),
        reg: reg(PL011_BASE, PL011_SIZE),
        compatible: strings('arm,pl011', 'arm,primecell'),
      }),
      gicNode(b.gicVersion),
      node(`pl031@${PL031_BASE.toString(16)}`, {
        'clock-names': strings('apb_pclk'), clocks: cells(PHANDLE.clock), interrupts: spi(VIRT_SPI.rtc),
        reg: reg(PL031_BASE, PL031_SIZE), compatible: strings('arm,pl031', 'arm,primecell'),
      }),
      node(`pl061@${PL061_BASE.toString(16)}`, {
        phandle: cells(PHANDLE.gpio), 'clock-names': strings('apb_pclk'), clocks: cells(PHANDLE.clock), interrupts: spi(VIRT_SPI.gpio),
        'gpio-controller': EMPTY, '#gpio-cells': cells(2), compatible: strings('arm,pl061', 'arm,primecell'), reg: reg(PL061_BASE, PL061_SIZE),
      }),
      node('gpio-keys', { compatible: strings('gpio-keys') }, [
        node('poweroff', { gpios: cells(PHANDLE.gpio, POWER_BUTTON_LINE, 0), 'linux,code': cells(KEY_POWER), label: strings('GPIO Key Poweroff') }),
      ]),
      pcieNode(b.memmap),
      // virt.c virt_flash_fdt without secure=on: one cfi-flash node for both banks, bank-width 4 bytes
      node(`flash@${FLASH_BASE.toString(16)}`, {
        'bank-width': cells(FLASH_BANK_WIDTH),
        reg: reg(...Array.from({ length: FLASH_BANKS }, (_, i) => [FLASH_BASE + i * FLASH_BANK_SIZE, FLASH_BANK_SIZE]).flat()),
        compatible: strings('cfi-flash'),
      }),
      cpusNode(),
      node('pmu', { interrupts: cells(GIC_PPI, PMU_INTID - 16, ppiFlags(b.gicVersion)), compatible: strings('arm,armv8-pmuv3') }),
      node('timer', {
        interrupts: cells(...TIMER_PPIS.flatMap((p) => [GIC_PPI, p, ppiFlags(b.gicVersion)])),
        'always-on': EMPTY,
        compatible: strings('arm,armv8-timer', 'arm,armv7-timer'),
      }),
      node('apb-pclk', {
        phandle: cells(PHANDLE.clock),
        'clock-output-names': strings('clk24mhz'),
        'clock-frequency': cells(APB_PCLK_HZ),
        '#clock-cells': cells(0),
        compatible: strings('fixed-clock'),
      }),
      // no rng-seed/kaslr-seed: the machine is deterministic (QEMU's dtb-randomness=off leaves them out too)
      node('chosen', { 'stdout-path': strings(`/pl011@${PL011_BASE.toString(16)}`) }),
    ],
  );
}

/**
 * The interrupt controller as virt.c create_gic writes it. GICv2: GICD, GICC, GICH and GICV (each described as 64 KiB,
 * virt.c base_memmap), the maintenance interrupt, and the GICv2m frame. GICv3: GICD and one redistributor region, the
 * maintenance interrupt (PPI 9), and the ITS (virt.c create_its: its control and translation frames).
 */
function gicNode(v: GicVersion): FdtNode {
  const common = {
    ranges: EMPTY,
    '#size-cells': cells(2),
    '#address-cells': cells(2),
    'interrupt-controller': EMPTY,
    '#interrupt-cells': cells(3),
  };
  if (v === 3) {
    return node(`intc@${GICV3_DIST_BASE.toString(16)}`, {
      phandle: cells(PHANDLE.gic),
      interrupts: cells(GIC_PPI, GICV3_MAINTENANCE_PPI, IRQ_LEVEL_HIGH),
      reg: reg(GICV3_DIST_BASE, GICV3_DIST_SIZE, GICV3_REDIST_BASE, GICV3_REDIST_REGION),
      '#redistributor-regions': cells(1),
      compatible: strings('arm,gic-v3'),
      ...common,
    }, [
      node(`its@${GITS_BASE.toString(16)}`, {
        phandle: cells(PHANDLE.msi),
        reg: reg(GITS_BASE, GITS_SIZE),
        '#msi-cells': cells(1),
        'msi-controller': EMPTY,
        compatible: strings('arm,gic-v3-its'),
      }),
    ]);
  }
  return node(`intc@${GICD_BASE.toString(16)}`, {
    phandle: cells(PHANDLE.gic),
    // the maintenance interrupt: PPI, no CPU mask (virt.c create_gic)
    interrupts: cells(GIC_PPI, GIC_MAINTENANCE_INTID - 16, IRQ_LEVEL_HIGH),
    // GICD, GICC, and with virtualization=on GICH and GICV, each described as 64 KiB (virt.c base_memmap)
    reg: reg(GICD_BASE, GIC_REGION_SIZE, GICC_BASE, GIC_REGION_SIZE, GICH_BASE, GIC_REGION_SIZE, GICV_BASE, GIC_REGION_SIZE),
    compatible: strings('arm,cortex-a15-gic'),
    ...common,
  }, [
    node(`v2m@${GICV2M_BASE.toString(16)}`, {
      phandle: cells(PHANDLE.msi), reg: reg(GICV2M_BASE, GICV2M_SIZE), 'msi-controller': EMPTY, compatible: strings('arm,gic-v2m-frame'),
    }),
  ]);
}

/**
 * /psci as hw/arm/boot.c fdt_add_psci_node writes it for an AArch64 CPU with PSCI 1.x: the SMC conduit, because with
 * virtualization=on the guest owns EL2 (virt.c machvirt_init).
 */
export function psciNode(): FdtNode {
  return node('psci', {
    migrate: cells(PSCI_MIGRATE_64),
    cpu_on: cells(PSCI_CPU_ON_64),
    cpu_off: cells(PSCI_CPU_OFF),
    cpu_suspend: cells(PSCI_CPU_SUSPEND_64),
    method: strings('smc'),
    compatible: strings('arm,psci-1.0', 'arm,psci-0.2', 'arm,psci'),
  });
}

/**
 * /pcie as virt.c create_pcie writes it: the ECAM (bus 0: the host bridge's function and the --device ones), the
 * windows, MSIs through the v2m frame or the ITS (msi-map: every requester ID to the same device ID), and INTA–INTD
 * of slots 0–3 swizzled onto SPIs 3–6.
 */
function pcieNode(mm: HighMemmap): FdtNode {
  const map: number[] = [];
  for (let slot = 0; slot < 4; slot++) {
    for (let pin = 0; pin < 4; pin++) map.push(slot << 11, 0, 0, pin + 1, PHANDLE.gic, 0, 0, GIC_SPI, VIRT_SPI.pcieIntx + ((pin + slot) % 4), IRQ_LEVEL_HIGH);
  }
  const range = (space: number, pci: number, cpu: number, size: number) => [space, ...cells64Words(pci), ...cells64Words(cpu), ...cells64Words(size)];
  return node(`pcie@${PCIE_MMIO.base.toString(16)}`, {
    'interrupt-map-mask': cells(0x1800, 0, 0, 7),
    'interrupt-map': cells(...map),
    '#interrupt-cells': cells(1),
    ranges: cells(
      // the windows (virt-memmap.ts): I/O port space, 32-bit and 64-bit MMIO
      ...range(0x0100_0000, 0, PCIE_PIO.base, PCIE_PIO.size),
      ...range(0x0200_0000, PCIE_MMIO.base, PCIE_MMIO.base, PCIE_MMIO.size),
      ...(mm.mmioHigh === undefined ? [] : range(0x0300_0000, mm.mmioHigh.base, mm.mmioHigh.base, mm.mmioHigh.size)),
    ),
    reg: reg(mm.ecam.base, mm.ecam.size),
    'msi-map': cells(0, PHANDLE.msi, 0, 0x10000),
    'dma-coherent': EMPTY,
    'bus-range': cells(0, ecamBuses(mm.ecam) - 1),
    'linux,pci-domain': cells(0),
    '#size-cells': cells(2),
    '#address-cells': cells(3),
    device_type: strings('pci'),
    compatible: strings('pci-host-ecam-generic'),
  });
}

function cells64Words(v: number): [number, number] {
  return [Math.floor(v / 2 ** 32), v % 2 ** 32];
}

/** /cpus with the one Cortex-A57 and its cpu-map (virt.c fdt_add_cpu_nodes; no enable-method with one CPU, as QEMU). */
function cpusNode(): FdtNode {
  return node('cpus', { '#size-cells': cells(0), '#address-cells': cells(1) }, [
    node('cpu-map', {}, [node('socket0', {}, [node('cluster0', {}, [node('core0', { cpu: cells(PHANDLE.cpu0) })])])]),
    node('cpu@0', { phandle: cells(PHANDLE.cpu0), reg: cells(0), compatible: strings('arm,cortex-a57'), device_type: strings('cpu') }),
  ]);
}
