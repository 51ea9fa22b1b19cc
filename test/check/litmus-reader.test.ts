import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { LitmusError, readLitmus } from '../../src/check/litmus-reader.ts';
import { litmusScope } from '../../src/check/litmus-scope.ts';

const bbm = readFileSync(new URL('./litmus/tlbi-bbm.litmus', import.meta.url), 'utf8');

test('litmus reader: header, init, code, fault handler, locations and condition of a single-PE test', () => {
  const t = readLitmus(bbm, 'tlbi-bbm.litmus');
  assert.equal(t.arch, 'AArch64');
  assert.equal(t.name, 'twostage-bbm-tlbi');
  assert.equal(t.header.get('TTHM'), 'SW');
  assert.equal(t.code.length, 1);
  assert.equal(t.code[0].length, 9);
  assert.equal(t.code[0][8], 'L0: LDR W4,[X2]');
  assert.deepEqual(t.handlers.get(0), ['MOV X9,#1', 'ERET']);
  assert.deepEqual(t.locations, ['0:X9']);
  assert.deepEqual(
    t.init.map((i) => [i.line, i.type, i.location]),
    [
      [7, 'int', { kind: 'mem', name: 'x' }],
      [7, 'int', { kind: 'mem', name: 'y' }],
      [8, undefined, { kind: 'pte', name: 'x' }],
      [9, 'pteval_t', { kind: 'reg', pe: 0, reg: 'X0' }],
      [9, undefined, { kind: 'reg', pe: 0, reg: 'X1' }],
      [9, undefined, { kind: 'reg', pe: 0, reg: 'X2' }],
      [10, undefined, { kind: 'reg', pe: 0, reg: 'X5' }],
    ],
  );
  assert.deepEqual(t.init[2].value, { kind: 'desc', fields: new Map([['oa', { kind: 'pa', name: 'x' }]]) });
  assert.deepEqual(t.init[4].value, { kind: 'pte', name: 'x' });
  assert.deepEqual(t.init[6].value, { kind: 'int', value: 16n });
  assert.equal(t.quantifier, '~exists');
  assert.deepEqual(t.condition, {
    kind: 'and',
    args: [
      {
        kind: 'or',
        args: [
          { kind: 'eq', location: { kind: 'reg', pe: 0, reg: 'X4' }, value: { kind: 'int', value: 1n } },
          { kind: 'fault', pe: 0, label: 'L0', name: 'x', type: 'MMU:Translation' },
        ],
      },
      {
        kind: 'not',
        arg: {
          kind: 'eq',
          location: { kind: 'pte', name: 'x' },
          value: { kind: 'desc', fields: new Map([['oa', { kind: 'pa', name: 'x' }]]) },
        },
      },
    ],
  });
});

test('litmus reader: the older catalogue spelling (pte_x, phy_x, multi-PE table) reads to the same shapes', () => {
  const t = readLitmus(
    'AArch64 old\n{\npte_x=(oa:phy_x,valid:0);\n0:X1=pte_x; 1:X3=x;\n}\n P0 | P1 ;\n STR X0,[X1] | LDR W2,[X3] ;\nexists (1:X2=0 /\\ Fault(P1,x))\n',
  );
  assert.equal(t.code.length, 2);
  assert.deepEqual(t.init[0].location, { kind: 'pte', name: 'x' });
  assert.deepEqual(t.init[1].value, { kind: 'pte', name: 'x' });
  assert.equal(t.quantifier, 'exists');
  assert.equal(t.condition.kind, 'and');
});

test('litmus reader: what it does not read is an error naming file, line and field', () => {
  const cases: [string, number, string, RegExp][] = [
    ['X86 t\n{ }\n P0 ;\n', 1, 'header', /only AArch64/],
    ['AArch64 t\n{\nTTD(x)=(oa:PA(x));\n}\n P0 ;\n NOP ;\nexists (0:X0=0)\n', 3, 'init', /unsupported location "TTD\(x\)"/],
    ['AArch64 t\n{\n0:X0=1;\n\n', 5, 'init', /never closed/],
    ['AArch64 t\n{\n}\n P1 ;\n NOP ;\nexists (0:X0=0)\n', 4, 'processes', /process header/],
    ['AArch64 t\n{\n}\n P0 ;\n NOP ;\nmaybe (0:X0=0)\n', 6, 'condition', /exists\/~exists\/forall/],
    ['AArch64 t\n{\n}\n P0 ;\n NOP ;\nexists (0:X0=0 /\\ 0:X1<>2)\n', 6, 'condition', /expected LOCATION=VALUE at "0:X1<>2\)"/],
  ];
  for (const [text, line, field, why] of cases) {
    assert.throws(
      () => readLitmus(text, 'bad.litmus'),
      (e: unknown) => e instanceof LitmusError && e.file === 'bad.litmus' && e.line === line && e.field === field && why.test(e.why),
      text,
    );
  }
});

test('litmus scope: multi-PE is out of scope, TTHM=HA/HD on P0 or an LSE atomic is not applicable to ARMv8.0', () => {
  const single = (header: string, code: string) => readLitmus(`AArch64 t\n${header}\n{\n}\n P0 ;\n ${code} ;\nexists (0:X0=0)\n`);
  assert.deepEqual(litmusScope(readLitmus(bbm)), { kind: 'selected' });
  assert.deepEqual(litmusScope(readLitmus('AArch64 t\n{\n}\n P0 | P1 ;\n NOP | NOP ;\nexists (0:X0=0)\n')), { kind: 'multi-pe', pes: 2 });
  assert.deepEqual(litmusScope(single('TTHM=HA HD', 'NOP')), { kind: 'not-applicable', feature: 'FEAT_HAFDBS' });
  assert.deepEqual(litmusScope(single('TTHM=P0:HD', 'NOP')), { kind: 'not-applicable', feature: 'FEAT_HAFDBS' });
  assert.deepEqual(litmusScope(single('TTHM=P1:HA', 'NOP')), { kind: 'selected' });
  assert.deepEqual(litmusScope(single('', 'L0: LDADD X0,X1,[X2]')), { kind: 'not-applicable', feature: 'FEAT_LSE' });
  assert.deepEqual(litmusScope(single('', 'LDAPR X0,[X2]')), { kind: 'not-applicable', feature: 'FEAT_LRCPC' });
  assert.deepEqual(litmusScope(single('', 'LDR X0,[X2]')), { kind: 'selected' });
});
