// Initramfs images for the Linux boot tests: a newc ("070701") cpio archive (Linux Documentation/driver-api/
// early-userspace/buffer-format.rst), gzip'd, holding /init. The integer-only /init is init.S assembled by twostage's
// own assembler into a static ELF executable.
//   npx tsx test/linux/initramfs.ts OUT.cpio.gz     writes the integer-only initramfs
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { assemble } from '../../src/asm/assemble.ts';
import { elfImage } from '../../src/cli/asm.ts';

export interface CpioEntry {
  readonly name: string;
  /** st_mode: file type and permissions (0o100755 a regular executable, 0o040755 a directory). */
  readonly mode: number;
  readonly data: Uint8Array;
}

const pad4 = (n: number) => (4 - (n % 4)) % 4;

/** A newc archive: per entry a 110-byte ASCII header, the NUL-terminated name and the data, each padded to 4 bytes. */
export function newcArchive(entries: readonly CpioEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const enc = new TextEncoder();
  const all = [...entries, { name: 'TRAILER!!!', mode: 0, data: new Uint8Array(0) }];
  all.forEach((e, i) => {
    const name = enc.encode(e.name + '\0');
    // c_ino, c_mode, c_uid, c_gid, c_nlink, c_mtime, c_filesize, c_devmajor, c_devminor, c_rdevmajor, c_rdevminor,
    // c_namesize, c_check: eight hex digits each
    const fields = [e.name === 'TRAILER!!!' ? 0 : i + 1, e.mode, 0, 0, 1, 0, e.data.length, 0, 0, 0, 0, name.length, 0];
    const header = enc.encode('070701' + fields.map((v) => v.toString(16).padStart(8, '0')).join(''));
    parts.push(header, name, new Uint8Array(pad4(header.length + name.length)), e.data, new Uint8Array(pad4(e.data.length)));
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const HERE = dirname(fileURLToPath(import.meta.url));
/**
 * Where init.S is linked: its only PT_LOAD starts at file offset 0x80 (after the ELF and program headers), and Linux
 * maps a segment only when p_vaddr and p_offset agree modulo the page size (fs/binfmt_elf.c elf_map).
 */
const INIT_BASE = 0x40_0080n;

/** The integer-only /init as a static ELF executable. */
export function integerInit(): Uint8Array {
  const src = join(HERE, 'init.S');
  const r = assemble(src, readFileSync(src, 'utf8'), { base: INIT_BASE });
  if (r.diagnostics.length > 0) throw new Error(`init.S: ${r.diagnostics[0]!.message}`);
  return elfImage(r);
}

/** The gzip'd initramfs whose /init is the integer-only program. */
export function integerInitramfs(): Uint8Array {
  return gzipSync(newcArchive([{ name: 'init', mode: 0o100755, data: integerInit() }]));
}

/** The busybox /init: a shell script that does real work with Debian's busybox-static (glibc's string functions use
 *  Advanced SIMD, awk floating point) and powers off. */
export const BUSYBOX_INIT = `#!/bin/busybox sh
/bin/busybox echo "busybox sh running"
/bin/busybox echo abc | /bin/busybox sha256sum
/bin/busybox echo "1 2 3" | /bin/busybox awk '{ print $1 + $2 + $3, $1 / 3, sqrt($3) }'
/bin/busybox echo twostage twostage twostage | /bin/busybox gzip | /bin/busybox gzip -d
/bin/busybox echo "the end"
/bin/busybox poweroff -f
`;

/** What /init and its programs printed on the console `log`: the lines after "Run /init", the kernel's own
 *  (timestamped) lines and empty ones left out — what the tests and the benchmark compare with QEMU's. */
export function userLines(log: string): string[] {
  const all = log.replace(/\r/g, '').split('\n');
  const from = all.findIndex((l) => l.includes('Run /init as init process'));
  return all.slice(from + 1).filter((l) => !/^\[ *\d+\.\d+\] /.test(l) && l.trim() !== '');
}

/** The gzip'd initramfs whose /init is BUSYBOX_INIT, with Debian's busybox-static as /bin/busybox. */
export function busyboxInitramfs(busybox: Uint8Array): Uint8Array {
  return gzipSync(newcArchive([
    { name: 'bin', mode: 0o040755, data: new Uint8Array(0) },
    { name: 'bin/busybox', mode: 0o100755, data: busybox },
    { name: 'init', mode: 0o100755, data: new TextEncoder().encode(BUSYBOX_INIT) },
  ]));
}

/** The interactive /init: busybox's applets installed as links in /bin, then an interactive ash on the console. */
export const INTERACTIVE_INIT = `#!/bin/busybox sh
/bin/busybox --install -s /bin
exec /bin/sh -i
`;

/** The gzip'd initramfs whose /init is INTERACTIVE_INIT, with Debian's busybox-static as /bin/busybox. */
export function interactiveInitramfs(busybox: Uint8Array): Uint8Array {
  return gzipSync(newcArchive([
    { name: 'bin', mode: 0o040755, data: new Uint8Array(0) },
    { name: 'bin/busybox', mode: 0o100755, data: busybox },
    { name: 'init', mode: 0o100755, data: new TextEncoder().encode(INTERACTIVE_INIT) },
  ]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (out === undefined) throw new Error('usage: initramfs.ts OUT.cpio.gz');
  writeFileSync(out, integerInitramfs());
}
