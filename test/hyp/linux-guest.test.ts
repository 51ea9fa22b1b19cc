// A Linux VM in a scenario (issue 17 step 1): the `linux` keys, the kernel/initrd/DTB placed in the VM's RAM as QEMU's
// loader places them (src/machine/linux-boot.ts), the VM's own device tree (checked with dtc, an independent decoder)
// and the errors for bad input. The kernel is a synthetic Image with the arm64 header: npm test stays offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildImage, BuildError, type BuiltImage } from '../../src/hyp/image.ts';
import { parseScenario, ScenarioError } from '../../src/hyp/scenario.ts';
import { decodeFdt, findNode, readCells, type FdtNode } from '../../src/machine/fdt.ts';

const DIR = mkdtempSync(join(tmpdir(), 'linux-guest-'));
const IPA_RAM = 0x4000_0000;
const RAM = 64 << 20;

/** An arm64 Image of `size` bytes: text_offset 0 (so QEMU loads it 2 MiB in), image_size = size, magic at 0x38. */
function fakeImage(size: number, magic = true): Uint8Array {
  const b = new Uint8Array(size);
  const dv = new DataView(b.buffer);
  dv.setBigUint64(0x10, BigInt(size), true);
  dv.setBigUint64(0x18, 2n, true); // flags: little-endian, 4K pages
  if (magic) dv.setUint32(0x38, 0x644d5241, true);
  for (let i = 0x40; i < size; i++) b[i] = (i * 7) & 0xff;
  return b;
}
writeFileSync(join(DIR, 'Image'), fakeImage(0x3_0000));
writeFileSync(join(DIR, 'NoMagic'), fakeImage(0x3_0000, false));
writeFileSync(join(DIR, 'Huge'), fakeImage(RAM + 0x1000));
const INITRD = new Uint8Array(0x1234).map((_, i) => (i * 13) & 0xff);
writeFileSync(join(DIR, 'initrd'), INITRD);
writeFileSync(join(DIR, 'app.S'), 'mov x0, #2\nmov x1, #0\nsvc #0\n');

const scenarioText = (linux: string, extra = '') => `ram: { size: 256M }
contexts:
  - name: lin
    kind: vm
    ipa_bits: 40
    memory: [{ at: 0x${IPA_RAM.toString(16)}, size: ${RAM >> 20}M }]
    linux: ${linux}
${extra}  - name: app
    kind: native
    va_bits: 48
    memory: [{ at: 0x0000_ff80_0000_0000, size: 1M }]
    image: { source: app.S, entry: 0x0000_ff80_0000_0000 }
`;
const FILE = join(DIR, 'linux.yaml');
const build = (linux: string): BuiltImage => buildImage(parseScenario(scenarioText(linux), FILE), FILE);
const BOOTARGS = 'console=ttyAMA0 earlycon=pl011,0x9000000';
const GOOD = `{ image: Image, initrd: initrd, bootargs: "${BOOTARGS}" }`;

/** The bytes the ELF places at the VM's IPA `ipa` (through the context's layout). */
function bytesAt(img: BuiltImage, ipa: number, n: number): Uint8Array {
  const ram = img.contexts[0]!.regions[0]!;
  const pa = BigInt(ram.pa + (ipa - Number(ram.at)));
  const seg = img.image.segments.find((s) => pa >= s.paddr && pa + BigInt(n) <= s.paddr + BigInt(s.data.length));
  assert.ok(seg, `no segment holds PA 0x${pa.toString(16)}`);
  const off = Number(pa - seg.paddr);
  return seg.data.subarray(off, off + n);
}

const u32 = (v: Uint8Array | undefined): number[] => readCells(v!);

test('a Linux VM: boot stub at the start of its RAM, kernel 2 MiB in, initrd and DTB where QEMU puts them', () => {
  const img = build(GOOD);
  const vm = img.contexts[0]!;
  assert.equal(vm.regs.elr, BigInt(IPA_RAM), 'entered at the boot stub');
  const stub = new DataView(bytesAt(img, IPA_RAM, 40).slice().buffer);
  assert.equal(stub.getUint32(0, true), 0x580000c0, 'ldr x0, dtb');
  const dtbIpa = Number(stub.getBigUint64(24, true));
  const entry = Number(stub.getBigUint64(32, true));
  assert.equal(entry, IPA_RAM + 0x20_0000, 'text_offset 0 → loaded 2 MiB in (QEMU load_aarch64_image)');
  assert.deepEqual(bytesAt(img, entry + 0x40, 16), fakeImage(0x3_0000).subarray(0x40, 0x50));
  // initrd halfway into a RAM below 256 MiB, page aligned; the DTB on the next 2 MiB boundary after it
  const initrdIpa = IPA_RAM + RAM / 2;
  assert.deepEqual(bytesAt(img, initrdIpa, INITRD.length), INITRD);
  assert.equal(dtbIpa, IPA_RAM + RAM / 2 + 0x20_0000);
  const dtbHead = bytesAt(img, dtbIpa, 8);
  const total = new DataView(dtbHead.slice().buffer).getUint32(4);
  const tree = decodeFdt(bytesAt(img, dtbIpa, total).slice());
  assert.ok(tree.ok, tree.ok ? '' : tree.error);
  const root = tree.root;
  const node = (p: string): FdtNode => {
    const n = findNode(root, p);
    assert.ok(n, `no ${p}`);
    return n;
  };
  assert.deepEqual(u32(node(`/memory@${IPA_RAM.toString(16)}`).props.get('reg')), [0, IPA_RAM, 0, RAM]);
  assert.deepEqual(u32(node('/intc@8000000').props.get('reg')), [0, 0x0800_0000, 0, 0x1_0000, 0, 0x0801_0000, 0, 0x1_0000]);
  assert.equal(node('/intc@8000000').children.length, 0, 'no GICv2m frame');
  assert.equal(node('/intc@8000000').props.get('interrupts'), undefined, 'the maintenance interrupt is the hypervisor\'s');
  assert.equal(new TextDecoder().decode(node('/psci').props.get('method')), 'hvc\0');
  assert.deepEqual(u32(node('/pl011@9000000').props.get('reg')), [0, 0x0900_0000, 0, 0x1000]);
  assert.deepEqual(u32(node('/timer').props.get('interrupts')).filter((_, i) => i % 3 === 1), [13, 14, 11, 10]);
  const chosen = node('/chosen');
  assert.equal(new TextDecoder().decode(chosen.props.get('bootargs')), `${BOOTARGS}\0`);
  assert.deepEqual(u32(chosen.props.get('linux,initrd-start')), [initrdIpa]);
  assert.deepEqual(u32(chosen.props.get('linux,initrd-end')), [initrdIpa + INITRD.length]);
  assert.deepEqual(root.children.map((c) => c.name.replace(/@.*/, '')).sort(), ['apb-pclk', 'chosen', 'cpus', 'intc', 'memory', 'pl011', 'psci', 'timer']);
  // dtc reads the blob as a valid tree (an independent decoder)
  const dtb = join(DIR, 'vm.dtb');
  writeFileSync(dtb, bytesAt(img, dtbIpa, total));
  const dtc = spawnSync('dtc', ['-I', 'dtb', '-O', 'dts', dtb], { encoding: 'utf8' });
  assert.equal(dtc.status, 0, dtc.stderr);
  assert.match(dtc.stdout, /method = "hvc";/);
  assert.match(dtc.stdout, new RegExp(`bootargs = "${BOOTARGS}";`));
  // every blob lies inside the VM's memory, none in the hypervisor's or the other context's
  const ram = vm.regions[0]!;
  for (const s of img.image.segments.filter((x) => x.paddr >= BigInt(ram.pa) && x.paddr < BigInt(ram.pa + ram.size))) {
    assert.ok(s.paddr + BigInt(s.data.length) <= BigInt(ram.pa + ram.size));
  }
});

test('Linux VM errors name the file, the key and why', () => {
  const refused = (linux: string, re: RegExp) => assert.throws(() => build(linux), (e: Error) => e instanceof BuildError && re.test(e.message), linux);
  refused('{ image: Missing }', /contexts\.0\.linux\.image \(lin\): cannot read .*Missing: /);
  refused('{ image: /dev/zero }', /contexts\.0\.linux\.image \(lin\): cannot read \/dev\/zero: /);
  refused(`{ image: ${DIR} }`, /contexts\.0\.linux\.image \(lin\): cannot read .*: /);
  refused('{ image: NoMagic }', /contexts\.0\.linux\.image \(lin\): .*NoMagic: not an arm64 Image \(no "ARM\\x64" magic at offset 0x38\)/);
  refused('{ image: Huge }', /contexts\.0\.linux\.image \(lin\): cannot read .*Huge: is .*larger than/);
  writeFileSync(join(DIR, 'Big'), fakeImage(RAM - 0x1000));
  refused('{ image: Big }', /contexts\.0\.linux \(lin\): kernel \(0x40200000 \+ \d+ bytes\) does not fit in RAM ending at 0x44000000 \(memory\[0\] is the guest's RAM/);
  refused('{ image: Image, initrd: nope }', /contexts\.0\.linux\.initrd \(lin\): cannot read .*nope: /);
  refused(`{ image: Image, initrd: Huge }`, /contexts\.0\.linux\.initrd \(lin\): cannot read .*Huge: is .*larger than the .* of the VM's RAM \(memory\[0\]\)/);
  writeFileSync(join(DIR, 'bad.gz'), Uint8Array.of(0x1f, 0x8b, 1, 2, 3));
  refused('{ image: bad.gz }', /contexts\.0\.linux\.image \(lin\): .*bad\.gz: gzip'd kernel: corrupt gzip data/);
});

test('a VM has exactly one of image and linux; a Linux VM\'s RAM is rwx', () => {
  const errs = (text: string): string[] => {
    try {
      parseScenario(text, 'x.yaml');
      return [];
    } catch (e) {
      if (e instanceof ScenarioError) return e.diagnostics.map((d) => `${d.line}|${d.path}|${d.message}`);
      throw e;
    }
  };
  assert.deepEqual(errs(scenarioText(GOOD, '    image: { source: app.S, entry: 0x4000_0000 }\n')), ["3|contexts.0|'lin' needs exactly one of image (an assembly program) and linux (a kernel)"]);
  const neither = scenarioText(GOOD).replace(/ {4}linux: .*\n/, '');
  assert.deepEqual(errs(neither), ["3|contexts.0|'lin' needs exactly one of image (an assembly program) and linux (a kernel)"]);
  const readOnly = scenarioText(GOOD).replace('size: 64M }', 'size: 64M, perms: rw }');
  assert.deepEqual(errs(readOnly), ["6|contexts.0.memory.0.perms|memory[0] of 'lin' is the Linux guest's RAM: it must be rwx, not rw"]);
  assert.match(errs(scenarioText(`{ image: Image, bootargs: "${'x'.repeat(2048)}" }`)).join(), /contexts\.0\.linux\.bootargs\|.*2047/);
});
