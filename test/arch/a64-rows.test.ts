// The encoding table as data (src/arch/a64/): rows well formed, decodable, each gated by a feature the profiles
// implement, the load/store rows each in one encoding group.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decode, decodeRow } from '../../src/arch/a64/decode.ts';
import { encoding, parseDiagram } from '../../src/arch/a64/encoding.ts';
import { implementsFeature } from '../../src/arch/a64/features.ts';
import { LDST, ldstForm } from '../../src/arch/a64/rows/ldst.ts';
import { ROWS, rowById, rowIndex, UNALLOCATED } from '../../src/arch/a64/table.ts';
import { CORTEX_A57, MAX, type Profile } from '../../src/arch/profiles.ts';

test('row ids are unique and rowIndex/rowById find each row', () => {
  assert.equal(new Set(ROWS.map((r) => r.id)).size, ROWS.length);
  ROWS.forEach((r, i) => {
    assert.equal(rowIndex(r.id), i);
    assert.equal(rowById(r.id), r);
  });
  assert.equal(ROWS[0]!.id, UNALLOCATED);
  assert.equal(rowIndex('NO_SUCH_ROW'), -1);
  assert.throws(() => rowById('NO_SUCH_ROW'), /no row NO_SUCH_ROW/);
});

test('a malformed diagram is refused with the row id', () => {
  assert.throws(() => parseDiagram('BAD', '0 1'), /BAD: diagram is 2 bits, not 32/);
  assert.throws(() => parseDiagram('BAD', 'Rd:5 Rd:27'), /BAD: field Rd appears twice/);
  assert.throws(() => parseDiagram('BAD', 'x'.repeat(31) + ' 2'), /BAD: bad diagram token '2'/);
});

test('a row takes the build\'s parsed diagram only when it was parsed from its own diagram (src/arch/a64/prebuilt.ts)', () => {
  const spec = { id: 'T', mnemonic: 't', cls: 'dp-imm', diagram: 'sf:1 0 0 100010 sh:1 imm12:12 Rn:5 Rd:5' } as const;
  const parsed = { diagram: spec.diagram, ...parseDiagram(spec.id, spec.diagram) };
  assert.deepEqual(encoding(spec), { ...spec, feature: 'base', mask: parsed.mask, match: parsed.match, sbo: parsed.sbo, fields: parsed.fields });
  assert.equal(encoding(spec, parsed).fields, parsed.fields, 'the prebuilt entry is used as it is');
  // an entry of another diagram (a table changed after the build) is not: the row's own diagram is parsed
  const stale = { ...parsed, diagram: spec.diagram.replace('100010', '100011'), match: parsed.match ^ 1 << 23 };
  assert.deepEqual(encoding(spec, stale), encoding(spec));
  assert.notEqual(encoding(spec, stale).fields, stale.fields);
});

test('each row decodes its own fixed bits, unless a more specific row carves them out', () => {
  for (const r of ROWS.slice(1)) {
    const got = ROWS[decode(r.match)]!;
    assert.ok(got === r || got.mask !== r.mask, `${r.id}: its match word decodes as ${got.id}`);
  }
});

test('decode: a word decodes to a row whose mask/match it satisfies, else to the unallocated row (random words)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffffffff }), (w) => {
      const op = decode(w);
      if (op === 0) return ROWS.slice(1).every((r) => ((w & r.mask) >>> 0) !== r.match);
      const r = ROWS[op]!;
      // the most specific matching row wins
      const fixed = (m: number) => m.toString(2).replace(/0/g, '').length;
      return ((w & r.mask) >>> 0) === r.match && ROWS.slice(1).every((o) => ((w & o.mask) >>> 0) !== o.match || fixed(o.mask) <= fixed(r.mask));
    }),
    { numRuns: 3000 },
  );
  assert.equal(decodeRow(0xd503201f)?.id, 'NOP');
});

test('every row names a feature both profiles implement; FP/SIMD rows name theirs (not base)', () => {
  for (const p of [CORTEX_A57, MAX]) for (const r of ROWS) assert.ok(implementsFeature(p, r.feature), `${p.name}: ${r.id} needs ${r.feature}`);
  for (const r of ROWS.filter((x) => x.cls === 'fpsimd')) assert.notEqual(r.feature, 'base', r.id);
  assert.deepEqual(ROWS.filter((r) => r.feature === 'CRC32').map((r) => r.mnemonic).sort(), ['crc32b', 'crc32cb', 'crc32ch', 'crc32cw', 'crc32cx', 'crc32h', 'crc32w', 'crc32x']);
});

test('features follow the ID registers: a profile without them does not implement them', () => {
  const without: Profile = { ...CORTEX_A57, id: { ...CORTEX_A57.id, aa64pfr0: 0x00ff0111n, aa64isar0: 0x00000010n } };
  assert.equal(implementsFeature(without, 'FP'), false);
  assert.equal(implementsFeature(without, 'AdvSIMD'), false);
  assert.equal(implementsFeature(without, 'AES'), true); // AES = 1: AES without PMULL
  assert.equal(implementsFeature(without, 'PMULL'), false);
  assert.equal(implementsFeature(without, 'SHA1'), false);
  assert.equal(implementsFeature(without, 'CRC32'), false);
  assert.equal(implementsFeature(CORTEX_A57, 'PMULL'), true); // ID_AA64ISAR0_EL1.AES = 2 on the A57
});

test('every integer load/store row is in one encoding group', () => {
  for (const r of LDST) assert.ok(ldstForm(r.id) !== undefined, r.id);
  assert.equal(ldstForm('LDR_X_uoff'), 'uoff');
  assert.equal(ldstForm('LDXR_W'), 'excl-load');
  assert.equal(ldstForm('ADD_imm'), undefined);
});
