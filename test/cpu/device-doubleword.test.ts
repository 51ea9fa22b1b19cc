// 64-bit accesses to a device: one with readDoubleword/writeDoubleword (the GICv3's GICD_IROUTER<n>, GICR_TYPER; QEMU
// impl.max_access_size = 8) gets the access whole; one with splitsDoublewords two 4-byte accesses, lower first; any
// other read(off, 8) / write(off, 8, low word), as before (src/memory/phys.ts Device).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Device } from '../../src/memory/phys.ts';
import { makeCpu, step } from '../helpers/cpu.ts';

const BASE = 0x0900_0000;
const LDR_X1_X0 = 0xf9400001; // ldr x1, [x0]
const STR_X2_X0 = 0xf9000002; // str x2, [x0]
const LDR_W3_X0 = 0xb9400003; // ldr w3, [x0]

function logger(kind: 'whole' | 'split' | 'plain'): { dev: Device; log: string[] } {
  const log: string[] = [];
  const dev: Device = {
    name: 'log',
    read: (o, s) => {
      log.push(`read ${o.toString(16)} ${s}`);
      return 0x1111_0000 + o;
    },
    write: (o, s, v) => void log.push(`write ${o.toString(16)} ${s} ${v.toString(16)}`),
    ...(kind === 'split' ? { splitsDoublewords: true } : {}),
    ...(kind === 'whole'
      ? {
        readDoubleword: (o: number, out: Uint32Array) => {
          log.push(`readDoubleword ${o.toString(16)}`);
          out[0] = 0x89ab_cdef;
          out[1] = 0x0123_4567;
        },
        writeDoubleword: (o: number, lo: number, hi: number) => void log.push(`writeDoubleword ${o.toString(16)} ${hi.toString(16)} ${lo.toString(16)}`),
      }
      : {}),
  };
  return { dev, log };
}

function run(kind: 'whole' | 'split' | 'plain'): { x1: bigint; x3: bigint; log: string[]; ptw: number[] } {
  const { dev, log } = logger(kind);
  const c = makeCpu([LDR_X1_X0, STR_X2_X0, LDR_W3_X0]);
  c.mem.mapDevice(BASE, 0x1000, dev);
  c.x[0] = BigInt(BASE + 0x18);
  c.x[2] = 0xfedc_ba98_7654_3210n;
  step(c, 3);
  const out = new Uint32Array(2);
  log.push('--');
  assert.equal(c.mem.readDeviceDoubleword(BASE + 0x20, out), true);
  return { x1: c.x[1]!, x3: c.x[3]!, log, ptw: [...out] };
}

test('a readDoubleword/writeDoubleword device: 8-byte loads, stores and table-walk reads whole; 4-byte ones through read', () => {
  const r = run('whole');
  assert.equal(r.x1, 0x0123_4567_89ab_cdefn);
  assert.equal(r.x3, 0x1111_0018n);
  assert.deepEqual(r.log, ['readDoubleword 18', 'writeDoubleword 18 fedcba98 76543210', 'read 18 4', '--', 'readDoubleword 20']);
  assert.deepEqual(r.ptw, [0x89ab_cdef, 0x0123_4567]);
});

test('devices without them are accessed as before: two words (splitsDoublewords) or read(off, 8) with 32 bits', () => {
  const s = run('split');
  assert.equal(s.x1, 0x1111_001c_1111_0018n);
  assert.deepEqual(s.log, ['read 18 4', 'read 1c 4', 'write 18 4 76543210', 'write 1c 4 fedcba98', 'read 18 4', '--', 'read 20 4', 'read 24 4']);
  const p = run('plain');
  assert.equal(p.x1, 0x1111_0018n);
  assert.deepEqual(p.log, ['read 18 8', 'write 18 8 76543210', 'read 18 4', '--', 'read 20 8']);
});
