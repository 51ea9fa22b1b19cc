// The machine's device tree (src/machine/virt-dt.ts) against QEMU's and against the machine itself:
// - dtc (Debian device-tree-compiler) accepts the blob without a warning;
// - node by node and property by property it equals QEMU 7.2's `-M virt,virtualization=on,dumpdtb=F -cpu cortex-a57
//   -m 256M` (qemu/virt-256M.dtb, packed by dtc), and with `gicVersion: 3` QEMU's with `gic-version=3` (its ITS on)
//   (qemu/virt-gicv3-256M.dtb), except for the nodes and properties listed below, each with the reason: devices the
//   machine does not model are left out, never described;
// - every node with a `reg` is a region on the machine's bus, and every region on the bus is in the tree.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeFdt, encodeFdt, type FdtNode, readCells, walkNodes } from '../../src/machine/fdt.ts';
import { VirtMachine } from '../../src/machine/virt.ts';

/** Each board: its gicVersion, QEMU's recorded tree and the -M options that dump it. */
const BOARDS = [
  { gicVersion: 2, dtb: new URL('./qemu/virt-256M.dtb', import.meta.url), machine: 'virt,virtualization=on' },
  { gicVersion: 3, dtb: new URL('./qemu/virt-gicv3-256M.dtb', import.meta.url), machine: 'virt,virtualization=on,gic-version=3' },
] as const;

/** QEMU's nodes the machine leaves out: the device is not modelled. */
const NOT_MODELLED: ReadonlyMap<string, string> = new Map([
  ['/fw-cfg@9020000', 'no fw-cfg: the machine takes its kernel, initrd and command line from the boot loader, not from firmware tables'],
  ['/platform-bus@c000000', 'no dynamic sysbus devices (QEMU\'s platform bus is empty unless -device adds one)'],
  ...Array.from({ length: 32 }, (_, n) => [`/virtio_mmio@${(0xa000000 + n * 0x200).toString(16)}`, 'no virtio-mmio transports (no block, net or console backends are modelled)'] as [string, string]),
]);

/** QEMU's properties that differ in the machine's tree: path → property → reason. */
const PROPERTY_DIFFERENCES: ReadonlyMap<string, ReadonlyMap<string, string>> = new Map([
  ['/chosen', new Map([
    ['rng-seed', 'random bytes: the machine is deterministic (QEMU leaves them out with dtb-randomness=off)'],
    ['kaslr-seed', 'random bytes: the machine is deterministic (QEMU leaves them out with dtb-randomness=off)'],
  ])],
]);

const hex = (v: Uint8Array) => Buffer.from(v).toString('hex');

function tree(blob: Uint8Array): FdtNode {
  const d = decodeFdt(blob);
  assert.ok(d.ok, d.ok ? '' : d.error);
  return d.root;
}

for (const { gicVersion, dtb: QEMU_DTB, machine } of BOARDS) {
  const ours = () => encodeFdt(new VirtMachine({ ramBytes: 256 << 20, gicVersion }).deviceTree());

  test(`GICv${gicVersion}: dtc decompiles the machine's device tree without a warning`, (t) => {
    if (spawnSync('dtc', ['--version'], { stdio: 'ignore' }).status !== 0) return t.skip('skipped: dtc not on PATH (Debian device-tree-compiler)');
    const file = join(mkdtempSync(join(tmpdir(), 'twostage-dt-')), 'virt.dtb');
    writeFileSync(file, ours());
    const r = spawnSync('dtc', ['-I', 'dtb', '-O', 'dts', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '', 'dtc warnings');
    assert.match(r.stdout, gicVersion === 2 ? /compatible = "arm,cortex-a15-gic";/ : /compatible = "arm,gic-v3";/);
  });

  test(`GICv${gicVersion}: node by node, the machine's tree equals QEMU 7.2's except for what is listed (and explained) above`, () => {
    const q = new Map(walkNodes(tree(readFileSync(QEMU_DTB))));
    const o = new Map(walkNodes(tree(ours())));
    const problems: string[] = [];
    for (const [path, qn] of q) {
      const on = o.get(path);
      if (NOT_MODELLED.has(path)) {
        if (on !== undefined) problems.push(`${path}: listed as not modelled but present (remove it from NOT_MODELLED)`);
        continue;
      }
      if (on === undefined) {
        problems.push(`${path}: QEMU has it, the machine does not`);
        continue;
      }
      const allowed = PROPERTY_DIFFERENCES.get(path) ?? new Map<string, string>();
      for (const k of new Set([...qn.props.keys(), ...on.props.keys()])) {
        const a = qn.props.get(k);
        const b = on.props.get(k);
        const same = a !== undefined && b !== undefined && hex(a) === hex(b);
        if (allowed.has(k)) {
          if (same) problems.push(`${path} ${k}: listed as different but equal (remove it)`);
        } else if (!same) {
          problems.push(`${path} ${k}: QEMU ${a === undefined ? 'none' : hex(a)}, machine ${b === undefined ? 'none' : hex(b)}`);
        }
      }
    }
    for (const path of o.keys()) if (!q.has(path)) problems.push(`${path}: the machine has it, QEMU does not`);
    assert.deepEqual(problems, []);
  });

  test(`GICv${gicVersion}: QEMU live still dumps the recorded tree`, (t) => {
    if (spawnSync('qemu-system-aarch64', ['--version'], { stdio: 'ignore' }).status !== 0) return t.skip('skipped: no qemu-system-aarch64; the recorded tree was compared above');
    const file = join(mkdtempSync(join(tmpdir(), 'twostage-dt-')), 'q.dtb');
    const r = spawnSync('qemu-system-aarch64', ['-M', `${machine},dumpdtb=${file}`, '-cpu', 'cortex-a57', '-m', '256M', '-nographic'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const live = new Map(walkNodes(tree(readFileSync(file))));
    const recorded = new Map(walkNodes(tree(readFileSync(QEMU_DTB))));
    assert.deepEqual([...live.keys()].sort(), [...recorded.keys()].sort());
    for (const [path, n] of recorded) {
      for (const [k, v] of n.props) if (!/seed$/.test(k)) assert.equal(hex(live.get(path)!.props.get(k)!), hex(v), `${path} ${k}`);
    }
  });

  test(`GICv${gicVersion}: every node with reg is on the machine's bus, and every region of the bus is in the tree`, () => {
    const m = new VirtMachine({ ramBytes: 256 << 20, gicVersion });
    const regions: string[] = [];
    for (const [path, n] of walkNodes(m.deviceTree())) {
      const reg = n.props.get('reg');
      if (reg === undefined || path.startsWith('/cpus') || path.startsWith('/memory')) continue;
      const c = readCells(reg);
      for (let i = 0; i + 3 < c.length; i += 4) regions.push(`${(c[i]! * 2 ** 32 + c[i + 1]!).toString(16)}+${(c[i + 2]! * 2 ** 32 + c[i + 3]!).toString(16)}`);
      // /pcie's windows are its `ranges` (3 PCI address cells, 2 CPU cells, 2 size cells): each is a region of the bus
      const ranges = n.props.get('ranges');
      if (path.startsWith('/pcie') && ranges !== undefined) {
        const r = readCells(ranges);
        for (let i = 0; i + 6 < r.length; i += 7) regions.push(`${(r[i + 3]! * 2 ** 32 + r[i + 4]!).toString(16)}+${(r[i + 5]! * 2 ** 32 + r[i + 6]!).toString(16)}`);
      }
    }
    // QEMU maps GICH as 4 KiB and GICV as 8 KiB but describes both as 64 KiB windows, and maps one PE's 128 KiB of the
    // GICv3 redistributor region it describes for 123; the bus follows QEMU's regions
    const described = new Map([['8030000+1000', '8030000+10000'], ['8040000+2000', '8040000+10000'], ['80a0000+20000', '80a0000+f60000']]);
    const bus = m.bus.map((r) => `${r.base.toString(16)}+${r.size.toString(16)}`).map((k) => described.get(k) ?? k);
    assert.deepEqual(regions.sort(), bus.sort());
    const mem = readCells(m.deviceTree().children.find((c) => c.name === 'memory@40000000')!.props.get('reg')!);
    assert.deepEqual(mem, [0, 0x4000_0000, 0, 256 << 20]);
  });
}
