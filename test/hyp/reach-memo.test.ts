// ReachMemo (reach.ts): a regime's reach remembered across the runs of one image is the reach reachOf finds on the
// machine at hand — reused while the descriptors its walk read are unchanged, found again when one of them differs;
// and a run whose machine has a changed stage 2 is judged on it, however many clean runs came before.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildImage, machineFor, type BuiltImage } from '../../src/hyp/image.ts';
import { ReachMemo, reachOf, type Regime } from '../../src/hyp/reach.ts';
import { runImage } from '../../src/hyp/run.ts';
import { parseScenario } from '../../src/hyp/scenario.ts';
import type { VirtMachine } from '../../src/machine/virt.ts';

const FILE = 'scenarios/seed.yaml';
const img = buildImage(parseScenario(readFileSync(FILE, 'utf8'), FILE), FILE);
const [vm1, vm2] = ['vm1', 'vm2'].map((n) => img.contexts.find((c) => c.name === n)!);

function loaded(): VirtMachine {
  const m = machineFor(img);
  assert.equal(m.load(img.image), undefined);
  return m;
}

/** Point vm2's stage-2 leaf for its first region at vm1's memory (a page-table bug), in the machine's RAM. */
function leak(m: VirtMachine, i: BuiltImage = img): void {
  const target = BigInt(vm2!.regions[0]!.pa);
  for (let pa = i.layout.poolBase; pa < i.layout.poolBase + i.layout.poolSize; pa += 8) {
    const d = m.mem.readU64(pa);
    if ((d & 1n) === 1n && (d & 0xffff_ffff_f000n) === target) {
      m.mem.writeU64(pa, (d & ~0xffff_ffff_f000n) | BigInt(vm1!.regions[0]!.pa));
      return;
    }
  }
  assert.fail('no stage-2 leaf for vm2');
}

test('the memo gives reachOf\'s reach: the same one while the tables read are unchanged, a new one after a descriptor changed', () => {
  const regime: Regime = { hcr: vm2!.regs.hcr, vttbr: vm2!.regs.vttbr, vtcr: vm2!.regs.vtcr, ttbr0: vm2!.regs.ttbr0, tcr: vm2!.regs.tcr, sctlr: vm2!.regs.sctlr };
  const key = Object.values(regime).join(':');
  const memo = new ReachMemo();
  const a = loaded();
  const first = memo.reach(a.mem, regime, 44, key);
  assert.deepEqual(first, reachOf(a.mem, regime, 44));
  assert.equal(first.all, false);
  assert.equal(memo.reach(loaded().mem, regime, 44, key), first, 'another machine with the same tables: reused');
  const b = loaded();
  leak(b);
  const changed = memo.reach(b.mem, regime, 44, key);
  assert.notEqual(changed, first);
  assert.deepEqual(changed, reachOf(b.mem, regime, 44));
  assert.ok(!changed.all && changed.leaves.some((l) => l.pa === vm1!.regions[0]!.pa), 'the leaf now leads into vm1');
  assert.deepEqual(memo.reach(loaded().mem, regime, 44, key), first, 'the clean tables again');
});

test('runs of one image: a clean run, one whose stage 2 leaks (the isolation verdict fails), a clean one again', () => {
  const isolation = (r: ReturnType<typeof runImage>) => r.verdicts.find((v) => v.id === 'isolation')!;
  const clean = runImage(img);
  assert.equal(isolation(clean).status, 'pass');
  const leaky = runImage(img, { prepare: (m) => leak(m) });
  assert.equal(isolation(leaky).status, 'fail');
  assert.match(isolation(leaky).evidence, /vm2: stage 2 maps IA 0x[0-9a-f]+ → PA 0x[0-9a-f]+ \(vm1 memory\)/);
  assert.deepEqual(runImage(img).verdicts, clean.verdicts);
});
