// Booting a Linux Image as QEMU's -kernel does (ARCH-NOTES §16): each case of images.ts (header offsets, image_size
// 0, no magic, gzip, RAM sizes, initrd sizes) must print on twostage exactly what QEMU printed (expected/NAME.out),
// and QEMU, where installed, must still print it. Then the header parser, the layout's errors and the --dtb edits.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { boot } from '../../src/cli/boot.ts';
import { cells, decodeFdt, encodeFdt, findNode, node, readCells, strings } from '../../src/machine/fdt.ts';
import { editUserDtb, layoutLinux, parseArm64Image } from '../../src/machine/linux-boot.ts';
import { psciNode } from '../../src/machine/virt-dt.ts';
import { CASES, IMAGES_DIR, makeCase, runQemuCase } from './images/images.ts';

const haveQemu = spawnSync('qemu-system-aarch64', ['--version'], { stdio: 'ignore' }).status === 0;

async function bootCase(args: Parameters<typeof boot>[1]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await boot(undefined, args, {
    stdout: (b) => (stdout += Buffer.from(b).toString('latin1')),
    stderr: (b) => (stderr += typeof b === 'string' ? b : Buffer.from(b).toString('latin1')),
  });
  return { status, stdout, stderr };
}

for (const c of CASES) {
  test(`Image ${c.name}: twostage boot --kernel prints QEMU's recorded lines`, async () => {
    const f = makeCase(c);
    const r = await bootCase({ kernel: f.kernel, initrd: f.initrd, append: c.append, ram: String(c.ramMiB) });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, readFileSync(join(IMAGES_DIR, 'expected', `${c.name}.out`), 'latin1'));
    assert.equal(r.status, 0, 'PSCI SYSTEM_OFF');
  });
}

test('Image cases: QEMU live still prints the recorded lines', { skip: haveQemu ? false : 'skipped: qemu-system-aarch64 not on PATH; the recorded outputs were compared above' }, () => {
  for (const c of CASES) {
    const r = runQemuCase(c);
    assert.equal(r.status, 0, c.name);
    assert.equal(r.stdout, readFileSync(join(IMAGES_DIR, 'expected', `${c.name}.out`), 'latin1'), `${c.name}: QEMU drifted`);
  }
});

const header = (textOffset: bigint, imageSize: bigint, flags: bigint, magic = 0x644d5241): Uint8Array => {
  const b = new Uint8Array(128);
  const dv = new DataView(b.buffer);
  dv.setBigUint64(8, textOffset, true);
  dv.setBigUint64(16, imageSize, true);
  dv.setBigUint64(24, flags, true);
  dv.setUint32(56, magic, true);
  return b;
};

test('the Image header: text_offset, image_size and flags decoded; a text_offset below 4 KiB moves up 2 MiB', () => {
  const p = parseArm64Image(header(0x80000n, 0x1234000n, 0xan));
  assert.ok(p.ok);
  assert.deepEqual([p.value.textOffset, p.value.imageSize, p.value.loadOffset, p.value.kernelSize], [0x80000, 0x1234000, 0x80000, 0x1234000]);
  assert.deepEqual(p.value.flags, { bigEndian: false, pageSize: 4096, anywhere: true });
  const low = parseArm64Image(header(0xfffn, 0x1000n, 6n));
  assert.ok(low.ok);
  assert.equal(low.value.loadOffset, 0x200fff);
  assert.equal(low.value.flags.pageSize, 65536);
  const old = parseArm64Image(header(0x1000n, 0n, 0n)); // pre-3.17: image_size 0, text_offset ignored
  assert.ok(old.ok);
  assert.deepEqual([old.value.loadOffset, old.value.kernelSize], [0x80000, 128]);
  const gz = parseArm64Image(gzipSync(header(0x80000n, 0x1000n, 2n)));
  assert.ok(gz.ok && gz.value.gzipped && gz.value.hasHeader);
  const be = parseArm64Image(header(0n, 0x1000n, 1n));
  assert.ok(!be.ok && /big-endian/.test(be.error));
});

test('bad kernels: corrupt gzip, empty file, over-large image: a message, never an exception', () => {
  const gz = gzipSync(header(0x80000n, 0x1000n, 2n));
  const bad = parseArm64Image(Uint8Array.from([...gz.subarray(0, 12), 0xff, 0xff, 0xff, ...gz.subarray(15)]));
  assert.ok(!bad.ok && /^gzip'd kernel: corrupt gzip data/.test(bad.error), bad.ok ? '' : bad.error);
  const empty = parseArm64Image(new Uint8Array(0));
  assert.ok(!empty.ok && empty.error === 'empty kernel image');
  const huge = parseArm64Image(header(0x80000n, 0x4000_0000n, 2n));
  assert.ok(huge.ok);
  const l = layoutLinux(huge.value, 0, 0x4000_0000, 256 << 20);
  assert.ok(!l.ok && /kernel is too large to fit in RAM \(kernel size 1073741824, RAM size 268435456\)/.test(l.error));
  const img = parseArm64Image(header(0x80000n, 0x1000n, 2n));
  assert.ok(img.ok);
  const noRoom = layoutLinux(img.value, 200 << 20, 0x4000_0000, 256 << 20); // initrd at 128 MiB: 200 MiB do not fit
  assert.ok(!noRoom.ok && /initrd is too big/.test(noRoom.error));
});

test('boot --kernel with bad inputs: exit 2 and one line each', async () => {
  const f = makeCase(CASES[0]!);
  const cases: [Parameters<typeof boot>[1], RegExp][] = [
    [{ kernel: '/no/such/Image' }, /^twostage: \/no\/such\/Image: no such file\n$/],
    [{ kernel: f.kernel, initrd: '/no/initrd' }, /^twostage: \/no\/initrd: no such file\n$/],
    [{ kernel: f.kernel, dtb: f.kernel }, /^twostage: .*Image: --dtb: not a device tree blob \(magic 0x/],
    [{ kernel: f.kernel, initrd: f.kernel, ram: '1' }, /^twostage: .*Image: not enough space for the device tree after kernel\/initrd\n$/],
    [{ kernel: 'examples/hello.elf', append: 'x' }, /^twostage: --append: only with a Linux Image/],
  ];
  for (const [opts, re] of cases) {
    const r = await bootCase(opts);
    assert.equal(r.status, 2, JSON.stringify(opts));
    assert.match(r.stderr, re);
    assert.equal(r.stdout, '');
  }
});

test('--dtb: QEMU\'s edits — memory nodes replaced, /chosen filled, /psci the machine\'s, the rest kept', () => {
  const user = node('', { '#address-cells': cells(2), '#size-cells': cells(1), compatible: strings('x') }, [
    node('memory@80000000', { device_type: strings('memory'), reg: cells(0, 0x8000_0000, 0x1000) }),
    node('memory', { device_type: strings('memory') }),
    node('psci', { compatible: strings('old') }),
    node('chosen', { bootargs: strings('old') }),
    node('foo', { bar: cells(1) }),
  ]);
  const r = editUserDtb(user, 0x4000_0000, 512 << 20, { append: 'hi', initrd: { start: 0x4800_0000, size: 1_000_000 } }, psciNode());
  assert.ok(r.ok);
  const names = r.value.children.map((c) => c.name).sort();
  assert.deepEqual(names, ['chosen', 'foo', 'memory@40000000', 'psci']);
  assert.deepEqual(readCells(findNode(r.value, '/memory@40000000')!.props.get('reg')!), [0, 0x4000_0000, 512 << 20]); // #size-cells = 1
  const chosen = findNode(r.value, '/chosen')!;
  assert.equal(Buffer.from(chosen.props.get('bootargs')!).toString(), 'hi\0');
  assert.deepEqual(readCells(chosen.props.get('linux,initrd-start')!), [0x4800_0000]);
  assert.deepEqual(readCells(chosen.props.get('linux,initrd-end')!), [0x4800_0000 + 1_000_000]);
  assert.equal(Buffer.from(findNode(r.value, '/psci')!.props.get('method')!).toString(), 'smc\0');
  const big = editUserDtb(node('', { '#address-cells': cells(2), '#size-cells': cells(1) }), 0x4000_0000, 4096 * 2 ** 20, { append: '' }, psciNode());
  assert.ok(!big.ok && big.error === 'dtb file not compatible with RAM size > 4GB');
  const zero = editUserDtb(node('', {}), 0x4000_0000, 1 << 20, { append: '' }, psciNode());
  assert.ok(!zero.ok && zero.error === 'dtb file invalid (#address-cells or #size-cells 0)');
});

test('FDT: encode then decode gives the tree back; truncations and random corruptions give messages, never exceptions', () => {
  const tree = node('', { a: cells(1, 2), s: strings('x', 'yz') }, [node('n@1', { e: new Uint8Array(0) }, [node('deep', { v: cells(7) })])]);
  const blob = encodeFdt(tree);
  const back = decodeFdt(blob);
  assert.ok(back.ok);
  assert.deepEqual(encodeFdt(back.root), blob);
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8);
  for (let i = 0; i < 2000; i++) {
    const b = Uint8Array.from(blob);
    if (i % 2 === 0) for (let k = 0; k < 3; k++) b[rnd() % b.length] = rnd() & 0xff;
    const cut = i % 2 === 1 ? b.subarray(0, rnd() % b.length) : b;
    const d = decodeFdt(cut);
    if (!d.ok) assert.match(d.error, /\S/);
  }
});
