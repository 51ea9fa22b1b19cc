// The TLBI/AT/DC/IC rows carry their scope as columns (src/arch/sysops.ts): pinned here against the Arm ARM's
// operation descriptions (ARM C5.4, C5.5; ARCH-NOTES §9, §11), so that a wrong column fails by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { broadcastForm, SYSOPS, sysopByName, tlbiScope } from '../../src/arch/sysops.ts';

// regime vmid asid global address stage, for each base operation (the L and IS forms share it)
const EXPECTED: Record<string, string> = {
  VMALLE1: 'EL1&0 current all global none stage1',
  VAE1: 'EL1&0 current operand global va stage1',
  ASIDE1: 'EL1&0 current operand non-global none stage1',
  VAAE1: 'EL1&0 current all global va stage1',
  IPAS2E1: 'EL1&0 current all global ipa stage2',
  ALLE1: 'EL1&0 all all global none both',
  VMALLS12E1: 'EL1&0 current all global none both',
  ALLE2: 'EL2 all all global none both',
  VAE2: 'EL2 all all global va both',
};

test('every TLBI row has the scope of its operation, its L form last-level only, its IS form Inner Shareable', () => {
  const tlbis = SYSOPS.filter((o) => o.kind === 'tlbi');
  assert.equal(tlbis.length, 26);
  for (const o of tlbis) {
    const s = o.tlbi!;
    const inner = o.name.endsWith('IS');
    const form = inner ? o.name.slice(0, -2) : o.name;
    const last = /^(VAL|VAAL|IPAS2L)/.test(form);
    const base = last ? form.replace('L', '') : form;
    const got = `${s.regime} ${s.vmid} ${s.asid} ${s.global ? 'global' : 'non-global'} ${s.address} ${s.stage}`;
    assert.equal(got, EXPECTED[base], o.name);
    assert.equal(s.lastLevel, last, o.name);
    assert.equal(s.shareability, inner ? 'inner' : 'local', o.name);
    // Xt carries an address or an ASID exactly when the scope reads one
    assert.equal(o.xt, s.address !== 'none' || s.asid === 'operand', o.name);
  }
  assert.equal(tlbiScope('VALE1IS').lastLevel, true);
  assert.throws(() => tlbiScope('NOPE'), /no TLBI operation NOPE/);
});

test('HCR_EL2.FB broadcasts exactly the local EL1 operations (TLBI …E1, IC IALLU) to their IS forms', () => {
  for (const o of SYSOPS) {
    const b = broadcastForm(o);
    const local = (o.kind === 'tlbi' && o.op1 === 0 && o.tlbi!.shareability === 'local') || o.name === 'IALLU';
    assert.equal(b !== o, local, o.name);
    if (local) assert.equal(b.name, `${o.name}IS`);
  }
});

test('every AT row: regime, stages, whose permissions and the access from its name (S1E1R … S12E0W)', () => {
  const got = SYSOPS.filter((o) => o.kind === 'at').map((o) => `${o.name}:${o.at!.regime}/${o.at!.stages}/EL${o.at!.el}/${o.at!.access}`);
  assert.deepEqual(got, [
    'S1E1R:EL1&0/1/EL1/read', 'S1E1W:EL1&0/1/EL1/write', 'S1E0R:EL1&0/1/EL0/read', 'S1E0W:EL1&0/1/EL0/write',
    'S1E2R:EL2/1/EL2/read', 'S1E2W:EL2/1/EL2/write', 'S12E1R:EL1&0/2/EL1/read', 'S12E1W:EL1&0/2/EL1/write',
    'S12E0R:EL1&0/2/EL0/read', 'S12E0W:EL1&0/2/EL0/write',
  ]);
});

test('every DC/IC row says what it addresses; the by-VA ones take Xt', () => {
  for (const o of SYSOPS.filter((x) => x.kind === 'dc' || x.kind === 'ic')) {
    assert.ok(o.cache !== undefined, o.name);
    if (o.cache === 'va' || o.cache === 'zero-va') assert.equal(o.xt, true, o.name);
  }
  assert.equal(sysopByName('dc', 'zva')!.cache, 'zero-va');
  assert.equal(sysopByName('dc', 'cisw')!.cache, 'set-way');
  assert.equal(sysopByName('ic', 'iallu')!.cache, 'all');
});
