// Issue 11, "bad input": each class of hostile input that used to end in an internal error, a stack overflow, a
// hang or unbounded memory now gets exit 2 and one line naming the file, line, field or flag — within a CPU-time
// and memory limit (test/fuzz/harness.ts runs each command line in a worker that is stopped when it overruns).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { CliRunner, type Outcome } from '../fuzz/harness.ts';
import { arm64Image as image } from '../fuzz/inputs.ts';

const ROOT = resolve(new URL('../../', import.meta.url).pathname);
const GUEST = join(ROOT, 'src/hyp/guests/guest-kernel.S');
const dir = mkdtempSync(join(tmpdir(), 'twostage-bad-input-'));
const runner = new CliRunner({ cpuMs: 10_000, wallMs: 120_000, rssMb: 2048 });
after(async () => {
  await runner.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Write a file into the test's directory; its path. */
function file(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

const fifo = join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);
const sparse = file('sparse', '');
truncateSync(sparse, 2 ** 40); // a 1 TiB regular file that reads as zeros for ever, as far as a reader can tell
const folder = join(dir, 'folder');
mkdirSync(folder);

/** Run twostage with these arguments; the status and the first line of stderr. */
async function twostage(...argv: string[]): Promise<{ status: number; first: string; stderr: string }> {
  const o: Outcome = await runner.run(argv);
  assert.equal(o.kind, 'exit', `${argv.join(' ')}: ${o.kind === 'exit' ? '' : o.detail}`);
  if (o.kind !== 'exit') throw new Error('unreachable');
  assert.doesNotMatch(o.stderr.text, /internal error|^\s+at /m, 'no internal error, no stack trace');
  return { status: o.status, first: o.stderr.text.split('\n')[0]!, stderr: o.stderr.text };
}

/** Exit 2, and the first line of stderr matches `first`. */
async function refused(first: RegExp, ...argv: string[]): Promise<void> {
  const r = await twostage(...argv);
  assert.equal(r.status, 2, `${argv.join(' ')} → ${r.stderr}`);
  assert.match(r.first, first);
}

/** A scenario with one VM whose memory and image are given. */
const scenario = (opts: { ram?: string; at?: string; size?: string; source?: string; extra?: string }) =>
  `ram: { size: ${opts.ram ?? '256M'} }\ncontexts:\n  - name: vm1\n    kind: vm\n    ipa_bits: 44\n    memory:\n` +
  `      - { at: ${opts.at ?? '0x4000_0000'}, size: ${opts.size ?? '2M'} }\n    image: { source: ${opts.source ?? GUEST}, entry: ${opts.at ?? '0x4000_0000'} }\n${opts.extra ?? ''}`;

test('a YAML alias bomb is refused at its first alias, not expanded', async () => {
  let y = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
  for (let i = 1; i < 9; i++) y += `${'abcdefghij'[i]}: &${'abcdefghij'[i]} [${Array(9).fill('*' + 'abcdefghij'[i - 1]).join(',')}]\n`;
  const p = file('bomb.yaml', y);
  await refused(new RegExp(`^${p}:2: \\(top\\): YAML: its aliases expand to too much data`), 'audit', p);
});

test('YAML nested deeper than a scenario can be, tags and complex keys: one line each', async () => {
  await refused(/deep\.yaml:1: \(top\): YAML: nested more than 32 levels deep/, 'audit', file('deep.yaml', `a: ${'['.repeat(100_000)}`));
  await refused(/block\.yaml:\d+: \(top\): YAML: nested/, 'audit', file('block.yaml', Array.from({ length: 1200 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')));
  await refused(/tag\.yaml:1: \(top\): YAML: tag 'tag:yaml\.org,2002:binary' is not part of a scenario/, 'audit', file('tag.yaml', 'ram: !!binary aGk=\n'));
  await refused(/key\.yaml:1: \(top\): YAML: a key must be a plain name/, 'audit', file('key.yaml', '? [a]\n: 1\n'));
  await refused(/v11\.yaml:1: \(top\): YAML: %YAML 1\.1/, 'audit', file('v11.yaml', '%YAML 1.1\n---\nram: {size: 1M}\n'));
});

test('sizes at or beyond 2^64, beyond 2^53 as YAML numbers, or beyond what the board holds, name their field', async () => {
  await refused(/s1\.yaml:7: contexts\.0\.memory\.0\.size: '0x1_0000_0000_0000_0000' is 2\^64 or more/, 'audit', file('s1.yaml', scenario({ size: '0x1_0000_0000_0000_0000' })));
  await refused(/s2\.yaml:7: contexts\.0\.memory\.0\.size: '0xffff_ffff_ffff_ffffG' is 2\^64 or more/, 'audit', file('s2.yaml', scenario({ size: '0xffff_ffff_ffff_ffffG' })));
  await refused(/s3\.yaml:7: contexts\.0\.memory\.0\.size: 18446744073709552000 is above 2\^53/, 'audit', file('s3.yaml', scenario({ size: '18446744073709551616' })));
  await refused(/s4\.yaml:1: ram\.size: 0xffffffffffff0000 bytes is more than the virt board holds/, 'run', file('s4.yaml', scenario({ ram: '0xffff_ffff_ffff_0000' })));
  await refused(/s5\.yaml:1: ram\.size: 0x3d09000000000 bytes is more than the virt board holds/, 'run', file('s5.yaml', scenario({ ram: '1000000G' })));
  await refused(/s6\.yaml:1: ram\.size: contexts need 0x1000000000 bytes/, 'audit', file('s6.yaml', scenario({ ram: '1G', size: '64G' })));
});

test('a scenario image that is a device, a FIFO, a directory or a 1 TiB file: the field and the reason', async () => {
  for (const [source, why] of [['/dev/zero', 'is a device'], [fifo, 'is a FIFO'], [folder, 'is a directory'], [sparse, 'is 1 TiB, larger than the 1 MiB']] as const) {
    const p = file('img.yaml', scenario({ source }));
    await refused(new RegExp(`^${p}: contexts\\.0\\.image\\.source \\(vm1\\): cannot read image source .*: ${why}`), 'audit', p);
  }
});

test('an image larger than its region, an app on the shim page: the context and field named', async () => {
  const big = file('big.S', '_start: b .\n.space 0x2000\n');
  const p = file('bigimg.yaml', scenario({ size: '4K', source: big }));
  await refused(new RegExp(`^${p}: contexts\\.0\\.image \\(vm1\\): image section \\.text \\(0x40000000\\.\\.0x40002004\\) does not fit in its memory$`), 'audit', p);
  const app = `ram: { size: 256M }\ncontexts:\n  - { name: app, kind: native, va_bits: 39, memory: [ { at: 0x7f_ffff_f000, size: 4K } ], image: { source: ${join(ROOT, 'src/hyp/guests/yielder.S')}, entry: 0x7f_ffff_f000 } }\n`;
  const q = file('shim.yaml', app);
  await refused(new RegExp(`^${q}: contexts\\.0\\.memory: app: the top 4K of its VA space is reserved for the EL1 shim$`), 'audit', q);
});

test('.include of a device, a FIFO, a huge file or itself is refused at its line; .incbin is not an accepted directive', async () => {
  for (const [path, why] of [['/dev/zero', 'is a device'], [fifo, 'is a FIFO'], [sparse, 'is 1 TiB']] as const) {
    const p = file('inc.S', `nop\n.include "${path}"\n`);
    await refused(new RegExp(`^${p}:2:10: error: cannot read included file '.*': ${why}`), 'asm', p, '-o', join(dir, 'o.elf'));
  }
  const self = file('self.S', 'nop\n.include "self.S"\n.include "self.S"\n');
  await refused(/self\.S:2:1: error: \.include nested too deeply/, 'asm', self, '-o', join(dir, 'o.elf'));
  await refused(/incbin\.S:1:1: error: unknown directive '\.incbin'/, 'asm', file('incbin.S', '.incbin "/dev/zero"\n'), '-o', join(dir, 'o.elf'));
});

test('a huge .balign, .space or .org: refused with the limit, no gigabytes allocated', async () => {
  await refused(/bal\.S:2:1: error: the output would exceed 64 MiB \(section \.text is at 0x1 bytes, 0x3fffffff more asked\)/, 'asm', file('bal.S', '.byte 1\n.balign 0x40000000\n'), '-o', join(dir, 'o.elf'));
  await refused(/bal1\.S:2:9: error: alignment 0x4000000000000000 is larger than 1 GiB/, 'asm', file('bal1.S', '.byte 1\n.balign 0x4000000000000000\n'), '-o', join(dir, 'o.elf'));
  await refused(/p2\.S:1:10: error: alignment 2\^64 is larger than 1 GiB/, 'asm', file('p2.S', '.p2align 64\n'), '-o', join(dir, 'o.elf'));
  await refused(/bal2\.S:1:9: error: alignment must be a power of two/, 'asm', file('bal2.S', '.balign 0x300000000\n'), '-o', join(dir, 'o.elf'));
  await refused(/space\.S:1:8: error: size 0x10000000 is larger than the 64 MiB/, 'asm', file('space.S', '.space 0x10000000\n'), '-o', join(dir, 'o.elf'));
  await refused(/spaces\.S:\d+:\d+: error: the output would exceed 64 MiB/, 'asm', file('spaces.S', '.space 0x3000000\n'.repeat(4)), '-o', join(dir, 'o.elf'));
  await refused(/org\.S:1:6: error: \.org offset 0x100000000 is beyond/, 'asm', file('org.S', '.org 0x100000000\n'), '-o', join(dir, 'o.elf'));
});

test('a literal pool as large as the source limit allows (70,000 entries) assembles in linear time', async () => {
  const text = '_start:\n' + Array.from({ length: 70_000 }, (_, i) => `ldr x${i % 10},=${i}`).join('\n') + '\n';
  assert.ok(text.length < 1 << 20);
  const out = join(dir, 'pool.elf');
  const r = await twostage('asm', file('pool.S', text), '-o', out);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(readFileSync(out).length > 70_000 * 12, 'the code and a pool of 8-byte entries');
});

test('deeply nested parentheses, unary operators, long operator chains and symbol chains: a limit, not a stack overflow', async () => {
  await refused(/paren\.S:1:263: error: expression nested more than 256 deep/, 'asm', file('paren.S', `.quad ${'('.repeat(100_000)}1${')'.repeat(100_000)}\n`), '-o', join(dir, 'o.elf'));
  await refused(/unary\.S:1:263: error: expression nested more than 256 deep/, 'asm', file('unary.S', `.quad ${'-'.repeat(100_000)}1\n`), '-o', join(dir, 'o.elf'));
  await refused(/plus\.S:1:\d+: error: expression nested more than 256 deep/, 'asm', file('plus.S', `.quad ${'1+'.repeat(100_000)}1\n`), '-o', join(dir, 'o.elf'));
  const chain = 'a0 = 1\n' + Array.from({ length: 5000 }, (_, i) => `a${i + 1} = a${i} + 1`).join('\n') + '\n.quad a5000\n';
  await refused(/chain\.S:5002:\d+: error: expression nested more than 1024 deep \(counting the symbol definitions it uses\)/, 'asm', file('chain.S', chain), '-o', join(dir, 'o.elf'));
  // a symbol used twice per definition, 60 deep: 2^60 evaluations without memoization
  const doubling = 'a0 = 1\n' + Array.from({ length: 60 }, (_, i) => `a${i + 1} = a${i} + a${i}`).join('\n') + '\n.quad a60\n';
  assert.equal((await twostage('asm', file('double.S', doubling), '-o', join(dir, 'o.elf'))).status, 0);
});

test('a program that includes or expands itself exponentially stops at its limits with a bounded number of errors', async () => {
  const macros = file('macros.S', '.macro m\nnop\nm\nm\n.endm\nm\n');
  const r = await twostage('asm', macros, '-o', join(dir, 'o.elf'));
  assert.equal(r.status, 2);
  assert.match(r.first, /macros\.S:3:1: error: macros nested too deeply/);
  assert.match(r.stderr, /more than 100 errors; the rest are not reported/);
  assert.ok(r.stderr.split('\n').length < 400);
});

test('-o to a directory, into a missing folder, or a FIFO nobody reads: exit 2 naming the path', async () => {
  const hello = join(ROOT, 'examples/hello.S');
  await refused(new RegExp(`^twostage asm: ${folder}: cannot write: is a directory$`), 'asm', hello, '-o', folder);
  await refused(/^twostage asm: .*missing\/x\.elf: cannot write: its folder does not exist$/, 'asm', hello, '-o', join(dir, 'missing', 'x.elf'));
  await refused(/^twostage asm: .*fifo: cannot write: is a FIFO nobody reads$/, 'asm', hello, '-o', fifo);
  await refused(new RegExp(`^twostage: ${folder}: cannot write: is a directory$`), 'build', join(ROOT, 'scenarios/seed.yaml'), '-o', folder);
});

test("page tables beyond the pool's limit, from many scattered regions, name the region", async () => {
  // 64K granule, 48-bit VA: a region in each 4 TiB slot needs its own level-2 and level-3 table (128 KiB)
  let y = 'ram: { size: 1G }\ngranule: 64K\ncontexts:\n';
  for (let c = 0; c < 10; c++) {
    y += `  - name: app${c}\n    kind: native\n    va_bits: 48\n    memory:\n      - { at: 0x10000, size: 64K }\n`;
    for (let k = 1; k < 64; k++) y += `      - { at: 0x${(BigInt(k) << 42n).toString(16)}, size: 64K }\n`;
    y += `    image: { source: ${join(ROOT, 'src/hyp/guests/native-app.S')}, entry: 0x10000 }\n`;
  }
  const p = file('scatter.yaml', y);
  await refused(new RegExp(`^${p}: contexts\\.\\d+\\.memory\\.\\d+ \\(app\\d, at 0x[0-9a-f]+, size 0x10000\\): the contexts' page tables would take more than 64 MiB`), 'audit', p);
});

test('check on a file that is not assembly source: one line', async () => {
  await refused(/^twostage: .*hello\.elf: is not a text file \(a NUL byte at offset 7\)$/, 'check', join(ROOT, 'examples/hello.elf'));
  await refused(/^twostage: \/dev\/zero: is a device, not a regular file$/, 'check', '/dev/zero');
});

test('files that are not files where an ELF, a binary or a scenario is expected', async () => {
  for (const cmd of [['boot'], ['disasm'], ['walk', '--va', '0', '--until', '0']]) {
    await refused(/\/dev\/zero: is a device, not a regular file$/, cmd[0]!, '/dev/zero', ...cmd.slice(1));
    await refused(/fifo: is a FIFO \(named pipe\), not a regular file$/, cmd[0]!, fifo, ...cmd.slice(1));
    await refused(/sparse: is 1 TiB, larger than the 1 GiB twostage reads$/, cmd[0]!, sparse, ...cmd.slice(1));
  }
  await refused(/fifo: is a FIFO/, 'run', fifo);
  await refused(/zero: is a device/, 'walk', '--scenario', '/dev/zero', '--context', 'vm1', '--va', '0');
});

/** An ELF64 AArch64 executable with the given program headers (type, offset, paddr, filesz, memsz) and file size. */
function elf(phdrs: readonly (readonly [number, number, bigint, bigint, bigint])[], size = 0x2000): Uint8Array {
  const b = new Uint8Array(Math.max(size, 64 + 56 * phdrs.length));
  const dv = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
  dv.setUint16(16, 2, true); // ET_EXEC
  dv.setUint16(18, 183, true); // EM_AARCH64
  dv.setUint32(20, 1, true);
  dv.setBigUint64(24, 0x4008_0000n, true);
  dv.setBigUint64(32, 64n, true);
  dv.setUint16(52, 64, true);
  dv.setUint16(54, 56, true);
  dv.setUint16(56, phdrs.length, true);
  phdrs.forEach(([type, off, pa, filesz, memsz], i) => {
    const o = 64 + i * 56;
    dv.setUint32(o, type, true);
    dv.setUint32(o + 4, 5, true);
    dv.setBigUint64(o + 8, BigInt(off), true);
    dv.setBigUint64(o + 16, pa, true);
    dv.setBigUint64(o + 24, pa, true);
    dv.setBigUint64(o + 32, filesz, true);
    dv.setBigUint64(o + 40, memsz, true);
  });
  return b;
}

test('ELF: overlapping file bytes are refused as QEMU refuses them; 65535 segments and a 200 GiB zero fill load in bounded time', async () => {
  const overlap = file('overlap.elf', elf([[1, 0x1000, 0x4008_0000n, 8n, 8n], [1, 0x1004, 0x4008_0004n, 4n, 4n]]));
  await refused(/overlap\.elf: the file bytes of segments 0 \(0x40080000\.\.0x40080008\) and 1 \(0x40080004\.\.0x40080008\) overlap$/, 'boot', overlap);
  const many = Array.from({ length: 65535 }, (_, i) => [1, 0x1000, 0x4008_0000n + BigInt(i) * 16n, 0n, 8n << 20n] as const);
  const bomb = await twostage('boot', file('phnum.elf', elf(many, 64 + 56 * 65535)), '--max-insns', '100');
  // loaded and run: the program is zeros, so the CPU takes the same exception until the loop watcher stops it
  assert.equal(bomb.status, 1, bomb.stderr);
  assert.match(bomb.first, /phnum\.elf: exception loop: EL2 takes the same exception at its own vector entry 0x0000000000000200, again and again/);
  const bss = await twostage('boot', file('bss.elf', elf([[1, 0x1000, 0x4008_0000n, 4n, 200n << 30n]])), '--ram', '261120', '--max-insns', '100');
  assert.equal(bss.status, 1, bss.stderr);
  assert.match(bss.first, /bss\.elf: exception loop/);
});

test('ELF: a symbol table whose entries all point at one long name is bounded', async () => {
  // 40,000 symbols named by 40,000 overlapping suffixes of a 1 MiB string without a NUL: 40 GB of names
  const strtab = 0x2000;
  const strLen = 1 << 20;
  const symtab = strtab + strLen;
  const nsyms = 40_000;
  const shoff = symtab + nsyms * 24;
  const b = new Uint8Array(shoff + 3 * 64);
  b.set(elf([[1, 0x1000, 0x4008_0000n, 4n, 4n]]));
  b.fill(0x41, strtab, strtab + strLen);
  const dv = new DataView(b.buffer);
  dv.setBigUint64(40, BigInt(shoff), true);
  dv.setUint16(58, 64, true);
  dv.setUint16(60, 3, true);
  const sh = (i: number, type: number, off: number, size: number, link: number) => {
    dv.setUint32(shoff + i * 64 + 4, type, true);
    dv.setBigUint64(shoff + i * 64 + 24, BigInt(off), true);
    dv.setBigUint64(shoff + i * 64 + 32, BigInt(size), true);
    dv.setUint32(shoff + i * 64 + 40, link, true);
  };
  sh(1, 2, symtab, nsyms * 24, 2); // SHT_SYMTAB → string table 2
  sh(2, 3, strtab, strLen, 0); // SHT_STRTAB
  for (let i = 1; i < nsyms; i++) dv.setUint32(symtab + i * 24, i, true); // name i at offset i: each a suffix of the last
  const r = await twostage('disasm', file('syms.elf', b));
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.first, /syms\.elf: symbol table \(section 1\): its names add up to more than 64 MiB$/);
});

test('flag values: one parser for whole numbers and addresses, the flag named', async () => {
  const seed = join(ROOT, 'scenarios/seed.yaml');
  await refused(/^twostage: --max-insns: expected a whole number from 1 to \d+, not '1e3'$/, 'run', seed, '--max-insns', '1e3');
  await refused(/^twostage: --ram 0 \(MiB\): the RAM size must be more than zero$/, 'boot', join(ROOT, 'examples/hello.elf'), '--ram', '0');
  await refused(/^twostage: --ram: '1e3' is not a whole number of MiB below 2\^64$/, 'boot', join(ROOT, 'examples/hello.elf'), '--ram', '1e3');
  await refused(/^twostage: --device: unknown device 'virtio-net-pci' \(known: pci-testdev\)$/, 'boot', join(ROOT, 'examples/hello.elf'), '--device', 'pci-testdev', '--device', 'virtio-net-pci');
  for (const v of ['4', 'v3', '', 'constructor']) {
    await refused(new RegExp(`^twostage: --gic-version: '${v}' is not a GIC the machine models \\(2 or 3\\)$`), 'boot', join(ROOT, 'examples/hello.elf'), '--gic-version', v);
  }
  await refused(/^twostage walk: --va: not a 64-bit address: '0x1_0000_0000_0000_0000'$/, 'walk', join(ROOT, 'examples/hello.elf'), '--until', '0', '--va', '0x1_0000_0000_0000_0000');
  await refused(/^twostage disasm: --base: not a 64-bit address: 'zz'$/, 'disasm', join(ROOT, 'examples/hello.elf'), '--base', 'zz');
  await refused(/^twostage disasm: --base: .*package\.json .* would end beyond the 64-bit address space$/, 'disasm', join(ROOT, 'package.json'), '--base', '0xffff_ffff_ffff_fffc');
  await refused(/^twostage asm: --base: not a 64-bit address: '-1'$/, 'asm', join(ROOT, 'examples/hello.S'), '--base', '-1', '-o', join(dir, 'o.elf'));
  await refused(/^\S+hello\.S:1:1: error: section \.text \(0xfffffffffffffff0, 0x[0-9a-f]+ bytes\) ends beyond the 64-bit address space$/, 'asm', join(ROOT, 'examples/hello.S'), '--base', '0xffff_ffff_ffff_fff0', '-o', join(dir, 'o.elf'));
});

test('boot --kernel: malformed Image headers, a gzip bomb and corrupt gzip data are one line each', async () => {
  const at = (name: string, b: Uint8Array) => file(name, b);
  await refused(/far\.Image: kernel \(0x[0-9a-f]+ \+ 4160 bytes\) does not fit in RAM ending at 0x48000000$/, 'boot', '--kernel', at('far.Image', image(0xffff_ffff_ffff_0000n, 0x1000n, 2n)));
  await refused(/size\.Image: kernel is too large to fit in RAM \(kernel size 18446744073709552000, RAM size 134217728\)$/, 'boot', '--kernel', at('size.Image', image(0x80000n, 0xffff_ffff_ffff_ffffn, 2n)));
  await refused(/be\.Image: big-endian kernel/, 'boot', '--kernel', at('be.Image', image(0x80000n, 0x1000n, 1n)));
  await refused(/empty\.Image: empty kernel image$/, 'boot', '--kernel', at('empty.Image', new Uint8Array(0)));
  // 300 gzip members of 1 MiB of zeros each: 300 KB that inflate past QEMU's 256 MiB limit
  const member = gzipSync(new Uint8Array(1 << 20));
  const bomb = new Uint8Array(member.length * 300);
  for (let i = 0; i < 300; i++) bomb.set(member, i * member.length);
  await refused(/bomb\.Image\.gz: gzip'd kernel: inflates to more than 256 MiB$/, 'boot', '--kernel', at('bomb.Image.gz', bomb));
  await refused(/cut\.Image\.gz: gzip'd kernel: corrupt gzip data/, 'boot', '--kernel', at('cut.Image.gz', gzipSync(image(0x80000n, 0x1000n, 2n)).subarray(0, 40)));
});

test('boot --kernel: truncated and hostile device trees, a huge initrd, --dumpdtb to a directory: one line each', async () => {
  const kernel = file('k.Image', image(0x80000n, 0x1000n, 2n));
  const qemuDtb = readFileSync(join(ROOT, 'test/machine/qemu/virt-256M.dtb'));
  await refused(/k\.Image: --dtb: header totalsize \d+ exceeds the file \(100 bytes\)$/, 'boot', '--kernel', kernel, '--dtb', file('cut.dtb', qemuDtb.subarray(0, 100)));
  await refused(/k\.Image: --dtb: truncated device tree header \(20 bytes, need 40\)$/, 'boot', '--kernel', kernel, '--dtb', file('short.dtb', qemuDtb.subarray(0, 20)));
  // nodes nested 100,000 deep: refused at 64, no recursion
  const deep = encodeFdtBlob(100_000, 0, 0);
  await refused(/k\.Image: --dtb: nodes nested deeper than 64 at offset \d+$/, 'boot', '--kernel', kernel, '--dtb', file('deep.dtb', deep));
  // 60,000 properties whose names are 60,000 suffixes of one 1 MiB string: 60 GB of names if each were decoded
  await refused(/k\.Image: --dtb: property at offset \d+: the property names take more than 4 MiB$/, 'boot', '--kernel', kernel, '--dtb', file('names.dtb', encodeFdtBlob(1, 60_000, 1 << 20)));
  // a blob larger than Linux takes is refused by its size: never read, never decoded
  await refused(/sparse: is 1 TiB, larger than the 2 MiB a device tree may take/, 'boot', '--kernel', kernel, '--dtb', sparse);
  await refused(/k\.Image: --dtb: device tree is \d+ bytes; Linux accepts at most 2097152$/, 'boot', '--kernel', kernel, '--dtb', file('big.dtb', encodeFdtBlob(1, 0, (2 << 20) - 100)));
  await refused(/sparse: is 1 TiB, larger than the 128 MiB of RAM$/, 'boot', '--kernel', kernel, '--initrd', sparse); // QEMU's default RAM
  await refused(/fifo: is a FIFO/, 'boot', '--kernel', kernel, '--initrd', fifo);
  const initrd = file('initrd', '');
  truncateSync(initrd, 40 << 20); // within 64 MiB of RAM, but not from the initrd's place at its middle
  await refused(/k\.Image: initrd is too big to fit into RAM after the kernel$/, 'boot', '--kernel', kernel, '--initrd', initrd, '--ram', '64');
  await refused(new RegExp(`^twostage: --dumpdtb: ${folder}: cannot write: is a directory$`), 'boot', '--kernel', kernel, '--dumpdtb', folder);
  await refused(/^twostage: --dumpdtb: .*fifo: cannot write: is a FIFO nobody reads$/, 'boot', '--dumpdtb', fifo);
});

/**
 * A device tree blob: `depth` nested nodes; in the innermost, `props` empty properties whose name offsets are 0, 1,
 * 2, … into a strings block of `strLen` bytes of 'A' ending in one NUL (each name a suffix of the one before).
 */
function encodeFdtBlob(depth: number, props: number, strLen: number): Uint8Array {
  const structSize = depth * 8 + props * 12 + depth * 4 + 4;
  const structOff = 64;
  const stringsOff = structOff + structSize;
  const total = stringsOff + strLen + 1;
  const b = new Uint8Array(total);
  const dv = new DataView(b.buffer);
  [0xd00dfeed, total, structOff, stringsOff, 40, 17, 16, 0, strLen + 1, structSize].forEach((v, i) => dv.setUint32(4 * i, v));
  let p = structOff;
  const word = (v: number) => {
    dv.setUint32(p, v);
    p += 4;
  };
  for (let i = 0; i < depth; i++) {
    word(1); // FDT_BEGIN_NODE, name '' padded to 4 bytes
    word(0);
  }
  for (let i = 0; i < props; i++) {
    word(3); // FDT_PROP, no value
    word(0);
    word(i % strLen);
  }
  for (let i = 0; i < depth; i++) word(2); // FDT_END_NODE
  word(9); // FDT_END
  b.fill(0x41, stringsOff, stringsOff + strLen);
  return b;
}
