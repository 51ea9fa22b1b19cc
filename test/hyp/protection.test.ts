// The protection table: `{context: A, may_access: B, access}` maps B's memory into A at B's own addresses, and the
// isolation verdict accepts exactly that sharing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { buildImage } from '../../src/hyp/image.ts';
import { runImage } from '../../src/hyp/run.ts';
import { parseScenario } from '../../src/hyp/scenario.ts';

const FILE = 'scenarios/shared.yaml';
const TEXT = readFileSync(FILE, 'utf8');
const build = (text: string, hosting?: 'el1-shim' | 'el1-shim-s2') => buildImage(parseScenario(text, FILE), FILE, hosting);
const SHARED = build(TEXT);
const OWNER_WORD = 0xd4000002_d2800000n; // yielder.S's first two instructions: mov x0, #0 (0xd2800000); hvc #0 (0xd4000002)

for (const hosting of ['el1-shim', 'el1-shim-s2'] as const) {
  test(`${hosting}: a VM and a native app read the owner's memory through a read-only share; writes and reads past it are denied`, () => {
    const r = runImage(hosting === 'el1-shim' ? SHARED : build(TEXT, hosting));
    assert.equal(r.exitCode, 0);
    for (const name of ['reader', 'app-reader']) {
      const i = r.observation.perContext.findIndex((_, k) => SHARED.contexts[k]!.name === name);
      assert.deepEqual(r.observation.perContext[i]!.logs, [OWNER_WORD, 0xbadn], name);
      const d = r.denied.filter((x) => x.context === name);
      assert.deepEqual(d.map((x) => x.far), [0x8000_0000n, 0x8001_0000n]);
      assert.equal(d[0]!.esr & 0x3c, 0x0c); // permission fault
      assert.equal((d[0]!.esr >> 6) & 1, 1); // on a write (WnR)
      assert.equal(d[1]!.esr & 0x3c, 0x04); // translation fault
    }
    // the VM's fault is stage 2 (EC 0x24 at EL2), the app's is its hypervisor-owned stage 1 (forwarded by the shim)
    assert.equal(r.denied.find((x) => x.context === 'reader')!.esr >>> 26, 0x24);
    // the app ran at its 48-bit VAs: the logged owner word (≥ 2^44) is data, the two denials are outside its memory
    assert.equal(r.verdicts[0]!.status, 'pass', r.verdicts[0]!.evidence);
    assert.match(r.verdicts[0]!.evidence, /app-reader ran at VAs 0xff80000000/);
    assert.doesNotMatch(r.verdicts[0]!.evidence, /0xd4000002d2800000/);
    assert.equal(r.verdicts[2]!.status, 'pass');
    assert.equal(r.verdicts[3]!.status, 'pass');
  });
}

test('the observer accepts exactly the sharing the table grants: a share it was not told about, or a writable one, is flagged', () => {
  const unshared = build(TEXT.replace(/protection:[\s\S]*$/, ''));
  // the image maps the share, but the observer judges against the table without it
  const hidden = runImage({ ...SHARED, contexts: unshared.contexts });
  assert.equal(hidden.verdicts[2]!.status, 'fail');
  assert.match(hidden.verdicts[2]!.evidence, /reader: stage 2 maps IA 0x80000000 → PA 0x[0-9a-f]+ \(owner memory\)/);
  assert.match(hidden.verdicts[2]!.evidence, /app-reader: stage 1 \(hypervisor-owned\) maps IA 0x80000000 → PA 0x[0-9a-f]+ \(owner memory\)/);
  // an rw share judged against an r table: the leaf is writable
  const rw = build(TEXT.replaceAll('access: r }', 'access: rw }'));
  const r = runImage({ ...rw, contexts: SHARED.contexts });
  assert.equal(r.verdicts[2]!.status, 'fail');
  assert.match(r.verdicts[2]!.evidence, /reader: stage 2 maps IA 0x80000000 → PA 0x[0-9a-f]+ \(owner memory, writable but shared read-only\)/);
  // and with rw granted, the reader's write goes through (one denied access left: the read past the share)
  const own = runImage(rw);
  assert.equal(own.verdicts[2]!.status, 'pass');
  assert.deepEqual(own.denied.filter((x) => x.context === 'reader').map((x) => x.far), [0x8001_0000n]);
});

test('a share must fit at the owner\'s address: beyond the receiver\'s space, overlapping its memory, or with itself is refused', () => {
  const bad = (text: string, re: RegExp) => assert.throws(() => parseScenario(text, 'bad.yaml'), re);
  const vm = (name: string, at: string, bits = 40) => `  - { name: ${name}, kind: vm, ipa_bits: ${bits}, memory: [ { at: ${at}, size: 64K } ], image: { source: x.S, entry: ${at} } }\n`;
  const app = `  - { name: app, kind: native, va_bits: 48, memory: [ { at: 0xff80_0000_0000, size: 64K } ], image: { source: x.S, entry: 0xff80_0000_0000 } }\n`;
  const head = 'ram: { size: 256M }\ncontexts:\n';
  bad(head + vm('a', '0x1000_0000') + app + 'protection:\n  - { context: a, may_access: app, access: r }\n', /bad\.yaml:\d+: protection\.0: app's memory\[0\] \(0xff8000000000\.\.0xff8000010000\) is beyond the 40-bit IPA space of 'a'/);
  bad(head + vm('a', '0x1000_0000') + vm('b', '0x1000_0000') + 'protection:\n  - { context: a, may_access: b, access: rw }\n', /protection\.0: b's memory\[0\] .* overlaps its memory\[0\] in 'a''s IPA space/);
  bad(head + vm('a', '0x1000_0000') + 'protection:\n  - { context: a, may_access: a, access: r }\n', /'a' shares with itself/);
  // the same share twice collides with itself
  bad(head + vm('a', '0x1000_0000') + vm('b', '0x2000_0000') + 'protection:\n  - { context: a, may_access: b, access: r }\n  - { context: a, may_access: b, access: rw }\n', /protection\.1: .* overlaps b's memory\[0\]/);
});
