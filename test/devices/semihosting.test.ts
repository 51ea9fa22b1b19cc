// Semihosting (HLT #0xF000) as QEMU 7.2 answers it; each expectation was observed on qemu-system-aarch64
// -M virt,virtualization=on -semihosting (see the header of src/devices/semihosting.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Semihosting } from '../../src/devices/semihosting.ts';
import { FakeGuest } from '../helpers/guest.ts';

function host(): { sh: Semihosting; out: number[]; err: number[] } {
  const out: number[] = [];
  const err: number[] = [];
  return { sh: new Semihosting({ stdout: (b) => out.push(b), stderr: (b) => err.push(b) }), out, err };
}
const str = (a: number[]) => String.fromCharCode(...a);
const MINUS_ONE = 0xffff_ffff_ffff_ffffn;

test('SYS_WRITEC (0x03) prints the byte at [X1] on the console (stderr) and sets X0 = 0xdeadbeef', () => {
  const { sh, out, err } = host();
  const g = new FakeGuest({ 0: 0x03n, 1: 0x4008_0100n });
  g.poke(0x4008_0100n, 'C');
  sh.call(g);
  assert.equal(str(err), 'C');
  assert.deepEqual(out, []);
  assert.equal(g.x(0), 0xdeadbeefn);
});

test('SYS_WRITE0 (0x04) prints up to the NUL', () => {
  const { sh, err } = host();
  const g = new FakeGuest({ 0: 0x04n, 1: 0x1000n });
  g.poke(0x1000n, 'W0\n\0after');
  sh.call(g);
  assert.equal(str(err), 'W0\n');
  assert.equal(g.x(0), 0xdeadbeefn);
});

test('SYS_OPEN ":tt" hands out 1, 2, 3 (write -> stdout, append -> stderr); SYS_WRITE returns bytes not written', () => {
  const { sh, out, err } = host();
  const g = new FakeGuest();
  g.poke(0x100n, ':tt\0');
  g.poke(0x200n, 'tt!\n');
  const open = (mode: bigint) => {
    g.poke(0x300n, [0x100n, mode, 3n]);
    g.setX(0, 0x01n);
    g.setX(1, 0x300n);
    sh.call(g);
    return g.x(0);
  };
  const write = (h: bigint) => {
    g.poke(0x400n, [h, 0x200n, 4n]);
    g.setX(0, 0x05n);
    g.setX(1, 0x400n);
    sh.call(g);
    return g.x(0);
  };
  assert.equal(write(1n), 4n, 'handle 1 is not open yet: nothing written');
  assert.equal(open(4n), 1n); // mode "w"
  assert.equal(open(8n), 2n); // mode "a"
  assert.equal(open(0n), 3n); // mode "r"
  assert.equal(write(1n), 0n);
  assert.equal(write(2n), 0n);
  assert.equal(write(3n), 4n, 'stdin is not writable');
  assert.equal(str(out), 'tt!\n');
  assert.equal(str(err), 'tt!\n');
});

test('SYS_CLOSE (0x02) frees a handle for reuse; closing twice fails with -1; SYS_ERRNO reports EBADF', () => {
  const { sh } = host();
  const g = new FakeGuest();
  g.poke(0x100n, ':tt\0');
  g.poke(0x300n, [0x100n, 4n, 3n]);
  g.poke(0x500n, [1n]);
  const call = (op: bigint, arg: bigint) => {
    g.setX(0, op);
    g.setX(1, arg);
    sh.call(g);
    return g.x(0);
  };
  assert.equal(call(0x01n, 0x300n), 1n);
  assert.equal(call(0x02n, 0x500n), 0n);
  assert.equal(call(0x02n, 0x500n), MINUS_ONE);
  assert.equal(call(0x13n, 0n), 9n);
  assert.equal(call(0x01n, 0x300n), 1n, 'the lowest free handle again');
});

test('SYS_OPEN of a host file is refused: -1, SYS_ERRNO = ENOENT (2)', () => {
  const { sh } = host();
  const g = new FakeGuest();
  g.poke(0x100n, '/etc/passwd\0');
  g.poke(0x300n, [0x100n, 0n, 11n]);
  g.setX(0, 0x01n);
  g.setX(1, 0x300n);
  sh.call(g);
  assert.equal(g.x(0), MINUS_ONE);
  g.setX(0, 0x13n);
  sh.call(g);
  assert.equal(g.x(0), 2n);
});

test('SYS_EXIT (0x18): ADP_Stopped_ApplicationExit exits with the subcode mod 256; other reasons with 1', () => {
  const cases: [bigint, bigint, number][] = [
    [0x20026n, 0n, 0],
    [0x20026n, 7n, 7],
    [0x20026n, 300n, 44], // exit(300) is status 44
    [0x20026n, MINUS_ONE, 255],
    [0x20023n, 5n, 1], // ADP_Stopped_RunTimeErrorUnknown
  ];
  for (const [reason, subcode, status] of cases) {
    const { sh } = host();
    const g = new FakeGuest({ 0: 0x18n, 1: 0x800n });
    g.poke(0x800n, [reason, subcode]);
    sh.call(g);
    assert.deepEqual(g.stopped, { exit: status }, `reason 0x${reason.toString(16)} subcode ${subcode}`);
  }
});

test('SYS_EXIT_EXTENDED (0x20) reads the same {reason, subcode} block', () => {
  const { sh } = host();
  const g = new FakeGuest({ 0: 0x20n, 1: 0x800n });
  g.poke(0x800n, [0x20026n, 9n]);
  sh.call(g);
  assert.deepEqual(g.stopped, { exit: 9 });
});

test('an unknown operation returns -1 in X0 and does not stop', () => {
  const { sh } = host();
  const g = new FakeGuest({ 0: 0x99n });
  sh.call(g);
  assert.equal(g.x(0), MINUS_ONE);
  assert.equal(g.stopped, undefined);
});

test('only W0 selects the operation (X0[63:32] ignored)', () => {
  const { sh, err } = host();
  const g = new FakeGuest({ 0: 0xffff_0000_0000_0003n, 1: 0x10n });
  g.poke(0x10n, 'z');
  sh.call(g);
  assert.equal(str(err), 'z');
});
