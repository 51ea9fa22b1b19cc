// The campaign's hand encoders (encode.ts) against twostage's assembler: the same text, random operands, the same word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../src/asm/assemble.ts';
import { SYSOPS } from '../../src/arch/sysops.ts';
import { SYSREGS } from '../../src/arch/sysreg-table.ts';
import * as E from './encode.ts';
import { Rng } from './generate.ts';

const r = new Rng('encode.test');
const reg = (): number => r.int(31);

/** Assemble one line at 0; its single word. */
function word(line: string): number {
  const a = assemble('t.S', `${line}\n`, { base: 0n });
  assert.deepEqual(a.diagnostics, [], line);
  const bytes = a.sections[0]!.bytes;
  return new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
}

test('every encoder gives the word the assembler gives for the same instruction (random operands)', () => {
  const cases: [string, number][] = [];
  for (let i = 0; i < 40; i++) {
    const [d, n, t, t2, s] = [reg(), reg(), reg(), reg(), reg()];
    const hw = r.int(4);
    const imm = r.int(0x10000);
    cases.push([`movz x${d}, #${imm}, lsl #${16 * hw}`, E.movz(d, imm, hw)], [`movk x${d}, #${imm}, lsl #${16 * hw}`, E.movk(d, imm, hw)]);
    for (const [k, f] of [['hvc', E.hvc], ['svc', E.svc], ['smc', E.smc], ['hlt', E.hlt], ['brk', E.brk]] as const) cases.push([`${k} #${imm}`, f(imm)]);
    const row = r.pick(SYSREGS.filter((x) => x.enc[0] >= 2));
    const [o0, o1, cn, cm, o2] = row.enc;
    const name = `s${o0}_${o1}_c${cn}_c${cm}_${o2}`;
    cases.push([`msr ${name}, x${t}`, E.msr(row.enc as E.SysEnc, t)], [`mrs x${t}, ${name}`, E.mrs(row.enc as E.SysEnc, t)]);
    const op = r.pick(SYSOPS);
    cases.push([`sys #${op.op1}, c${op.crn}, c${op.crm}, #${op.op2}, x${t}`, E.sys(op.op1, op.crn, op.crm, op.op2, t)]);
    const crm = r.int(16);
    cases.push([`msr spsel, #${crm & 1}`, E.msrImm(0, 5, crm & 1)], [`msr daifset, #${crm}`, E.msrImm(3, 6, crm)], [`msr daifclr, #${crm}`, E.msrImm(3, 7, crm)]);
    cases.push([`dsb #${crm}`, E.dsb(crm)], [`dmb #${crm}`, E.dmb(crm)]);
    cases.push([`br x${n}`, E.br(n)], [`blr x${n}`, E.blr(n)], [`mov sp, x${n}`, E.movSp(31, n)], [`mov x${d}, sp`, E.movSp(d, 31)]);
    const bit = r.int(64);
    cases.push([`eor x${d}, x${n}, #0x${(1n << BigInt(bit)).toString(16)}`, E.eorBit(d, n, bit)]);
    const imm9 = r.int(512) - 256;
    const sizes = ['b', 'h', '', ''] as const;
    const size = r.int(4) as 0 | 1 | 2 | 3;
    const rt = size === 3 ? `x${t}` : `w${t}`;
    cases.push([`stur${sizes[size]} ${rt}, [x${n}, #${imm9}]`, E.ldst(size, 0, 0, imm9, n, t)], [`ldur${sizes[size]} ${rt}, [x${n}, #${imm9}]`, E.ldst(size, 1, 0, imm9, n, t)]);
    if (n !== t) cases.push([`ldr${sizes[size]} ${rt}, [x${n}], #${imm9}`, E.ldst(size, 1, 1, imm9, n, t)], [`str${sizes[size]} ${rt}, [x${n}, #${imm9}]!`, E.ldst(size, 0, 3, imm9, n, t)]);
    if (size < 3) cases.push([`ldurs${sizes[size] || 'w'} x${t}, [x${n}, #${imm9}]`, E.ldst(size, 2, 0, imm9, n, t)]);
    cases.push([`ldtr${sizes[size]} ${rt}, [x${n}, #${imm9}]`, E.ldst(size, 1, 2, imm9, n, t)], [`sttr${sizes[size]} ${rt}, [x${n}, #${imm9}]`, E.ldst(size, 0, 2, imm9, n, t)]);
    const imm7 = r.int(128) - 64;
    cases.push([`stp x${t}, x${t2}, [x${n}, #${imm7 * 8}]`, E.ldstp(false, 2, imm7, t2, n, t)]);
    if (t !== t2) cases.push([`ldp x${t}, x${t2}, [x${n}, #${imm7 * 8}]`, E.ldstp(true, 2, imm7, t2, n, t)]);
    const xr = size === 3 ? `x${t}` : `w${t}`;
    const suf = size < 2 ? sizes[size] : '';
    const eSize = size < 2 ? size : (size as 2 | 3);
    cases.push([`ldxr${suf} ${size === 3 ? xr : `w${t}`}, [x${n}]`, E.ldstx(eSize, 0, 1, 0, 31, 0, 31, n, t)]);
    cases.push([`ldaxr${suf} ${size === 3 ? xr : `w${t}`}, [x${n}]`, E.ldstx(eSize, 0, 1, 0, 31, 1, 31, n, t)]);
    cases.push([`ldar${suf} ${size === 3 ? xr : `w${t}`}, [x${n}]`, E.ldstx(eSize, 1, 1, 0, 31, 1, 31, n, t)]);
    cases.push([`stlr${suf} ${size === 3 ? xr : `w${t}`}, [x${n}]`, E.ldstx(eSize, 1, 0, 0, 31, 1, 31, n, t)]);
    if (s !== t && s !== n) {
      cases.push([`stxr${suf} w${s}, ${size === 3 ? xr : `w${t}`}, [x${n}]`, E.ldstx(eSize, 0, 0, 0, s, 0, 31, n, t)]);
      cases.push([`stlxr${suf} w${s}, ${size === 3 ? xr : `w${t}`}, [x${n}]`, E.ldstx(eSize, 0, 0, 0, s, 1, 31, n, t)]);
      if (s !== t2) cases.push([`stxp w${s}, x${t}, x${t2}, [x${n}]`, E.ldstx(3, 0, 0, 1, s, 0, t2, n, t)]);
    }
    if (t !== t2) cases.push([`ldxp x${t}, x${t2}, [x${n}]`, E.ldstx(3, 0, 1, 1, 31, 0, t2, n, t)]);
    cases.push([`prfm #${t}, [x${n}]`, E.prfm(t, n)]);
    cases.push([`b #${imm9 * 4}`, E.b(imm9)]);
  }
  cases.push(['eret', E.ERET], ['nop', E.NOP], ['yield', E.YIELD], ['wfe', E.WFE], ['wfi', E.WFI], ['sev', E.SEV], ['sevl', E.SEVL], ['clrex', E.CLREX], ['isb', E.ISB]);
  const wrong = cases.filter(([line, w]) => word(line) !== w).map(([line, w]) => `${line}: 0x${w.toString(16)}, the assembler 0x${word(line).toString(16)}`);
  assert.deepEqual(wrong, []);
});

test('mov64 and mov64Fixed load the value (checked by evaluating MOVZ/MOVK), mov64 without zero halfwords', () => {
  for (let i = 0; i < 200; i++) {
    const v = r.chance(0.3) ? BigInt(r.int(0x10000)) << BigInt(16 * r.int(4)) : r.u64();
    for (const words of [E.mov64(3, v), E.mov64Fixed(3, v)]) {
      let x = 0n;
      for (const w of words) {
        const hw = BigInt((w >>> 21) & 3) * 16n;
        const imm = BigInt((w >>> 5) & 0xffff);
        x = (w >>> 23) === 0x1a5 ? imm << hw : (x & ~(0xffffn << hw)) | (imm << hw); // MOVZ (0xd28…) or MOVK (0xf28…)
      }
      assert.equal(x, v);
    }
    assert.equal(E.mov64Fixed(3, v).length, 4);
    assert.equal(E.mov64(3, v).length, 1 + [1, 2, 3].filter((k) => ((v >> BigInt(16 * k)) & 0xffffn) !== 0n).length);
  }
});

test('LD1/ST1 (FP/SIMD, outside twostage\'s assembler) as GNU as encodes them', (t) => {
  if (spawnSync('aarch64-linux-gnu-as', ['--version'], { stdio: 'ignore' }).status !== 0) {
    t.skip('aarch64-linux-gnu-as not installed');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'twostage-encode-'));
  try {
    const regs = Array.from({ length: 8 }, () => reg());
    const lines = regs.flatMap((n) => [`ld1 {v0.16b}, [x${n}]`, `st1 {v0.16b}, [x${n}]`]);
    const want = regs.flatMap((n) => [E.ld1(true, n), E.ld1(false, n)]);
    writeFileSync(join(dir, 'x.S'), lines.join('\n') + '\n');
    assert.equal(spawnSync('aarch64-linux-gnu-as', [join(dir, 'x.S'), '-o', join(dir, 'x.o')]).status, 0);
    const dump = spawnSync('aarch64-linux-gnu-objdump', ['-d', join(dir, 'x.o')], { encoding: 'utf8' }).stdout;
    const got = [...dump.matchAll(/^\s+[0-9a-f]+:\s+([0-9a-f]{8})\s/gm)].map((m) => parseInt(m[1]!, 16));
    assert.deepEqual(got, want);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
