// The hypervisor observer reads the instruction stream through the encoding table (hypEvent): on words of every
// row, what it records agrees with the disassembler's text for the same word (itself checked against objdump).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROWS } from '../../src/arch/a64/table.ts';
import { disassemble, plainEnv } from '../../src/asm/disasm.ts';
import { prng, sampleWords } from '../../src/asm/sample.ts';
import { hypEvent } from '../../src/hyp/observe.ts';

test('hypEvent agrees with the disassembler on MSR, TLBI, DSB/DMB/ISB and ERET words, and ignores the rest', () => {
  const rand = prng(12);
  let seen = 0;
  for (const row of ROWS.slice(1)) {
    for (const w of sampleWords(row, row.cls === 'system' || row.cls === 'exception' ? 200 : 10, rand)) {
      const text = disassemble(w, plainEnv(0x4000_0000n));
      const [mn, ops = ''] = text.split('\t');
      const e = hypEvent(w);
      const why = `${w.toString(16)}: ${text}`;
      if (mn === 'msr' && row.id === 'MSR_reg') {
        assert.equal(e?.kind, 'msr', why);
        const [reg, xt] = ops.split(', ');
        if (e?.kind === 'msr') {
          assert.equal(e.reg === 'unknown' ? reg!.startsWith('s') && reg!.includes('_c') : e.reg.toLowerCase() === reg, true, why);
          assert.equal(xt, e.rt === 31 ? 'xzr' : `x${e.rt}`, why);
        }
      } else if (mn === 'tlbi') {
        assert.equal(e?.kind === 'tlbi' ? e.op?.name.toLowerCase() : e?.kind, ops.split(',')[0], why);
      } else if ((mn === 'dsb' || mn === 'dmb') && !ops.startsWith('#')) {
        assert.deepEqual(e, { kind: 'barrier', text: `${mn} ${ops}` }, why);
      } else if (mn === 'isb') {
        assert.deepEqual(e, { kind: 'barrier', text: 'isb' }, why);
      } else if (mn === 'eret') {
        assert.deepEqual(e, { kind: 'eret' }, why);
      } else if (row.id !== 'DSB' && row.id !== 'DMB' && !(row.id === 'SYS' && ((w >>> 12) & 15) === 8)) {
        assert.equal(e, undefined, why);
      }
      seen++;
    }
  }
  assert.ok(seen > 2000, `${seen} words`);
});
