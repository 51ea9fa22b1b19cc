import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BARRIER_OPTION, barrierAllTypes, barrierNonshareable, barrierOrdersStores, dsbCompletesTlbi } from '../../src/arch/a64/barrier.ts';

const crmOf = (name: string): number => Number(Object.entries(BARRIER_OPTION).find(([, n]) => n === name)![0]);

test('DSB CRm decode (ARM C6.2 DSB): the named options', () => {
  for (const n of ['sy', 'ish', 'osh']) assert.ok(dsbCompletesTlbi(crmOf(n), 'inner') && dsbCompletesTlbi(crmOf(n), 'local'), n);
  assert.ok(dsbCompletesTlbi(crmOf('nsh'), 'local'));
  assert.ok(!dsbCompletesTlbi(crmOf('nsh'), 'inner'), 'NSH does not reach a broadcast TLBI');
  assert.ok(dsbCompletesTlbi(crmOf('nsh'), 'inner', true), 'HCR_EL2.BSU upgrades NSH to at least ISH');
  for (const n of ['ld', 'st', 'ishld', 'ishst', 'nshld', 'nshst', 'oshld', 'oshst']) {
    assert.ok(!dsbCompletesTlbi(crmOf(n), 'local'), `${n} orders one access type only`);
  }
  assert.ok(barrierOrdersStores(crmOf('ishst')) && !barrierOrdersStores(crmOf('ishld')));
});

test('DSB CRm[1:0] = 00 is both access types in the full system, whatever CRm[3:2] says', () => {
  for (const crm of [0, 4, 8, 12]) {
    assert.ok(barrierAllTypes(crm) && !barrierNonshareable(crm), `#${crm}`);
    assert.ok(dsbCompletesTlbi(crm, 'inner'), `#${crm} completes a broadcast TLBI`);
  }
  // every other CRm: NSH domain only for CRm[3:2] = 01
  for (let crm = 0; crm < 16; crm++) if ((crm & 3) !== 0) assert.equal(barrierNonshareable(crm), crm >>> 2 === 1, `#${crm}`);
});
