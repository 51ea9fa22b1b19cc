// Text and JSON renderings of a run report, and the `--hosting all` comparison table.
import { hex64 } from '../bits/bits.ts';
import { SPURIOUS } from '../devices/gic.ts';
import { COUNTER_HZ } from '../machine/virt.ts';
import { GIC_MAINTENANCE_INTID } from '../devices/gic-virt.ts';
import { VTIMER_INTID } from './vgic.ts';
import { VUART_INTID } from './vuart.ts';
import type { BuiltImage } from './image.ts';
import { checkClaims } from './claims.ts';
import { decodeEsr, type RunReport, type VerdictId } from './run.ts';
import type { HostingMode } from './scenario.ts';

const who = (img: BuiltImage, i: number): string => (i < 0 ? 'boot' : (img.contexts[i]?.name ?? `#${i}`));

/** KVM nVHE's per-switch system-register writes (../shared/reference/prior-art.md §4). */
export const KVM_NVHE_WRITES = { entry: 37, exit: 33 };

export function formatReport(img: BuiltImage, r: RunReport, opts: { timeline?: boolean } = {}): string {
  const out: string[] = [];
  out.push(`== hosting ${r.hosting}, tlb ${r.tlb}${r.errata.length > 0 ? `, errata ${r.errata.join(',')}` : ''}, sync ${r.sync}: ${r.instructions} instructions, ${stopText(r)}`);
  for (const n of r.notes) out.push(`note: ${n}`);
  out.push('', '-- UART (the hypervisor prefixes each context\'s lines with its name)', r.uart.trimEnd());
  if (opts.timeline !== false) {
    out.push('', '-- timeline (switches and denied accesses; calls that resume the same context are counted, not listed)');
    let services = 0;
    for (const e of r.episodes) {
      const moved = e.from !== e.to || e.illegal || e.denied !== undefined || e.leaks !== undefined || e.from < 0;
      if (!moved) {
        services++;
        continue;
      }
      const cause = e.from < 0 ? 'boot' : exitCause(e);
      out.push(`#${e.seq} ${who(img, e.from)} → ${e.to < 0 ? '(none)' : who(img, e.to)}  [${cause}]  ${e.insns} insns${e.vmid !== undefined ? `, VMID ${e.vmid}` : ''}${e.illegal ? '  ** ERET was an illegal exception return **' : ''}`);
      if (e.denied !== undefined) {
        const d = e.denied;
        out.push(`    denied (${d.by === 'shim' ? 'stage 1, forwarded by the EL1 shim' : d.by === 'illegal-return' ? 'illegal return' : 'taken to EL2'}): ${decodeEsr(d.esr, d.hpfar)}; ESR ${hex32(d.esr)} FAR ${hex64(d.far)} HPFAR ${hex64(d.hpfar)}`);
      }
      for (const l of e.leaks ?? []) out.push(`    ** register leak: ${l} **`);
      if (e.writes.length > 0) out.push(`    writes (${e.writes.length}): ${e.writes.map((w) => `${w.reg}=${hex64(w.value)}`).join(' ')}`);
      out.push(`    barriers: ${e.barriers.join(', ') || 'none'}; TLBI: ${e.tlbis.join(', ') || 'none'}`);
    }
    out.push(`(${services} calls resumed the calling context without a switch)`);
  }
  const timer = r.episodes.filter((e) => e.sliceTimer === true).length;
  const yields = r.episodes.filter((e) => e.call?.fn === 0n).length;
  out.push('', `-- slices: ${yields} ended by a yield, ${timer} by the slice timer (CNTHP_EL2 IRQ after ${img.scenario.schedule.slice_insns} of the context's instructions)`);
  const dropped = r.deniedPerContext.filter((p) => p.seen > p.kept);
  const keeps = `each context's first ${img.symbols.get('LOG_PER_CTX')} kept`;
  out.push('', `-- denied accesses in the hypervisor's log: ${r.deniedTotal} (${keeps}${dropped.length > 0 ? `; not kept: ${dropped.map((p) => `${p.context} ${p.seen - p.kept} of ${p.seen}`).join(', ')}` : ''})`);
  for (const d of r.denied) out.push(`  ${d.context}: ${d.decoded}; ESR ${hex32(d.esr)} FAR ${hex64(d.far)} HPFAR ${hex64(d.hpfar)}`);
  out.push('', '-- exits to EL2 by reason, per context (in the manner of kvm_stat: totals and per second of the context\'s own time, ' +
    `its instructions at EL0/EL1 at the counter's ${COUNTER_HZ / 1e6} MHz; MMIO: the page of the emulated device accessed)`);
  for (const [ctx, { reasons, guestInsns }] of exitsByReason(img, r)) {
    const total = [...reasons.values()].reduce((a, b) => a + b, 0);
    const seconds = guestInsns / COUNTER_HZ;
    const rate = (n: number): string => (seconds > 0 ? `${(n / seconds).toFixed(0)}/s` : '-');
    const own = seconds >= 1 ? `${seconds.toFixed(2)} s` : `${(seconds * 1e3).toPrecision(3)} ms`;
    out.push(`  ${ctx}: ${total} exits in ${own} of its own (${rate(total)})`);
    for (const [reason, n] of [...reasons].sort((a, b) => b[1] - a[1])) out.push(`    ${String(n).padStart(9)} ${rate(n).padStart(9)}  ${reason}`);
  }
  out.push('', '-- cost per switch kind (averages: sysreg writes / barriers / TLBIs / EL2 instructions, trap to ERET; lazy = a trap handled instead of switching, fp = the FP/SIMD registers moving to a context at its first use)');
  for (const c of r.costs) out.push(`  ${c.kind.padEnd(8)} ×${String(c.count).padEnd(4)} ${c.writes} writes, ${c.barriers} barriers, ${c.tlbis} TLBIs, ${c.insns} insns`);
  out.push(`  (KVM nVHE for comparison: ≈${KVM_NVHE_WRITES.entry} writes on entry, ≈${KVM_NVHE_WRITES.exit} on exit)`);
  out.push('', '-- verdict');
  for (const v of r.verdicts) out.push(`  [${v.status.toUpperCase()}] ${v.requirement}: ${v.evidence}`);
  return out.join('\n') + '\n';
}

function stopText(r: RunReport): string {
  const s = r.stop;
  return s.kind === 'exit' ? `exit ${s.code}` : s.kind === 'budget' ? 'budget exhausted, no exit' : s.kind === 'loop' ? 'an exception loop, no exit' : `stopped (${s.why}), no exit`;
}

function hex32(v: number): string {
  return '0x' + (v >>> 0).toString(16).padStart(8, '0');
}

/** An IRQ that was not the slice timer's, by the INTID the GIC presented. */
function irqCause(intid: number | undefined): string {
  if (intid === VTIMER_INTID) return 'IRQ: its virtual timer (PPI 27, into its list register)';
  if (intid === VUART_INTID) return 'IRQ: the machine\'s UART received input (SPI 1, for the input VM)';
  if (intid === GIC_MAINTENANCE_INTID) return 'IRQ: the vGIC maintenance interrupt (PPI 9)';
  return intid === undefined || intid === SPURIOUS ? 'IRQ: gone before it was acknowledged (spurious)' : `IRQ: INTID ${intid}`;
}

/** Why a context's exit to EL2 happened: the slice timer's or another IRQ, a denied access, a call, what the
 *  hypervisor emulated in place (a register, an FP/SIMD first use, an MMIO page), or the exception's class. */
function exitCause(e: RunReport['episodes'][number]): string {
  if (e.irq === true) return 'timer';
  if (e.denied !== undefined) return 'denied';
  if (e.call !== undefined) return callName(e.call.fn);
  return e.lazy ?? decodeEsr(e.esr);
}

/** Per context (in table order), how many exits each reason caused. */
/** Per context: its exits by reason, and the instructions it ran at EL0/EL1 before them (its own time). */
function exitsByReason(img: BuiltImage, r: RunReport): Map<string, { reasons: Map<string, number>; guestInsns: number }> {
  const out = new Map<string, { reasons: Map<string, number>; guestInsns: number }>();
  for (const e of r.episodes) {
    if (e.from < 0) continue;
    const ctx = who(img, e.from);
    const m = out.get(ctx) ?? { reasons: new Map<string, number>(), guestInsns: 0 };
    const why = e.irq !== true ? exitCause(e) : e.sliceTimer === true ? 'IRQ: the slice timer (CNTHP_EL2)' : irqCause(e.intid);
    m.reasons.set(why, (m.reasons.get(why) ?? 0) + 1);
    m.guestInsns += e.guestInsns ?? 0;
    out.set(ctx, m);
  }
  return out;
}

function callName(fn: bigint): string {
  return ['yield', 'putc', 'exit', 'log'][Number(fn)] ?? (fn >> 31n === 1n ? `PSCI 0x${fn.toString(16)}` : `call ${fn}`);
}

/** One row per hosting mode: the four requirements, how the run ended, the log's truth, the register check, and the VM↔app switch cost. */
export function formatComparison(rows: readonly { hosting: HostingMode; report: RunReport }[]): string {
  const cols: readonly [string, VerdictId][] = [
    ['48-bit VA', 'va48'], ['isolation', 'isolation'], ['VMIDs distinct', 'vmids'], ['no stale', 'stale'], ['run ended', 'run-ended'],
    ['log true', 'log'], ['registers own', 'registers'],
  ];
  const head = ['hosting', ...cols.map(([h]) => h), 'writes/sw', 'barriers/sw', 'TLBIs/sw', 'insns/sw'];
  const notes: string[] = [];
  const lines = rows.map(({ hosting, report }) => {
    const claims = checkClaims(hosting, report.verdicts);
    const v = (id: VerdictId): string => {
      const verdict = report.verdicts.find((x) => x.id === id);
      if (verdict === undefined) return '-';
      const off = claims.unexpectedFailures.includes(verdict) || claims.unexpectedPasses.includes(verdict);
      return verdict.status + (off ? ' !' : '');
    };
    for (const f of claims.unexpectedFailures) notes.push(`! ${hosting}: fails "${f.requirement}", which the README says it meets`);
    for (const p of claims.unexpectedPasses) notes.push(`! ${hosting}: meets "${p.requirement}", which the README says it fails (in this scenario)`);
    const sw = report.costs.filter((c) => c.kind === 'vm→app' || c.kind === 'app→vm');
    const n = sw.reduce((s, c) => s + c.count, 0);
    const avg = (f: (c: (typeof sw)[number]) => number): string => (n === 0 ? '-' : String(Math.round((sw.reduce((s, c) => s + f(c) * c.count, 0) / n) * 10) / 10));
    return [hosting, ...cols.map(([, id]) => v(id)), avg((c) => c.writes), avg((c) => c.barriers), avg((c) => c.tlbis), avg((c) => c.insns)];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (l: string[]): string => l.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  const verdict = notes.length === 0 ? 'every mode shows what the README\'s hosting table claims' : notes.join('\n');
  return [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...lines.map(fmt)].join('\n') + '\n(per switch = averaged over VM↔app switches)\n' + verdict + '\n';
}

/** JSON with BigInts as hex strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? '0x' + v.toString(16) : v instanceof Set ? [...(v as Set<unknown>)] : v), 2);
}
