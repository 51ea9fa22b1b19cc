// The reader of isla's system litmus tests (src/check/isla-reader.ts) on tests written here in isla's format; the
// public suite itself runs through `npm run test:litmus-isla` (scripts/litmus-isla.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readIsla } from '../../src/check/isla-reader.ts';
import { LitmusError } from '../../src/check/litmus-reader.ts';

const TEST = `arch = "AArch64"
name = "remap-then-load"
symbolic = ["x", "y"]   # the test's addresses

page_table_setup = """
    physical pa1 pa2;
    x |-> invalid;       // starts unmapped
    x ?-> pa2 with [AP = 0b01] and default;
    y |-> pa1 at level 3;
    s1table other 0x280000 {
        y |-> pa2;
    }
    identity 0x1000 with code;
    *pa2 = 7;
"""

[thread.0]
init = {}
code = """
    STR X0,[X1]
    DSB SY
L0: LDR X2,[X3]
"""

[thread.0.reset]
R0 = "mkdesc3(oa=pa2)"
R1 = "pte3(x, page_table_base)"
R3 = "x"
R4 = "L0:"
VBAR_EL1 = "extz(0x1000, 64)"
"PSTATE.EL" = "0b01"

[section.thread0_el1_handler]
address = "0x1200"
code = """
    MOV X2,#0
    ERET
"""

[final]
expect = "sat"
assertion = "0:X2 = 7 & ~(*y = 1) | 0:X0=desc3(y, page_table_base)"
`;

test('isla reader: setup statements, registers as expressions, handler sections and the final assertion', () => {
  const t = readIsla(TEST, 'remap.toml');
  assert.equal(t.name, 'remap-then-load');
  assert.deepEqual(t.symbolic, ['x', 'y']);
  assert.equal(t.expect, 'sat');
  assert.deepEqual(t.setup[0], { k: 'declare', space: 'physical', names: ['pa1', 'pa2'] });
  assert.deepEqual(t.setup[1], { k: 'map', initial: true, from: { k: 'name', name: 'x' }, to: 'invalid' });
  assert.deepEqual(t.setup[2], {
    k: 'map', initial: false, from: { k: 'name', name: 'x' }, to: { k: 'name', name: 'pa2' },
    attrs: { fields: new Map([['AP', 1n]]), code: false, default: true },
  });
  assert.equal(t.setup[3]!.k === 'map' && t.setup[3]!.level, 3);
  assert.equal(t.setup[4]!.k === 'table' && t.setup[4]!.addr, 0x280000n);
  assert.deepEqual(t.setup[6], { k: 'store', at: 'pa2', value: 7n });
  const th = t.threads[0]!;
  assert.deepEqual(th.code, ['STR X0,[X1]', 'DSB SY', 'L0: LDR X2,[X3]']);
  assert.deepEqual(th.reset.get('R0'), { k: 'call', fn: 'mkdesc3', args: [], named: new Map([['oa', { k: 'name', name: 'pa2' }]]) });
  assert.deepEqual(th.reset.get('R4'), { k: 'label', name: 'L0' });
  assert.deepEqual(th.reset.get('PSTATE.EL'), { k: 'num', value: 1n });
  assert.deepEqual(t.sections, [{ name: 'thread0_el1_handler', address: 0x1200n, code: ['MOV X2,#0', 'ERET'] }]);
  // & binds tighter than |
  assert.equal(t.assertion.k, 'or');
  const [left, right] = t.assertion.k === 'or' ? t.assertion.args : [];
  assert.deepEqual(left, { k: 'and', args: [{ k: 'eq', thread: 0, reg: 'X2', value: { k: 'num', value: 7n } }, { k: 'not', arg: { k: 'eq', mem: 'y', value: { k: 'num', value: 1n } } }] });
  assert.equal(right!.k === 'eq' && right!.value.k === 'call' && right!.value.fn, 'desc3');
});

test('isla reader: what it does not read is a LitmusError with the file, line, field and why', () => {
  const cases: [string, string, number, string, RegExp][] = [
    ['an unknown key', TEST.replace('arch = "AArch64"', 'arch = "AArch64"\nsetup_mode = "odd"'), 2, 'setup_mode', /not a key/],
    ['a bad setup statement', TEST.replace('*pa2 = 7;', '*pa2 = 7;\n    x => pa1;'), 15, 'page_table_setup', /cannot read|expected/],
    ['a bad register value', TEST.replace('R3 = "x"', 'R3 = "x +"'), 28, 'thread.0.reset.R3', /cannot read "\+"/],
    ['a bad assertion', TEST.replace('0:X2 = 7 &', '0:X2 = 7 &&'), 42, 'final.assertion', /does not start a condition/],
    ['an unclosed string', TEST.replace('expect = "sat"', 'expect = "sat'), 41, 'final.expect', /no closing "/],
    ['a section without its address', TEST.replace('address = "0x1200"\n', ''), 34, 'section.thread0_el1_handler', /address and code/],
  ];
  for (const [what, text, line, field, why] of cases) {
    assert.throws(
      () => readIsla(text, 'bad.toml'),
      (e: unknown) => e instanceof LitmusError && e.file === 'bad.toml' && e.line === line && e.field === field && why.test(e.why),
      what,
    );
  }
});
