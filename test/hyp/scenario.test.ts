import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseScenario, ScenarioError } from '../../src/hyp/scenario.ts';

const SEED = readFileSync('scenarios/seed.yaml', 'utf8');

function errorsOf(text: string): string[] {
  try {
    parseScenario(text, 'x.yaml');
  } catch (e) {
    if (e instanceof ScenarioError) return e.diagnostics.map((d) => `${d.line}|${d.path}|${d.message}`);
    throw e;
  }
  return [];
}

test('seed.yaml is the note system: two 44-bit VMs and a 48-bit native app above 2^44', () => {
  const s = parseScenario(SEED, 'seed.yaml');
  assert.equal(s.cpu, 'cortex-a57');
  assert.equal(s.hosting, 'el1-shim');
  assert.equal(s.tlb, 'by-vmid');
  assert.deepEqual(s.contexts.map((c) => c.kind), ['vm', 'vm', 'native']);
  const app = s.contexts[2]!;
  assert.equal(app.kind === 'native' && app.va_bits, 48);
  assert.ok(app.memory[0]!.at >= 1n << 44n);
  assert.equal(s.ram.size, 256n << 20n);
});

const base = (contexts: string) => `ram: { size: 64M }\ncontexts:\n${contexts}`;
const vm = (mem: string, extra = '') =>
  `  - name: g\n    kind: vm\n    ipa_bits: 40\n    memory: [${mem}]\n    image: { source: g.S, entry: 0x4000_0000 }\n${extra}`;

test('unknown keys are named with their line', () => {
  const errs = errorsOf(base(vm('{ at: 0x4000_0000, size: 2M }', '    colour: blue\n')));
  assert.equal(errs.length, 1);
  assert.match(errs[0]!, /^8\|contexts\.0\|Unrecognized key.*colour/);
});

test('overlapping regions are rejected', () => {
  const errs = errorsOf(base(vm('{ at: 0x4000_0000, size: 2M }, { at: 0x4010_0000, size: 2M }')));
  assert.ok(errs.some((e) => /contexts\.0\.memory\.0\|overlaps memory\[1\]/.test(e)), errs.join('\n'));
});

test('an IPA beyond ipa_bits is rejected', () => {
  const errs = errorsOf(base(vm('{ at: 0x4000_0000, size: 2M }, { at: 0x100_0000_0000, size: 2M }')));
  assert.ok(errs.some((e) => /beyond the 40-bit IPA space/.test(e)), errs.join('\n'));
});

test('a VA beyond va_bits is rejected', () => {
  const app = `  - name: a\n    kind: native\n    va_bits: 39\n    memory: [{ at: 0x0000_ff80_0000_0000, size: 1M }]\n    image: { source: a.S, entry: 0x0000_ff80_0000_0000 }\n`;
  const errs = errorsOf(base(app));
  assert.ok(errs.some((e) => /beyond the 39-bit VA space of 'a'/.test(e)), errs.join('\n'));
});

test('too little RAM is rejected', () => {
  const errs = errorsOf(`ram: { size: 2M }\ncontexts:\n${vm('{ at: 0x4000_0000, size: 2M }')}`);
  assert.ok(errs.some((e) => /^1\|ram\.size\|.*RAM is only/.test(e)), errs.join('\n'));
});

test('bad values and YAML syntax give a line and a reason', () => {
  assert.match(errorsOf('ram: { size: lots }\ncontexts: []')[0]!, /ram\.size\|not a number or size: 'lots'/);
  assert.match(errorsOf('hosting: vhe-magic\nram: {size: 1G}\ncontexts: []').join('\n'), /hosting\|Invalid option/);
  assert.match(errorsOf('ram: [unclosed\n')[0]!, /YAML:/);
});

test('ram: the virt board holds RAM at 0x4000_0000 of a whole number of 64 KiB pages, up to 2^44 − 1 GiB on cortex-a57', () => {
  const ram = (r: string, cpu = 'cortex-a57') => errorsOf(`cpu: ${cpu}\nram: ${r}\ncontexts:\n${vm('{ at: 0x4000_0000, size: 2M }')}`);
  assert.deepEqual(ram('{ size: 0xfffc0000000 }'), []); // 2^44 − 1 GiB: RAM ends at 2^44, QEMU 7.2's limit
  assert.deepEqual(ram('{ size: 16383G }', 'max'), []);
  assert.deepEqual(ram('{ size: 8G }'), []);
  const one = (r: string, why: RegExp) => {
    const errs = ram(r);
    assert.equal(errs.length, 1, errs.join('\n'));
    assert.match(errs[0]!, why);
  };
  one('{ size: 0xfffc0010000 }', /^2\|ram\.size\|0xfffc0010000 bytes is more than the virt board holds: its RAM starts at 0x40000000 and must end by 2\^44 .*at most 0xfffc0000000 bytes \(16776192 MiB\)$/);
  one('{ size: 16T }', /^2\|ram\.size\|0x100000000000 bytes is more than the virt board holds/);
  one('{ size: 0xffffffffffffffffG }', /^2\|ram\.size\|'0xffffffffffffffffG' is 2\^64 or more$/);
  // numbers YAML reads as unsafe integers, and strings beyond 64 bits, are refused by the schema: still one line
  for (const big of ['0x10000000000000000', '1e300', "'0x1_0000_0000_0000_0000'"]) one(`{ size: ${big} }`, /^2\|ram\.size\|/);
  one('{ size: 0 }', /^2\|ram\.size\|the RAM size must be more than zero$/);
  one('{ size: 0x1008000 }', /^2\|ram\.size\|0x1008000 bytes is not a whole number of the machine's 64 KiB RAM pages$/);
  one('{ base: 0x8000_0000, size: 64M }', /^2\|ram\.base\|the virt board's RAM starts at 0x40000000, not 0x80000000$/);
});
