// The README's generated blocks (scripts/readme.ts writes them, test/readme.test.ts checks them): the register-state
// isolation claim, generated from src/hyp/context-state.ts, and the cost of a VM↔app switch as the observer measures it
// in a run.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SYSREGS } from '../src/arch/sysreg-table.ts';
import { classify, EMULATED, HYP_TRAPS, hypControls, LAZY, STORED, SWITCHED, trapName, type StateClass } from '../src/hyp/context-state.ts';
import { HCR, HCR_HYP } from '../src/hyp/context-table.ts';
import { buildImage } from '../src/hyp/image.ts';
import { KVM_NVHE_WRITES } from '../src/hyp/report.ts';
import { runImage, type SwitchCost } from '../src/hyp/run.ts';
import { parseScenario } from '../src/hyp/scenario.ts';

const code = (s: string): string => `\`${s}\``;
const list = (l: readonly string[]): string => l.map(code).join(', ');

/** The register-state part of the isolation claim: what is switched, emulated, trapped and checked (markdown). */
export function isolationClaim(): string {
  const ctl = hypControls(HCR_HYP | HCR.VM); // a VM under el1-shim; the classes are the same in every mode (context-state.test.ts)
  const of = (kind: StateClass['kind']): string[] => SYSREGS.filter((r) => classify(r, ctl).kind === kind).map((r) => r.name);
  const views = SYSREGS.filter((r) => classify(r, ctl).kind === 'view').map((r) => r.name);
  const trapsOf = (reg: string): string => {
    const c = classify(SYSREGS.find((r) => r.name === reg)!, ctl);
    return c.kind === 'emulated' ? c.by.map((t) => code(trapName(t))).join(' + ') : c.kind;
  };
  const constants = SYSREGS.filter((r) => classify(r, ctl).kind === 'constant');
  const onlyEl2 = constants.filter((r) => r.kind !== 'const' && r.access !== 'ro').map((r) => r.name);
  const byTrap = new Map<string, string[]>(); // "CPTR_EL2.TFP = 1" → the registers it traps, in table order
  for (const r of SYSREGS) {
    const c = classify(r, ctl);
    if (c.kind !== 'trapped') continue;
    const key = c.by.map((t) => code(trapName(t))).join(' + ');
    byTrap.set(key, [...(byTrap.get(key) ?? []), r.name]);
  }
  return [
    '**What a context can read is its own.** Every system register EL0 or EL1 can write is accounted for in',
    `${code('src/hyp/context-state.ts')}, checked against the whole register table in every hosting mode and context kind:`,
    `- **switched** on every switch (${SWITCHED.length}): ${list(SWITCHED.map((s) => s.reg))};`,
    `- **emulated** per context: ${list(EMULATED.filter((r) => !STORED.includes(r)))} (their view ${list(views.filter((v) => v.startsWith('CNTP')))} too), every access trapped to EL2 by ${code('CNTHCTL_EL2.EL1PCEN = 0')}, and ${STORED.map((r) => `${code(r)} (${trapsOf(r)})`).join(', ')}, kept as storage: the hypervisor answers from the context's own copy, as KVM does;`,
    `- **switched lazily**, on a context's first use: ${LAZY.map((l) => `${l.what} — ${code(`${l.control} = 1`)} traps a context that does not own them to ${code(l.handler)}, which saves the owner's into its entry and loads the context's, as KVM does`).join('; ')};`,
    `- **trapped** to EL2 for every context: ${[...byTrap].map(([by, regs]) => `${list(regs)} (${by})`).join('; ')}. The boot sets ${HYP_TRAPS.map((t) => code(`${t.reg}.${t.field} = ${t.value}`)).join(', ')} for every context, so a debug or PMU register row tagged with its ${code('MDCR_EL2')} control is trapped as it lands;`,
    `- **no context's state**: PSTATE (restored from ${code('SPSR_EL2')} by the ERET), ${list(views.filter((v) => !v.startsWith('CNTP')))} (a view of its CVAL), ${constants.length} constants (ID registers and other read-only ones, RAZ/WI ones, and ${list(onlyEl2)}, which only EL2 writes), values derived at read time (${list(of('derived'))}) and the ${of('absent').length} GIC system registers (${code('ICC_*')}), UNDEFINED on the GICv2 board the hypervisor runs on.`,
    '',
    `**Checked at run time:** at every ERET, ${code('twostage run')} compares X0–X30 and every register above that the incoming context can reach`,
    '(not trapped by the live `HCR_EL2`, `CNTHCTL_EL2`, `CPTR_EL2`, `MDCR_EL2`) with the value it left there, or the context table\'s;',
    'a difference fails the verdict "no context read a register value another context wrote", naming the register and the context',
    `that wrote it. ${code('scenarios/sysreg-leak.yaml')} is the hostile test: it passes in every hosting mode, and fails naming the register when`,
    'any one of them is left out of the switch.',
  ].join('\n');
}

const avg = (cs: readonly SwitchCost[], f: (c: SwitchCost) => number): number => {
  const n = cs.reduce((s, c) => s + c.count, 0);
  return Math.round((cs.reduce((s, c) => s + f(c) * c.count, 0) / n) * 10) / 10;
};

/** The switch-cost sentence, from the cost tables of runs under el1-shim: the seed scenario's switches, and the
 *  emulated accesses of a scenario that makes them (sysreg-leak). */
export function switchCostSentence(seed: readonly SwitchCost[], emulating: readonly SwitchCost[]): string {
  const sw = seed.filter((c) => c.kind === 'vm→app' || c.kind === 'app→vm');
  const lazy = emulating.filter((c) => c.kind === 'lazy');
  const barriers = avg(sw, (c) => c.barriers);
  const tlbis = avg(sw, (c) => c.tlbis);
  return [
    `A VM↔app switch under ${code('el1-shim')} costs ${avg(sw, (c) => c.writes)} system-register writes (one re-arms the slice timer),`,
    `${barriers === 2 ? '`DSB NSH` + `ISB`' : `${barriers} barriers`}, ${tlbis === 0 ? 'no TLBI' : `${tlbis} TLBIs`} (KVM nVHE: ≈${KVM_NVHE_WRITES.entry} on entry, ≈${KVM_NVHE_WRITES.exit} on exit)${lazy.length === 0 ? '' : `; the EL1 physical timer is not switched but emulated, at ${avg(lazy, (c) => c.writes)} writes per access`}.`,
    'Measured by `twostage run` on `scenarios/seed.yaml` and `scenarios/sysreg-leak.yaml` (its cost table also gives the EL2',
    'instructions from trap to ERET); `npm run readme` writes it here.',
  ].join('\n');
}

function costsOf(name: string) {
  const file = fileURLToPath(new URL(`../scenarios/${name}.yaml`, import.meta.url));
  return runImage(buildImage(parseScenario(readFileSync(file, 'utf8'), file), file, 'el1-shim')).costs;
}

/** Block name → its text. */
export function readmeBlocks(): Map<string, string> {
  return new Map([
    ['switch-cost', switchCostSentence(costsOf('seed'), costsOf('sysreg-leak'))],
    ['isolation', isolationClaim()],
  ]);
}

const BLOCK = /(<!-- generated: ([\w-]+) [^\n]*-->\n)([\s\S]*?)(<!-- end generated -->)/g;

/** `text` with each generated block's body replaced; a block the README lacks or does not know is an error. */
export function renderReadme(text: string, blocks: ReadonlyMap<string, string>): string {
  const seen = new Set<string>();
  const out = text.replace(BLOCK, (_m, open: string, name: string, _body: string, close: string) => {
    const body = blocks.get(name);
    if (body === undefined) throw new Error(`README.md: unknown generated block '${name}'`);
    seen.add(name);
    return `${open}${body}\n${close}`;
  });
  const missing = [...blocks.keys()].filter((n) => !seen.has(n));
  if (missing.length > 0) throw new Error(`README.md: no generated block for ${missing.join(', ')}`);
  return out;
}
