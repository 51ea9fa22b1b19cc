// The gdb stub's packets against the machine's own state: registers and memory read back what was written (random
// values), a failed translation is an E reply, malformed packets get an error or empty reply and never throw,
// and breakpoints/single-step stop exactly where an instruction-by-instruction run says — also after the loop's
// block has been translated (the JIT's fast path must not run past a breakpoint).
import { TEST_HOT } from '../../helpers/translate.ts';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { assemble } from '../../../src/asm/assemble.ts';
import { flatImage } from '../../../src/cli/asm.ts';
import { PC } from '../../../src/cpu/state.ts';
import { GdbStub } from '../../../src/machine/gdb/stub.ts';
import { VirtMachine } from '../../../src/machine/virt.ts';

const CODE = 0x4008_0000n;
const LOOP = `
  mov x0, #0
  mov x1, #2000
1:
  add x0, x0, #3
  eor x2, x0, x1
  sub x1, x1, #1
  cbnz x1, 1b
  mov x0, #0x18
  adr x1, args
  hlt #0xf000
  .balign 8
args: .quad 0x20026, 3
`;

function machine(): VirtMachine {
  const r = assemble('loop.S', LOOP, { base: CODE });
  assert.deepEqual(r.diagnostics.map((d) => d.message), []);
  const m = new VirtMachine();
  const data = flatImage(r);
  assert.equal(m.load({ entry: CODE, segments: [{ vaddr: CODE, paddr: CODE, data, memsz: BigInt(data.length), flags: 5 }], symbols: [] }), undefined);
  return m;
}
const reply = (s: GdbStub, body: string): string => {
  const a = s.handle(body);
  assert.ok('reply' in a, `${body}: expected a reply`);
  return a.reply;
};
const le = (v: bigint, bytes: number): string => Array.from({ length: bytes }, (_, i) => Number((v >> BigInt(8 * i)) & 0xffn).toString(16).padStart(2, '0')).join('');

test('P then p and g: random X, SP, PC and V values round-trip in little-endian hex and land in the register file', () => {
  const m = machine();
  const s = new GdbStub(m);
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 32 }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.integer({ min: 0, max: 31 }), fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (n, v, vn, q) => {
      assert.equal(reply(s, `P${n.toString(16)}=${le(v, 8)}`), 'OK');
      assert.equal(reply(s, `p${n.toString(16)}`), le(v, 8));
      assert.equal(reply(s, 'g').slice(n * 16, n * 16 + 16), le(v, 8));
      assert.equal(reply(s, `P${(34 + vn).toString(16)}=${le(q, 16)}`), 'OK');
      assert.equal(m.cpu.v64[2 * vn], q & ((1n << 64n) - 1n));
      assert.equal(reply(s, `p${(34 + vn).toString(16)}`), le(q, 16));
    }),
  );
  m.cpu.x[PC] = CODE;
  assert.equal(reply(s, 'p20'), le(CODE, 8));
});

test('m/M: written bytes read back, and an unmapped or non-RAM address is E14, not a guest fault', () => {
  const m = machine();
  const s = new GdbStub(m);
  const at = CODE + 0x1000n;
  assert.equal(reply(s, `M${at.toString(16)},4:deadbeef`), 'OK');
  assert.equal(reply(s, `m${at.toString(16)},4`), 'deadbeef');
  assert.equal(reply(s, `X${(at + 4n).toString(16)},2:}]}\x03`), 'OK'); // escaped '}' and '#'
  assert.equal(reply(s, `m${(at + 4n).toString(16)},2`), '7d23');
  const el = m.cpu.el;
  assert.equal(reply(s, 'm0,4'), 'E14'); // flash/ROM window: not RAM
  assert.equal(reply(s, 'mffffffffffff0000,8'), 'E14'); // beyond the PA size with the MMU off
  assert.equal(m.cpu.el, el);
  assert.equal(m.cpu.x[PC], CODE);
});

test('monitor xp: physical memory as rows of hex bytes; non-RAM and bad arguments are a message, not a crash', () => {
  const m = machine();
  const s = new GdbStub(m);
  const cmd = (text: string): string => {
    const r = reply(s, 'qRcmd,' + Buffer.from(text, 'latin1').toString('hex'));
    return Buffer.from(r, 'hex').toString('latin1');
  };
  const words = Array.from(m.mem.readBytes(Number(CODE), 20), (b) => b.toString(16).padStart(2, '0'));
  assert.equal(cmd(`xp ${CODE.toString(16)} 14`), `0000000040080000: ${words.slice(0, 16).join(' ')}\n0000000040080010: ${words.slice(16).join(' ')}\n`);
  assert.match(cmd('xp 0 4'), /not RAM/);
  assert.match(cmd('xp zz'), /^usage/);
  assert.match(cmd('frobnicate'), /^unknown monitor command/);
  assert.equal(reply(s, 'qRcmd,7'), 'E01');
});

test('malformed or unknown packets get E01 or the empty reply, never an exception', () => {
  const s = new GdbStub(machine());
  for (const bad of ['p', 'pzz', 'P1', 'P1=12', 'm', 'm1', 'mzz,4', 'm0,ffffffffffffffffff', 'M0,4:zz', 'M0,2:00', 'Z0', 'Z9,0,4', 'G00', 'qXfer:features:read:target.xml:zz', 'cxyz', 'vCont;q'])
    assert.match(reply(s, bad), /^(E\d\d)?$/, bad);
  fc.assert(
    fc.property(fc.string({ maxLength: 40 }), (body) => {
      const a = s.handle(body);
      assert.ok('reply' in a || 'resume' in a || 'kill' in a);
    }),
  );
});

test('a breakpoint in a hot translated loop stops there, after exactly the instructions a step-by-step run counts', () => {
  const bp = CODE + 12n; // eor: inside the loop body
  const ref = machine();
  for (let i = 0; i < 3000; i++) ref.step();
  const m2 = machine();
  const s2 = new GdbStub(m2);
  m2.cpu.translateAfter = TEST_HOT;
  m2.run(3000); // the loop runs hot at full speed first: its block is translated
  assert.ok(m2.cpu.stats.translated > 0);
  assert.equal(m2.cpu.icount, ref.cpu.icount);
  assert.equal(reply(s2, `Z0,${bp.toString(16)},4`), 'OK');
  let stop: string | undefined;
  for (let k = 0; k < 4 && stop === undefined; k++) stop = s2.runSlice('continue', k === 0);
  assert.match(stop!, /^T05swbreak:;20:/);
  assert.equal(m2.cpu.x[PC], bp);
  // the reference: step until the PC reaches bp
  do ref.step(); while (ref.cpu.x[PC] !== bp);
  assert.equal(m2.cpu.icount, ref.cpu.icount);
  assert.equal(m2.cpu.x[0], ref.cpu.x[0]);
  // continuing from the breakpoint executes it and stops at its next hit, one loop iteration (4 instructions) later
  stop = s2.runSlice('continue', true);
  assert.equal(m2.cpu.icount, ref.cpu.icount + 4);
  assert.equal(reply(s2, `z0,${bp.toString(16)},4`), 'OK');
  // s executes one instruction
  const before = m2.cpu.icount;
  assert.match(s2.runSlice('step', true)!, /^T05/);
  assert.equal(m2.cpu.icount, before + 1);
  // without breakpoints the run goes to the guest's exit: W03
  stop = undefined;
  for (let k = 0; k < 10 && stop === undefined; k++) stop = s2.runSlice('continue', k === 0);
  assert.equal(stop, 'W03'); // SYS_EXIT {ADP_Stopped_ApplicationExit, 3}
});

test('^C while running: the next slice boundary reports SIGINT (T02) with the PC where the run stopped', () => {
  const m = machine();
  const s = new GdbStub(m);
  m.run(100);
  s.interrupt();
  const at = m.cpu.icount;
  assert.equal(s.runSlice('continue', false), `T0220:${le(m.cpu.x[PC]!, 8)};thread:1;`);
  assert.equal(m.cpu.icount, at);
  assert.equal(s.runSlice('step', true)?.slice(0, 3), 'T05'); // the request is consumed: the next resume runs
  assert.equal(m.cpu.icount, at + 1);
});

test('qSupported, target.xml in pieces, threads', () => {
  const s = new GdbStub(machine());
  assert.match(reply(s, 'qSupported:multiprocess+;swbreak+'), /PacketSize=4000;qXfer:features:read\+;swbreak\+;hwbreak\+/);
  let xml = '';
  for (let off = 0; ; off += 0x100) {
    const r = reply(s, `qXfer:features:read:target.xml:${off.toString(16)},100`);
    xml += r.slice(1);
    if (r[0] === 'l') break;
    assert.equal(r[0], 'm');
  }
  assert.match(xml, /^<\?xml[\s\S]*org\.gnu\.gdb\.aarch64\.core[\s\S]*<\/target>\n$/);
  assert.equal(reply(s, 'qC'), 'QC1');
  assert.equal(reply(s, 'qfThreadInfo'), 'm1');
  assert.equal(reply(s, 'qAttached'), '1');
});
