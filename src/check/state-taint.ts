// The per-context state a switch moves besides the translation regime (issue 17, `check`): the FP/SIMD registers, the
// EL1 virtual timer and the GICv2 virtual interface control (GICH) are one per PE and shared by every context. The
// harness (switch-harness.ts) starts each run with the outgoing context A's values in them — values no context table
// holds — and after the ERET into B this module says whether B can observe any of them.
// A switch is judged on the state it manages, as the harness already does for the EL1 translation registers it does
// not write: FP/SIMD when it writes CPTR_EL2, FPCR or FPSR (an eager restore writes FPCR/FPSR, a lazy one sets
// CPTR_EL2.TFP); the virtual timer when it writes CNTV_CTL_EL0 or CNTV_CVAL_EL0; the virtual interface when it writes
// any GICH register in the run. Whatever a switch does not touch is left to the rest of its hypervisor.
import { regField } from '../arch/reg-fields.ts';
import { SR } from '../arch/sysreg-table.ts';
import type { Cpu } from '../cpu/cpu.ts';
import { HCR_EN, LR_PENDING, LR_PRIO_SHIFT, type GicVirtInterface } from '../devices/gic-virt.ts';
import type { ContextInfo } from '../hyp/image.ts';
import { GICH_SWITCHED } from '../hyp/vgic.ts';
import type { Insn } from './program.ts';

/** What a switch program manages of the shared per-PE state, from the system registers it writes. */
export interface Managed {
  readonly fp: boolean;
  readonly vtimer: boolean;
}

const FP_CONTROLS = new Set(['CPTR_EL2', 'FPCR', 'FPSR']);
const VTIMER_REGS = new Set(['CNTV_CTL_EL0', 'CNTV_CVAL_EL0']);

export function managedBy(insns: readonly Insn[]): Managed {
  const written = insns.flatMap((i) => (i.event.k === 'msr' ? [i.event.reg] : []));
  return { fp: written.some((r) => FP_CONTROLS.has(r)), vtimer: written.some((r) => VTIMER_REGS.has(r)) };
}

/** CNTV_CTL_EL0 = ENABLE | IMASK: A's timer enabled, its output masked (ISTATUS is read-only). */
const VTIMER_CTL = 3n;

/** A's value of each tainted register: a pattern no context table, reset value or image holds (the top byte 0xA5, the
 *  context index and the register's own number below it). */
const taint64 = (ctx: number, k: number): bigint => 0xa5_00_0000_0000_0000n | (BigInt(ctx & 0xff) << 40n) | (0x7a17n << 16n) | BigInt(k);

/** A's list registers: pending SPIs 48+n at priority 0xa0 (IHI 0048B §5.3.4 GICH_LRn: VirtualID [9:0], Priority
 *  [27:23], State [29:28]), a nonzero VMCR and APR, the interface enabled (GICH_HCR.En). */
function gichTaint(): number[] {
  return GICH_SWITCHED.map((r) =>
    r.name === 'GICH_HCR' ? HCR_EN : r.name === 'GICH_VMCR' ? 0xf000_0001 : r.name === 'GICH_APR' ? 0x20 : (LR_PENDING | ((0xa0 >>> 3) << LR_PRIO_SHIFT) | (48 + Number(r.name.slice(7)))) >>> 0,
  );
}

/** The values A leaves in the shared state at the start of a run (as the PE holds them: the GICH values read back). */
export interface Taint {
  readonly v: BigUint64Array;
  readonly fpcr: bigint;
  readonly fpsr: bigint;
  readonly cntvCval: bigint;
  /** GICH_SWITCHED order; undefined when A has no vGIC (its interface state is the empty one a switch loads for it). */
  readonly gich: readonly number[] | undefined;
}

/** Put A's values into the PE and the virtual interface. */
export function taintOutgoing(c: Cpu, gic: GicVirtInterface | undefined, from: ContextInfo): Taint {
  const v = c.v64;
  for (let k = 0; k < v.length; k++) v[k] = taint64(from.index, k);
  // FPCR.RMode = 0b11 (round towards zero), FPSR's cumulative flags IOC..IXC (ARM §C5.2.8, §C5.2.10)
  c.sr[SR.FPCR] = 0x00c0_0000n;
  c.sr[SR.FPSR] = 0x1fn;
  c.sr[SR.CNTV_CTL_EL0] = VTIMER_CTL;
  const cntvCval = taint64(from.index, 0xcc);
  c.sr[SR.CNTV_CVAL_EL0] = cntvCval;
  let gich: number[] | undefined;
  if (gic !== undefined && from.regs.vgic === true) {
    gichTaint().forEach((val, k) => gic.control.write(GICH_SWITCHED[k]!.gich, 4, val));
    gich = GICH_SWITCHED.map((r) => gic.control.read(r.gich, 4) >>> 0);
  }
  return { v: v.slice(), fpcr: c.sr[SR.FPCR]!, fpsr: c.sr[SR.FPSR]!, cntvCval, gich };
}

/** One register of A's that B can observe after the ERET. */
export interface StateLeak {
  readonly reg: string;
  readonly value: bigint;
  readonly why: string;
}

/**
 * What B (the PE after the ERET) can observe of A's values: the V registers, FPCR and FPSR unless CPTR_EL2.TFP traps
 * them; the virtual timer's compare value and control; the list registers, VMCR and APR
 * while GICH_HCR.En signals them to whoever runs (IHI 0048B §5.3.1: the virtual CPU interface takes its interrupts
 * from the list registers when En = 1).
 */
export function stateLeaks(c: Cpu, gic: GicVirtInterface | undefined, t: Taint, managed: Managed, gichWritten: boolean): StateLeak[] {
  const out: StateLeak[] = [];
  // CPTR_EL2.TFP: FP/SIMD accesses at EL0, EL1 and EL2 trap to EL2 (ARM §D13.2.31)
  if (managed.fp && regField('CPTR_EL2', 'TFP', c.sr[SR.CPTR_EL2]!) === 0n) {
    const why = 'CPTR_EL2.TFP = 0: FP/SIMD accesses do not trap';
    for (let k = 0; k < t.v.length; k++) {
      if (c.v64[k] === t.v[k]) out.push({ reg: `V${k >> 1}.D[${k & 1}]`, value: t.v[k]!, why });
    }
    if (c.sr[SR.FPCR] === t.fpcr) out.push({ reg: 'FPCR', value: t.fpcr, why });
    if (c.sr[SR.FPSR] === t.fpsr) out.push({ reg: 'FPSR', value: t.fpsr, why });
  }
  // the virtual timer: readable at EL1 with no EL2 trap on ARMv8.0 (ARM §D11.2.4); at EL0 when CNTKCTL_EL1.EL0VTEN
  if (managed.vtimer && (c.el === 1 || regField('CNTKCTL_EL1', 'EL0VTEN', c.sr[SR.CNTKCTL_EL1]!) !== 0n)) {
    const why = `the EL1 virtual timer is readable at EL${c.el} without a trap`;
    if (c.sr[SR.CNTV_CVAL_EL0] === t.cntvCval) out.push({ reg: 'CNTV_CVAL_EL0', value: t.cntvCval, why });
    if ((c.sr[SR.CNTV_CTL_EL0]! & 3n) === VTIMER_CTL) out.push({ reg: 'CNTV_CTL_EL0', value: VTIMER_CTL, why });
  }
  if (gic !== undefined && t.gich !== undefined && gichWritten && (gic.control.read(0, 4) & HCR_EN) !== 0) {
    GICH_SWITCHED.forEach((r, k) => {
      if (r.name === 'GICH_HCR') return; // En itself is every vGIC context's value
      const now = gic.control.read(r.gich, 4) >>> 0;
      if (now !== t.gich![k]) return;
      const lr = r.name.startsWith('GICH_LR');
      if (lr && ((now >>> 28) & 3) === 0) return; // an invalid (empty) list register signals nothing
      const why = lr ? `GICH_HCR.En = 1: its virtual interrupt ${now & 0x3ff} is signalled to whoever runs` : 'GICH_HCR.En = 1: the virtual CPU interface runs with it';
      out.push({ reg: r.name, value: BigInt(now), why });
    });
  }
  return out;
}
