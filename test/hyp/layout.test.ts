// The image builder with RAM up to the virt board's limit (issue 11): regions of 1 GiB or more are placed at PAs
// congruent to their IPA/VA modulo 1 GiB (2 MiB for smaller ones), so that blocks map them, and the page-table pool
// is sized by a dry run of the table builder — a 16 TiB machine with terabyte contexts builds, audits clean and runs;
// tables that would not fit in 64 MiB are one clear error.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { audit } from '../../src/check/audit.ts';
import { BuildError, buildImage } from '../../src/hyp/image.ts';
import { parseScenario } from '../../src/hyp/scenario.ts';

const YIELDER = '../src/hyp/guests/yielder.S';
const FILE = 'scenarios/layout-test.yaml'; // resolves the guest sources; never read
const GIB = 2 ** 30;

const scenario = (ram: string, contexts: string[]) => parseScenario(`cpu: cortex-a57\nram: { size: ${ram} }\ncontexts:\n${contexts.join('\n')}\n`, FILE);
const vm = (name: string, mem: string) => `  - { name: ${name}, kind: vm, ipa_bits: 44, memory: [ ${mem} ], image: { source: ${YIELDER}, entry: 0x1000 } }`;

for (const hosting of ['el1-shim', 'el1-shim-s2', 's2-only'] as const) {
  test(`16383 GiB of RAM with contexts of 8 TiB, 4 TiB and 2 TiB (${hosting}): blocks map them, the pool holds their tables, audit is clean`, () => {
    const s = scenario('16383G', [
      vm('a', '{ at: 0x0, size: 8T }'),
      vm('b', '{ at: 0x1000, size: 4T }'),
      `  - { name: app, kind: native, va_bits: 48, memory: [ { at: 0x4000_0000_1000, size: 2T } ], image: { source: ${YIELDER}, entry: 0x4000_0000_1000 } }`,
    ]);
    const img = buildImage(s, FILE, hosting);
    for (const [ci, c] of s.contexts.entries()) {
      const r = img.layout.regions[ci]![0]!;
      assert.equal(r.pa % GIB, Number(c.memory[0]!.at % BigInt(GIB)), `${c.name}: PA 0x${r.pa.toString(16)} not congruent to its address modulo 1 GiB`);
    }
    assert.ok(img.layout.end <= 2 ** 44);
    const a = audit(img);
    assert.deepEqual(a.violations.map((v) => `${v.context}:${v.region}`), []);
    assert.deepEqual(a.aliases, []);
    const reach = a.contexts.find((c) => c.name === 'a')!.ranges;
    assert.ok(reach.length < 8200, `${reach.length} mappings for 8 TiB: not 1 GiB blocks`);
    assert.equal(reach.reduce((n, r) => n + r.size, 0), 8 * 2 ** 40);
  });
}

test('tables that would take more than 64 MiB (a thousand 64 KiB regions 512 MiB apart, a 64 KiB table each): one BuildError naming the file and the region', () => {
  const regions = Array.from({ length: 1100 }, (_, k) => `{ at: 0x${((k + 1) * 2 ** 29).toString(16)}, size: 64K }`).join(', ');
  const s = parseScenario(`cpu: cortex-a57\ngranule: 64K\nram: { size: 1G }\ncontexts:\n${vm('a', `{ at: 0x0, size: 64K }, ${regions}`)}\n`, FILE);
  assert.throws(() => buildImage(s, FILE), (e: unknown) => e instanceof BuildError && /^scenarios\/layout-test\.yaml: contexts\.0\.memory\.\d+ \(a, at 0x[0-9a-f]+, size 0x10000\): the contexts' page tables would take more than 64 MiB/.test(e.message));
});
