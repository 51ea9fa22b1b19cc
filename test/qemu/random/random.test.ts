// The recorded random-instruction programs (README.md here) on twostage against QEMU's recorded records. Every
// word must leave the state QEMU left, except words twostage rejects whose class is listed in known-missing.txt
// (reported as todos, one per class, until they are gone), loads that follow such a load/store (its memory may
// differ) and differences test/qemu/DEVIATIONS.md documents; a word twostage executes differently fails the test.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { classify } from './classify.ts';
import { compareRecords, type Divergence } from './compare.ts';
import {
  BLOB, CODE_OFFSET, generate, HDR_SETUP, HDR_STATE, LITERAL_REACH, MAX_WORDS, OUT, R_V, REC, REF, REF_PTR, SCRATCH_OFFSET, SCRATCH_SIZE, SETUP_FPCR,
  SETUP_FPSR, SETUP_SIZE,
} from './program.ts';
import { readKnownMissing, readRecorded, RECORDED, recordedName } from './recorded.ts';
import { mnemonicOf } from './reference.ts';
import { RANDOM_DIR, runOnTwostage } from './twostage.ts';

test('harness.S and program.ts agree on the blob layout', () => {
  const src = readFileSync(join(RANDOM_DIR, 'harness.S'), 'utf8');
  const equ = (name: string): number => {
    const m = new RegExp(`\\.equ ${name}, ([^/\\n]+)`).exec(src);
    assert.ok(m !== null, `harness.S has no .equ ${name}`);
    return Function(`const BLOB = ${BLOB}; return ${m[1]!.trim()};`)() as number;
  };
  assert.equal(equ('BLOB'), BLOB);
  assert.equal(equ('REF_PTR'), REF_PTR);
  assert.equal(equ('HDR_STATE'), HDR_STATE);
  assert.equal(equ('HDR_SETUP'), HDR_SETUP);
  assert.equal(equ('CODE'), BLOB + CODE_OFFSET);
  assert.equal(equ('OUT'), OUT);
  assert.equal(equ('REC'), REC);
  assert.equal(equ('SETUP_FPCR'), SETUP_FPCR);
  assert.equal(equ('SETUP_FPSR'), SETUP_FPSR);
  assert.match(src, new RegExp(`mov x12, #${SETUP_SIZE}\\b`));
});

test('what only the twostage run holds (REF_PTR, the reference records) lies beyond the reach of every word', () => {
  // LDR (literal) from any slot, and the scratch the load/store bases point into (program.ts setupFor)
  const reachEnd = Math.max(BLOB + CODE_OFFSET + MAX_WORDS * 8 + LITERAL_REACH, BLOB + SCRATCH_OFFSET + SCRATCH_SIZE);
  const reachStart = BLOB + CODE_OFFSET - LITERAL_REACH;
  for (const a of [REF_PTR, REF]) assert.ok(a >= reachEnd || a + 8 <= reachStart, `0x${a.toString(16)} is within a word's reach`);
  assert.ok(REF_PTR + 8 <= REF);
});

test('a literal load of the blob header reads the same whether or not the run resumes from reference records', () => {
  const p = generate(1, 8, 'fpsimd');
  const words = new Uint32Array(8);
  const blob = p.blob.slice();
  const view = new DataView(blob.buffer);
  for (let i = 0; i < words.length; i++) {
    const offset = -(CODE_OFFSET + i * 8) + 8 * (i & 1); // BLOB (count, then zeros) or BLOB + 8 (the old HDR_REF)
    words[i] = (0x9c00_0000 | (((offset >> 2) & 0x7_ffff) << 5) | 12) >>> 0; // ldr q12, <literal>
    view.setUint32(CODE_OFFSET + i * 8, words[i]!, true);
  }
  const q = { ...p, words, blob };
  const alone = runOnTwostage(q);
  assert.equal(alone.problem, '');
  const resumed = runOnTwostage(q, alone.records);
  assert.deepEqual(compareRecords(words, alone.records, resumed.records), []);
  const v12 = new DataView(resumed.records.buffer, resumed.records.byteOffset + (R_V + 24) * 8, 16);
  assert.deepEqual([v12.getBigUint64(0, true), v12.getBigUint64(8, true)], [8n, 0n]); // count 8, then the header's zeros
});

test('the filter table leaves out exactly the classes it names', () => {
  const cases: [number, string][] = [
    [0x1400_0000, 'branch (B, BL)'], [0x9400_0001, 'branch (B, BL)'], [0x5400_0000, 'conditional branch (B.cond)'],
    [0xb400_0000, 'compare and branch (CBZ, CBNZ)'], [0x3700_0000, 'test and branch (TBZ, TBNZ)'],
    [0xd65f_03c0, 'branch to register (BR, BLR, RET, ERET, DRPS)'], [0xd69f_03e0, 'branch to register (BR, BLR, RET, ERET, DRPS)'],
    [0xd400_0002, 'exception generation (SVC, HVC, SMC, BRK, HLT, DCPS)'], [0xd45e_0000, 'exception generation (SVC, HVC, SMC, BRK, HLT, DCPS)'],
    [0xd503_207f, 'wait (WFI, WFE)'], [0xd503_205f, 'wait (WFI, WFE)'], [0xd500_40bf, 'MSR (immediate): PSTATE'],
    [0xd50b_7420, 'system instruction (SYS, SYSL: DC, IC, AT, TLBI)'], [0xd518_1000, 'MSR (register)'],
    [0xd53b_e040, 'MRS of a counter (CNT*, PMU)'], [0xd53b_9d00, 'MRS of a counter (CNT*, PMU)'], [0xc85f_7c00, 'load/store exclusive'],
  ];
  for (const [w, c] of cases) assert.deepEqual(classify(w), { kind: 'filtered', class: c }, w.toString(16));
  // kept: NOP, YIELD, barriers, MRS of an ID register, LDAR, the loads and stores (Rm for the register-offset form)
  for (const w of [0xd503_201f, 0xd503_203f, 0xd503_3f9f, 0xd538_0000, 0xc8df_fc00]) assert.notEqual(classify(w).kind, 'filtered', w.toString(16));
  assert.deepEqual(classify(0xf862_6820), { kind: 'memory', rm: true }); // ldr x0, [x1, x2]
  assert.deepEqual(classify(0xf940_0020), { kind: 'memory', rm: false }); // ldr x0, [x1]
  assert.deepEqual(classify(0x5800_0040), { kind: 'plain' }); // ldr x0, literal
});

const known = readKnownMissing();
const missingSeen = new Map<string, number>();
const show = (d: Divergence, text: string): string =>
  `word ${d.index} 0x${d.word.toString(16).padStart(8, '0')} (${text}): ${d.verdict}\n    ${d.fields.join('\n    ')}`;

for (const id of RECORDED) {
  const name = recordedName(id);
  test(`random program ${name} (${id.words} words) matches QEMU`, () => {
    const r = readRecorded(id);
    const t = runOnTwostage(r.program, r.qemu);
    assert.equal(t.problem, '', t.problem);
    const failures: string[] = [];
    let memoryByKnown = false; // scratch memory may differ because a known-missing load/store did not run
    for (const d of compareRecords(r.program.words, r.qemu, t.records)) {
      const cls = mnemonicOf(r.text[d.index]!);
      if (d.verdict === 'missing' && known.has(cls)) {
        missingSeen.set(cls, (missingSeen.get(cls) ?? 0) + 1);
        if (classify(d.word).kind === 'memory') memoryByKnown = true;
      } else if (d.verdict !== 'deviation' && !(d.verdict === 'tainted' && memoryByKnown)) failures.push(show(d, r.text[d.index]!));
    }
    assert.deepEqual(failures, [], `${name}:\n  ${failures.join('\n  ')}`);
  });
}

test('known-missing.txt counts no more words than the programs show', () => {
  for (const [cls, n] of missingSeen) assert.ok(n <= known.get(cls)!, `${cls}: ${n} words missing, known-missing.txt says ${known.get(cls)}`);
});

for (const [cls, n] of known) {
  test(`known missing: ${cls}`, { todo: `${n} recorded word(s) QEMU executes and twostage rejects` }, () => {
    assert.equal(missingSeen.get(cls) ?? 0, 0, `${missingSeen.get(cls)} word(s) still rejected`);
  });
}

test('a documented deviation (A1: MRS of an AArch32 ID register) is told apart from a wrong result', () => {
  const words = Uint32Array.of(0xd53801f8, 0xd5380018); // mrs x24, id_mmfr3_el1; mrs x24, midr_el1
  const q = new Uint8Array(2 * REC);
  const t = new Uint8Array(2 * REC);
  q[24 * 8] = 0x11; // X24 differs after each word
  q[REC + 24 * 8] = 0x11;
  const d = compareRecords(words, q, t);
  assert.deepEqual(d.map((x) => x.verdict), ['deviation', 'wrong']);
  assert.equal(d[0]!.fields[0], 'DEVIATIONS.md A1');
});

test('D19 (QEMU leaves Xt of MRS MDCCINT_EL1 as it was) is a deviation only when Xt is all that differs and twostage read 0', () => {
  const words = Uint32Array.of(0xd530020d, 0xd530020d, 0xd530020d); // mrs x13, mdccint_el1
  const q = new Uint8Array(3 * REC);
  const t = new Uint8Array(3 * REC);
  q[13 * 8] = 0xf4; // QEMU: X13 kept its old value; twostage: 0
  q[REC + 13 * 8] = 0xf4; // … but X12 differs too
  q[REC + 12 * 8] = 0x01;
  q[2 * REC + 13 * 8] = 0xf4; // twostage read a non-zero value: not the register's
  t[2 * REC + 13 * 8] = 0x02;
  const d = compareRecords(words, q, t);
  assert.deepEqual(d.map((x) => x.verdict), ['deviation', 'wrong', 'wrong']);
  assert.equal(d[0]!.fields[0], 'DEVIATIONS.md D19');
});
