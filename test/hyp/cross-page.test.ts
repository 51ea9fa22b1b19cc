// Hostile accesses across a page edge through the reference hypervisor (issue 11, "Memory: accesses that cross a
// page"): in scenarios/cross-page.yaml a VM (its own stage 1 on, so the access is to Normal memory) and a native app
// store and load 8 bytes at the last byte of their memory, whose next page in PA is the first page of another
// context. Under both shim hostings both accesses are denied and logged with FAR = the next page's first byte (a
// stage-2 fault for the VM, a stage-1 fault the shim forwards for the app), the store writes none of its bytes, the
// load leaves its register alone, the neighbours' memory is intact — and `twostage run` prints all of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { buildImage } from '../../src/hyp/image.ts';
import { runImage } from '../../src/hyp/run.ts';
import { parseScenario } from '../../src/hyp/scenario.ts';
import { CLI } from '../helpers/cli.ts';

const FILE = 'scenarios/cross-page.yaml';
const scenario = parseScenario(readFileSync(FILE, 'utf8'), FILE);
const CANARY = 0x5afe5afe_14000002n; // canary.S's first doubleword: b 1f; .word 0x5afe5afe
const EDGE = [
  { name: 'edge-vm', next: 'next-vm', far: 0x8001_0000n, ec: 0x24, hpfar: 0x80010n << 4n }, // stage 2, taken to EL2
  { name: 'edge-app', next: 'next-app', far: 0xff80_0001_0000n, ec: 0x24, hpfar: 0n }, // stage 1, from EL0 to the shim
] as const;

for (const hosting of ['el1-shim', 'el1-shim-s2'] as const) {
  test(`${hosting}: 8-byte accesses at the last byte of a VM's and an app's memory are denied, and write nothing`, () => {
    const img = buildImage(scenario, FILE, hosting);
    const r = runImage(img);
    assert.equal(r.exitCode, 0);
    const index = (name: string) => img.contexts.findIndex((c) => c.name === name);
    for (const e of EDGE) {
      // the scenario tests what it says: the neighbour's memory starts right after the prober's in PA
      const mine = img.contexts[index(e.name)]!.regions[0]!;
      assert.equal(img.contexts[index(e.next)]!.regions[0]!.pa, mine.pa + mine.size, `${e.next} is PA-adjacent to ${e.name}`);
      const denied = r.denied.filter((d) => d.context === e.name);
      assert.deepEqual(denied.map((d) => d.far), [e.far, e.far], `${e.name}: both accesses denied at the next page`);
      for (const [i, d] of denied.entries()) {
        assert.equal(d.esr >>> 26, e.ec);
        assert.equal(d.esr & 0x3f, 0x07, `${e.name}: translation fault, level 3`);
        assert.equal((d.esr >>> 6) & 1, i === 0 ? 1 : 0, 'WnR: the store, then the load');
        assert.equal(d.hpfar, e.hpfar);
      }
      // its own last byte after the store (0: no byte written), then the load's register (0xbad: unchanged)
      assert.deepEqual(r.observation.perContext[index(e.name)]!.logs, [0n, 0xbadn]);
      assert.deepEqual(r.observation.perContext[index(e.next)]!.logs, [CANARY], `${e.next}'s first doubleword`);
    }
    assert.equal(r.deniedTotal, 4);
    for (const v of r.verdicts) assert.equal(v.status, 'pass', `${v.requirement}: ${v.evidence}`);
  });
}

test('`twostage run` shows the denials with the next page as FAR, and the neighbours\' intact memory', () => {
  const out = spawnSync(process.execPath, [...CLI, 'run', FILE], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  for (const e of EDGE) {
    const far = `FAR 0x${e.far.toString(16).padStart(16, '0')}`;
    assert.match(out.stdout, new RegExp(`\\[${e.name}\\] denied: translation fault level 3, write ${far}`));
    assert.match(out.stdout, new RegExp(`\\[${e.name}\\] denied: translation fault level 3, read ${far}`));
    assert.match(out.stdout, new RegExp(`\\[${e.next}\\] log 0x${CANARY.toString(16)}\\n`));
  }
  assert.match(out.stdout, /denied accesses in the hypervisor's log: 4\b/);
  assert.doesNotMatch(out.stdout, /\[FAIL\]/);
});
