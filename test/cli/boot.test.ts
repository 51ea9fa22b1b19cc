// `twostage boot` as a user runs it (the sources through tsx, test/helpers/cli.ts), checking stdout bytes, stderr lines
// and the exit status (0 = the guest's code, 2 = bad input, 3 = budget), and that no stack trace leaks.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { CLI } from '../helpers/cli.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HELLO = 'examples/hello.elf';

function twostage(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function temp(name: string, bytes: Uint8Array): string {
  const path = join(mkdtempSync(join(tmpdir(), 'twostage-cli-')), name);
  writeFileSync(path, bytes);
  return path;
}

test('boot hello.elf: stdout is exactly the guest bytes, stderr empty, exit 0', () => {
  const r = twostage('boot', HELLO);
  assert.equal(r.stdout, 'Hello from EL2\n');
  assert.equal(r.stderr, '');
  assert.equal(r.status, 0);
});

test('--gic-version 3: the guest errors the ITS ignored or stalled on are counted on stderr, the last one named; exit is the guest\'s', () => {
  const r = twostage('boot', '--gic-version', '3', 'test/qemu/elf/gicv3-its.elf');
  assert.equal(r.stdout, readFileSync(join(ROOT, 'test/qemu/expected/gicv3-its.out'), 'utf8'), 'QEMU\'s output');
  // MAPI beyond the device's events, MAPTI of a non-LPI, an unknown command, INT of a discarded event, and the
  // MAPTI whose ITT is nowhere, stalled twice
  assert.equal(r.stderr, 'twostage: 6 ITS command(s) or access(es) ignored or stalled; the last: ITS MAPTI: the ITT entry cannot be written: stalled\n');
  assert.equal(r.status, 0);
});

test('a file that is not an ELF: one line and exit 2', () => {
  const r = twostage('boot', 'package.json');
  assert.equal(r.stderr, 'twostage: package.json: not an ELF file (no \\x7fELF magic)\n');
  assert.equal(r.stdout, '');
  assert.equal(r.status, 2);
});

test('a truncated ELF and a missing file: one line each, exit 2', () => {
  const cut = temp('cut.elf', readFileSync(join(ROOT, HELLO)).subarray(0, 40));
  const r = twostage('boot', cut);
  assert.equal(r.stderr, `twostage: ${cut}: truncated ELF header (40 bytes, need 64)\n`);
  assert.equal(r.status, 2);
  const m = twostage('boot', 'no/such.elf');
  assert.equal(m.stderr, 'twostage: no/such.elf: no such file\n');
  assert.equal(m.status, 2);
});

test('a segment outside RAM: exit 2', () => {
  const r = twostage('boot', HELLO, '--ram', '0');
  assert.equal(r.status, 2, 'zero RAM is not an option');
  const small = twostage('boot', HELLO, '--ram', '1'); // RAM 0x40000000..0x40100000: hello at 0x40080000 fits
  assert.equal(small.status, 0);
});

test('--ram: every size the virt board holds boots, up to 2^44 − 1 GiB on cortex-a57; anything else is one line, exit 2', () => {
  const top = twostage('boot', HELLO, '--ram', '16776192'); // RAM 0x4000_0000..2^44, QEMU 7.2's limit (src/machine/virt.ts)
  assert.equal(top.stdout, 'Hello from EL2\n');
  assert.equal(top.status, 0);
  const bad: [string, RegExp][] = [
    ['16776193', /^twostage: --ram 16776193 \(MiB\): 0xfffc0100000 bytes is more than the virt board holds: its RAM starts at 0x40000000 and must end by 2\^44 \(the cortex-a57's physical address size\), so at most 0xfffc0000000 bytes \(16776192 MiB\)\n$/],
    ['0', /^twostage: --ram 0 \(MiB\): the RAM size must be more than zero\n$/],
    ['18446744073709551616', /^twostage: --ram: '18446744073709551616' is not a whole number of MiB below 2\^64\n$/],
    ['17592186044416', /^twostage: --ram 17592186044416 \(MiB\): 0x[0-9a-f]+ bytes is more than the virt board holds/], // 2^44 MiB
    ['-1', /^twostage: --ram: '-1' is not a whole number/],
  ];
  for (const [ram, why] of bad) {
    const r = twostage('boot', HELLO, '--ram', ram);
    assert.match(r.stderr, why, ram);
    assert.equal(r.stdout, '');
    assert.equal(r.status, 2, ram);
  }
});

test('the instruction budget: message naming the count, exit 3', () => {
  // hello.elf's first 5 instructions (movz, adr, bl, ldrb, cbz not taken) print nothing; next is 0x4008003c
  const r = twostage('boot', HELLO, '--max-insns', '5');
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^twostage: examples\/hello\.elf: instruction budget exhausted after 5 instructions \(PC 0x000000004008003c, EL2\)/);
  assert.equal(r.status, 3);
});

test('bad options: exit 2 with a message', () => {
  for (const args of [['--cpu', 'pentium'], ['--ram', 'lots'], ['--max-insns', '0'], ['--trace', 'mmx']]) {
    const r = twostage('boot', HELLO, ...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, new RegExp(`^twostage: ${args[0]}: `), args.join(' '));
  }
  const none = twostage('boot');
  assert.equal(none.status, 2);
  assert.equal(none.stderr, 'twostage: boot: give an ELF FILE or --kernel Image\n');
  const both = twostage('boot', HELLO, '--kernel', HELLO);
  assert.equal(both.stderr, 'twostage: give either FILE or --kernel, not both\n');
  assert.equal(both.status, 2);
});

test('--trace exec,sysreg: lines on stderr, stdout unchanged', () => {
  const r = twostage('boot', HELLO, '--trace', 'exec,sysreg');
  assert.equal(r.stdout, 'Hello from EL2\n');
  const lines = r.stderr.split('\n');
  // objdump -d examples/hello.elf: `mov x1, #0x9000000 // #150994944` (MOVZ hw=1), `adr x2, 4008004c <greeting>`
  assert.equal(lines[0], '0x0000000040080000: d2a12001  mov\tx1, #0x9000000             \t// #150994944');
  assert.equal(lines[1], '0x0000000040080004: 10000242  adr\tx2, 0x4008004c');
  assert.ok(lines.includes('mrs CurrentEL -> 0x0000000000000008'), 'CurrentEL.EL = 2 in bits 3:2');
  assert.equal(r.status, 0);
});

test('--trace int: an UNDEFINED instruction at the entry, then a fetch abort at VBAR_EL2 + 0x200', () => {
  // udf #0 (0x00000000) at 0x40080000: EC 0x00 with IL=1 -> ESR_EL2 0x02000000; vector = VBAR_EL2 (0) + 0x200.
  // Fetching 0x200 (no memory there): instruction abort at the same EL, EC 0x21, IFSC 0x10 -> 0x86000010.
  const elf = readFileSync(join(ROOT, HELLO));
  const off = elf.indexOf(Buffer.from([0x01, 0x20, 0xa1, 0xd2])); // the first instruction
  const patched = Uint8Array.from(elf);
  patched.set([0, 0, 0, 0], off);
  const r = twostage('boot', temp('udf.elf', patched), '--trace', 'int', '--max-insns', '2');
  const lines = r.stderr.split('\n');
  assert.equal(lines[0], 'exception EL2 -> EL2: EC 0x00 ESR 0x02000000 ELR 0x0000000040080000 -> PC 0x0000000000000200');
  assert.equal(
    lines[1],
    'exception EL2 -> EL2: EC 0x21 ESR 0x86000010 ELR 0x0000000000000200 FAR 0x0000000000000200 -> PC 0x0000000000000200',
  );
  assert.equal(r.status, 3);
});

test('an exception loop at a vector that is not set up: reported at its second identical exception, exit 1', () => {
  // udf at the entry: EC 0x00 to VBAR_EL2 (0) + 0x200, where there is no memory: the fetch there takes an instruction
  // abort whose vector is 0x200 again, for ever. Taken architecturally (see --trace int above), then stopped.
  const elf = readFileSync(join(ROOT, HELLO));
  const off = elf.indexOf(Buffer.from([0x01, 0x20, 0xa1, 0xd2]));
  const patched = Uint8Array.from(elf);
  patched.set([0, 0, 0, 0], off);
  const file = temp('loop.elf', patched);
  const r = twostage('boot', file, '--trace', 'int');
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1 + 2 + 1, 'the UNDEFINED exception, two identical aborts, the report');
  assert.equal(lines[1], lines[2]);
  assert.equal(
    lines[3],
    `twostage: ${file}: exception loop: EL2 takes the same exception at its own vector entry 0x0000000000000200, again and ` +
      'again (EC 0x21, ESR 0x0000000086000010, ELR 0x0000000000000200, FAR 0x0000000000000200; VBAR_EL2 = 0x0000000000000000), ' +
      'every interrupt that could break the loop masked',
  );
  assert.equal(r.status, 1);
});

test('--stats counts the TLB fills the tlb trace shows, and the host cache emptied (or a page dropped) at each TLBI that removed an entry', () => {
  // a QEMU differential program whose TLBIs remove single 4 KiB entries (by VA) and several (by ASID, VMALLE1)
  const r = twostage('boot', 'test/qemu/elf/tlb-asid.elf', '--trace', 'tlb', '--stats', 'json');
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stderr.trim().split('\n');
  const stats = JSON.parse(lines.at(-1)!) as { tlbFills: number; tlbEvictions: number; hostFlushes: number; hostPageDrops: number };
  const fills = lines.filter((l) => l.startsWith('tlb: fill ')).length;
  const tlbis = lines.filter((l) => /^tlb: TLBI .* removed [1-9]/.test(l)).length;
  assert.ok(fills > 0 && tlbis > 0);
  assert.equal(stats.tlbFills, fills);
  assert.equal(stats.tlbEvictions, 0, 'a handful of pages in a 1,024-entry TLB');
  assert.ok(stats.hostPageDrops > 0, 'a TLBI by VA removing one 4 KiB entry drops its page only');
  assert.ok(stats.hostFlushes + stats.hostPageDrops >= tlbis, `${stats.hostFlushes} emptyings, ${stats.hostPageDrops} page drops, ${tlbis} TLBIs`);
});
