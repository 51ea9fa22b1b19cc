// The virtual CPU interface side of the reference hypervisor's vGIC (issue 17; KVM's vgic-v2 save/restore and arch
// timer in the manner, not the code): the GICv2 virtual interface control (GICH) is one per PE and shared by every
// context, so the switch saves its state (GICH_HCR, VMCR, APR, LR0–LR3) into the outgoing context's entry and loads
// the incoming one's (src/hyp/asm/vgic.S) — a context without a vGIC loads zeros: GICH_HCR.En = 0, no list register,
// so no virtual interrupt of another context can reach it. A Linux VM's virtual timer (PPI 27) is delivered through
// list register 0 as a hardware interrupt (LR.HW = 1, PhysicalID 27): the guest's EOI through GICV deactivates the
// physical PPI 27, which the hypervisor keeps active while the interrupt is in the LR, while the timer's output is
// high and undeliverable, and whenever a context without a vGIC runs (its timer never interrupts anyone).
import { GICH_BASE, HCR_EN, HCR_UIE, LR_ACTIVE, LR_EOI, LR_HW, LR_PENDING, LR_PHYS_SHIFT, LR_PRIO_SHIFT, NUM_LRS } from '../devices/gic-virt.ts';
import { TIMERS } from '../cpu/timer.ts';

/** The EL1 virtual timer's interrupt (PPI 11, INTID 27). */
export const VTIMER_INTID = TIMERS.find((t) => t.virtual)!.intid;

/** The per-context block C_VGIC: GICH_HCR, GICH_VMCR, GICH_APR, a pad word, then LR0–LR3 (32-bit words). */
export const VGIC_HCR = 0;
export const VGIC_VMCR = 4;
export const VGIC_APR = 8;
export const VGIC_LR = 16;
export const VGIC_BYTES = VGIC_LR + 4 * NUM_LRS;

/** The GICH registers the switch moves, with their offsets in GICH and in the block C_VGIC. */
export const GICH_SWITCHED: readonly { readonly name: string; readonly gich: number; readonly block: number }[] = [
  { name: 'GICH_HCR', gich: 0x000, block: VGIC_HCR },
  { name: 'GICH_VMCR', gich: 0x008, block: VGIC_VMCR },
  { name: 'GICH_APR', gich: 0x0f0, block: VGIC_APR },
  ...Array.from({ length: NUM_LRS }, (_, n) => ({ name: `GICH_LR${n}`, gich: 0x100 + 4 * n, block: VGIC_LR + 4 * n })),
];

/** The block a context starts with: a Linux VM's virtual interface enabled (GICH_HCR.En, as KVM's vgic_v2_enable),
 *  everything else 0. */
export function vgicReset(enabled: boolean): number[] {
  const words = new Array<number>(VGIC_BYTES / 4).fill(0);
  words[VGIC_HCR / 4] = enabled ? HCR_EN : 0;
  return words;
}

/** The `.equ`s vgic.S works with. */
export function vgicEqus(): [string, number, string][] {
  return [
    ['GICH_BASE', GICH_BASE, 'the virtual interface control (this PE\'s)'],
    ...GICH_SWITCHED.slice(0, 4).map((r): [string, number, string] => [r.name, r.gich, r.name === 'GICH_LR0' ? 'GICH_LR0; LRn at + 4n' : r.name]),
    ['VGIC_HCR', VGIC_HCR, 'C_VGIC: the saved GICH_HCR'],
    ['VGIC_VMCR', VGIC_VMCR, 'C_VGIC: GICH_VMCR'],
    ['VGIC_APR', VGIC_APR, 'C_VGIC: GICH_APR'],
    ['VGIC_LR', VGIC_LR, 'C_VGIC: LR0–LR3'],
    ['VGIC_NUM_LRS', NUM_LRS, 'list registers (GICH_VTR.ListRegs + 1)'],
    ['VTIMER_INTID', VTIMER_INTID, 'the virtual timer\'s PPI'],
    ['VTIMER_LR', (LR_HW | (VTIMER_INTID << LR_PHYS_SHIFT) | VTIMER_INTID | LR_PENDING) >>> 0, 'LR: HW, PhysicalID = VirtualID = 27, pending'],
    ['LR_STATE', (LR_PENDING | LR_ACTIVE) >>> 0, 'LR.State[29:28]: 0 = invalid (empty)'],
    ['LR_PRIO_SHIFT', LR_PRIO_SHIFT, 'LR.Priority[27:23]: the top five bits of the 8-bit priority'],
    ['LR_PENDING', LR_PENDING, 'LR.State = pending'],
    ['LR_ACTIVE', LR_ACTIVE, 'LR.State = active'],
    ['LR_EOI', LR_EOI, 'LR.EOI: a maintenance interrupt when the guest deactivates it (HW = 0)'],
    ['LR_HW_BIT', 31 - Math.clz32(LR_HW >>> 0), 'LR.HW: a hardware interrupt (PhysicalID deactivated with it)'],
    ['LR_CPUID_SHIFT', LR_PHYS_SHIFT, 'LR.CPUID[12:10]: an SGI\'s source (HW = 0)'],
    ['HCR_UIE', HCR_UIE, 'GICH_HCR.UIE: underflow maintenance interrupt'],
  ];
}
