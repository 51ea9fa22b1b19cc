// `check` on the state a switch moves besides the regime (issue 17; src/check/state-taint.ts): the FP/SIMD registers,
// the virtual timer and the GIC virtual interface. The reference switch of a scenario with two vGIC VMs (minimal
// arm64 Images: the checker never runs them), an assembly VM and a native app is clean between every kind of
// context; each mutant that forgets one piece — the incoming list registers, CPTR_EL2.TFP, the virtual timer's
// compare value — is reported as a state-leak naming the register and whose value it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../src/asm/assemble.ts';
import { explore } from '../../src/check/explore.ts';
import { referenceSwitch } from '../../src/check/reference-switch.ts';
import { SWITCHED } from '../../src/hyp/context-state.ts';
import { contextSource } from '../../src/hyp/context-table.ts';
import { buildImage, type AsmOverride, type BuiltImage } from '../../src/hyp/image.ts';
import { parseScenario } from '../../src/hyp/scenario.ts';

const DIR = mkdtempSync(join(tmpdir(), 'state-leak-'));

/** An arm64 Image header (booting.rst: magic "ARM\x64" at 0x38) and a loop: the checker only needs the image built. */
const IMAGE = `    .text
_start:
    b .
    .word 0
    .quad 0, 0, 0, 0, 0, 0
    .word 0x644d5241
    .word 0
`;

function scenarioFile(): string {
  const img = assemble('tiny.S', IMAGE, { base: 0n });
  assert.deepEqual(img.diagnostics, []);
  writeFileSync(join(DIR, 'tiny.Image'), img.sections[0]!.bytes);
  writeFileSync(join(DIR, 'spin.S'), '    .text\n    b .\n');
  const yaml = `ram: { size: 128M }
contexts:
  - name: g1
    kind: vm
    ipa_bits: 40
    memory: [{ at: 0x4000_0000, size: 16M }]
    linux: { image: tiny.Image, bootargs: "" }
  - name: g2
    kind: vm
    ipa_bits: 40
    memory: [{ at: 0x4000_0000, size: 16M }]
    linux: { image: tiny.Image, bootargs: "" }
  - name: vm
    kind: vm
    ipa_bits: 40
    memory: [{ at: 0x4000_0000, size: 2M }]
    image: { source: spin.S, entry: 0x4000_0000 }
  - name: app
    kind: native
    va_bits: 48
    memory: [{ at: 0x0000_ff80_0000_0000, size: 1M }]
    image: { source: spin.S, entry: 0x0000_ff80_0000_0000 }
`;
  const file = join(DIR, 'state.yaml');
  writeFileSync(file, yaml);
  return file;
}

const FILE = scenarioFile();
const build = (override?: AsmOverride): BuiltImage => buildImage(parseScenario(readFileSync(FILE, 'utf8'), FILE), FILE, undefined, override);

/** The findings of the reference switch of `img` from `a` to `b`, as `rule register` strings. */
function findings(img: BuiltImage, a: string, b: string): string[] {
  const ref = referenceSwitch(img);
  const r = explore(ref.program, img, a, b, { entry: ref.entry });
  assert.ok(r.stats.complete, `${a} → ${b}: bound reached`);
  return r.findings.map((f) => `${f.ruleId}: ${f.message}`);
}

/** Every kind of context on either side: vGIC VM to vGIC VM, to a VM without one, to the app and back. */
const PAIRS = [['g1', 'g2'], ['g2', 'vm'], ['vm', 'app'], ['app', 'g1']] as const;

/** `file`'s text (src/hyp/asm) with the first line matching `pattern` replaced by `by`. */
function edited(file: string, pattern: RegExp, by: string): string {
  const text = readFileSync(new URL(`../../src/hyp/asm/${file}`, import.meta.url), 'utf8');
  const lines = text.split('\n');
  const k = lines.findIndex((l) => pattern.test(l));
  assert.ok(k >= 0, `${file}: no line matches ${pattern}`);
  lines[k] = by;
  return lines.join('\n');
}

test('the reference switch moves FP/SIMD, the virtual timer and the virtual interface: no state-leak between any kinds of context', () => {
  const img = build();
  for (const [a, b] of PAIRS) assert.deepEqual(findings(img, a, b), [], `${a} → ${b}`);
});

test('a switch that does not load the incoming list registers leaves the outgoing VM\'s interrupts signalled to the next vGIC VM', () => {
  // vgic.S vgic_switch: `vgic_copy_lrs x5, x4` loads the incoming context's LR0–LR3
  const img = build(new Map([['vgic.S', edited('vgic.S', /^\s*vgic_copy_lrs x5, x4\b/, '')]]));
  const f = findings(img, 'g1', 'g2');
  assert.equal(f.length, 1, f.join('\n'));
  assert.match(f[0]!, /^state-leak: g2 can read GICH_LR\d = 0x[0-9a-f]+, g1's value/);
  // no vGIC on the way in: GICH_HCR.En = 0, the stale list registers signal nothing
  assert.deepEqual(findings(img, 'g1', 'vm'), []);
});

test('a lazy FP/SIMD switch that never sets CPTR_EL2.TFP lets the incoming context read the V registers', () => {
  // switch.S: x2 = CPTR_EL2 | TFP is the value for a context that does not own the registers
  const img = build(new Map([['switch.S', edited('switch.S', /^\s*orr x2, x1, #CPTR_TFP\b/, '    mov x2, x1')]]));
  for (const [a, b] of [['g1', 'vm'], ['vm', 'app']] as const) {
    const f = findings(img, a, b);
    assert.equal(f.length, 1, f.join('\n'));
    assert.match(f[0]!, new RegExp(`^state-leak: ${b} can read V0\\.D\\[0\\] = 0x[0-9a-f]+, ${a}'s value \\(and 65 more registers of ${a}'s\\)`));
  }
});

test('a switch that does not restore CNTV_CVAL_EL0 shows the next context the outgoing one\'s virtual timer', () => {
  const without = SWITCHED.filter((r) => r.reg !== 'CNTV_CVAL_EL0');
  assert.equal(without.length, SWITCHED.length - 1, 'the switch moves CNTV_CVAL_EL0');
  const img = build(new Map([['context.S', contextSource(without)]]));
  const f = findings(img, 'vm', 'g1');
  assert.equal(f.length, 1, f.join('\n'));
  assert.match(f[0]!, /^state-leak: g1 can read CNTV_CVAL_EL0 = 0x[0-9a-f]+, vm's value$/);
});
