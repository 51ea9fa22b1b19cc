// ARMv8.0 coverage (issue 13): of 50,000 words drawn uniformly from the whole 32-bit space, every word objdump 2.40
// decodes as an ARMv8.0 instruction (recorded: test/asm/golden/uniform.txt.gz, scripts/v8-coverage.ts --record)
// executes on twostage — it is not UNDEFINED — and every word of a later extension is UNDEFINED, as the Cortex-A57
// profile advertises none (test/arch/id-features.test.ts). `npm run coverage:v8` runs the same check on 10^6 words
// with live objdump.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { checkWords, classify, GOLDEN_SEED, GOLDEN_WORDS, uniformWords } from './v8-coverage.ts';

const texts = gunzipSync(readFileSync('test/asm/golden/uniform.txt.gz')).toString('utf8').split('\n').slice(0, -1);
const words = uniformWords(GOLDEN_SEED, GOLDEN_WORDS);

test('the recorded objdump text covers the seeded sample word for word', () => {
  assert.equal(texts.length, GOLDEN_WORDS);
});

test('every ARMv8.0 word objdump decodes executes; every later-extension word is UNDEFINED', (t) => {
  const { counts, failures } = checkWords(words, texts);
  assert.deepEqual(failures, []);
  const v80 = counts.get('v8.0') ?? 0;
  // about 30 % of the 32-bit space is ARMv8.0 (C4.1: the unallocated and SVE/SME groups take most of the rest)
  assert.ok(v80 > 0.25 * GOLDEN_WORDS, `${v80} ARMv8.0 words`);
  t.diagnostic([...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${n} ${k}`).join('; '));
});

test('the classifier sorts by objdump text: later features by mnemonic, SVE operand, half precision, general-register CSSC', () => {
  const cases: [string, string][] = [
    ['ldadd\tx0, x1, [x2]', 'FEAT_LSE (v8.1)'],
    ['stsminlh\tw1, [x2]', 'FEAT_LSE (v8.1)'],
    ['cpyfprtwn\t[x0]!, [x1]!, x2!', 'FEAT_MOPS (v8.8)'],
    ['add\tz0.d, z0.d, z0.d', 'FEAT_SVE / FEAT_SME'],
    ['fadd\th0, h1, h2', 'FEAT_FP16 (v8.2)'],
    ['fmul\tv0.8h, v1.8h, v2.h[1]', 'FEAT_FP16 (v8.2)'],
    ['umax\tx0, x1, #3', 'FEAT_CSSC (v8.9)'],
    ['cntw\tx24, vl128, mul #16', 'FEAT_SVE (element counts)'],
  ];
  for (const [text, feature] of cases) assert.deepEqual(classify(text), { kind: 'later', feature }, text);
  for (const text of ['fcvt\th0, s1', 'fcvtn\tv0.4h, v1.4s', 'umax\tv0.4s, v1.4s, v2.4s', 'cnt\tv0.8b, v1.8b', 'ldr\th0, [x1]', 'bfc\tw0, #1, #2', 'bti\tc']) {
    assert.deepEqual(classify(text), { kind: 'v8.0' }, text);
  }
  assert.equal(classify('smc\t#0x0').kind, 'excluded');
  assert.equal(classify('').kind, 'not decoded');
});
