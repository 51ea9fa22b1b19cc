// The device tree of a VM the reference hypervisor hosts: the part of the board's own tree (src/machine/virt-dt.ts,
// QEMU's node for node) that a VM sees, at the same addresses — its RAM, the PL011 the hypervisor emulates, the GIC's
// distributor and CPU interface (the guest's GICC is where the hypervisor maps GICV through stage 2, as KVM's vgic-v2
// does), the generic timer, the CPU — and PSCI through HVC to the hypervisor. The board's other devices are not the
// VM's and are left out.
import { GICC_BASE, GICD_BASE, GIC_REGION_SIZE } from '../devices/gic.ts';
import { GICV_BASE, GICV_SIZE } from '../devices/gic-virt.ts';
import { cells64, type FdtNode, strings } from '../machine/fdt.ts';
import { setChosen, type ChosenArgs } from '../machine/linux-boot.ts';
import { highMemmap } from '../machine/virt-memmap.ts';
import { virtTree } from '../machine/virt-dt.ts';

/** The VM's GIC CPU interface: the guest finds it where the board's GICC is; stage 2 backs it with GICV. */
export const VM_GICC_IPA = GICC_BASE;
export const VM_GICD_IPA = GICD_BASE;

/** The stage-2 mapping that backs a Linux VM's GICC with the machine's GICV frame (GICV_CTLR … GICV_DIR at +0x1000), as
 *  KVM's vgic_v2_map_resources does; `granule` bytes at least, the smallest a stage-2 leaf maps. */
export function vmGicvMapping(granule: number): { ipa: number; pa: number; size: number } {
  return { ipa: VM_GICC_IPA, pa: GICV_BASE, size: Math.max(GICV_SIZE, granule) };
}

/**
 * The board's top-level nodes a VM keeps, by name without unit address. Left out: pcie, pl031, pl061 and gpio-keys
 * (devices the hypervisor does not emulate: an access would stop the VM) and pmu (the PMU registers trap to EL2,
 * MDCR_EL2.TPM, context-state.ts HYP_TRAPS).
 */
const KEPT = new Set(['psci', 'memory', 'pl011', 'intc', 'cpus', 'timer', 'apb-pclk', 'chosen']);

const baseName = (n: FdtNode): string => n.name.replace(/@.*$/, '');

/** The VM's tree: RAM = [ramBase, ramBase + ramSize) of its IPA space, and /chosen with the command line and initrd. */
export function vmTree(ramBase: number, ramSize: number, chosen: ChosenArgs): FdtNode {
  // /memory describes the VM's RAM; the memmap only places /pcie, which is dropped; the VM's GIC is a GICv2 (the
  // hypervisor gives it the GICv2 virtual CPU interface)
  const tree = virtTree({ gicVersion: 2, ramBase, ramSize, memmap: highMemmap(0, 32) });
  const kept = tree.children.filter((n) => KEPT.has(baseName(n)));
  tree.children.length = 0;
  tree.children.push(...kept);
  for (const n of kept) {
    if (baseName(n) === 'psci') n.props.set('method', strings('hvc')); // PSCI calls go to the hypervisor (DEN 0022 §5.2 conduit)
    if (baseName(n) === 'intc') {
      // GICD and GICC only: GICH, GICV and the maintenance interrupt are the hypervisor's; no GICv2m frame (no MSIs)
      n.props.set('reg', cells64(VM_GICD_IPA, GIC_REGION_SIZE, VM_GICC_IPA, GIC_REGION_SIZE));
      n.props.delete('interrupts');
      n.children.length = 0;
    }
  }
  setChosen(tree, chosen);
  return tree;
}
