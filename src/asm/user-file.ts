// Files a user names (scenarios, assembly sources and their .include files, ELF images, output paths), read and
// written with bounded time and memory: only regular files are read (a FIFO, a device or a directory gets a
// one-line reason instead of a hang), at most a stated number of bytes, and text must be text. Every path that
// touches a user's file goes through here. It lives with the assembler, the lowest layer that reads files (.include);
// the image builder, the checker and the command line use it too.
import { closeSync, constants, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { MAX_SOURCE_BYTES } from './limits.ts';

/** Largest scenario file (YAML): a scenario is a page of hand-written text. */
export const MAX_SCENARIO_BYTES = 1 << 20;
/** Largest ELF or flat binary read: a Node buffer holds at most 4 GiB, and the machine loads what it reads. */
export const MAX_BINARY_BYTES = 1 << 30;

/** The file's bytes, or a one-line reason (no path: the caller names the file its own way). */
export type ReadResult = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly error: string };

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** A byte count as people write it: 1 MiB, 1.5 GiB, 1023 bytes. */
export function sizeText(n: number): string {
  let u = 0;
  while (u < UNITS.length - 1 && n >= 1024 ** (u + 1)) u++;
  const v = n / 1024 ** u;
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${UNITS[u]}`;
}

/** Why a file of this kind cannot be read as a file, or undefined for a regular file. */
function notRegular(mode: number): string | undefined {
  switch (mode & constants.S_IFMT) {
    case constants.S_IFREG:
      return undefined;
    case constants.S_IFDIR:
      return 'is a directory';
    case constants.S_IFIFO:
      return 'is a FIFO (named pipe), not a regular file';
    case constants.S_IFSOCK:
      return 'is a socket, not a regular file';
    case constants.S_IFCHR:
    case constants.S_IFBLK:
      return 'is a device, not a regular file';
    default:
      return 'is not a regular file';
  }
}

/** A failed open/read as a reason. */
function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a component of the path is not a directory';
    case 'ENXIO':
      return 'is a FIFO or socket with no one at the other end';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return `failed (${code ?? String(e)})`;
  }
}

/**
 * Read a regular file of at most `maxBytes` (`limit` says what that is: the bytes twostage reads, or a memory the
 * file must fit in). The open does not block (O_NONBLOCK: a FIFO with no writer would wait
 * forever); the kind is judged on the opened file (fstat), and the read stops one byte past the cap, so a file that
 * grows or lies about its size (/proc) is bounded too.
 */
export function readUserFile(path: string, maxBytes: number, limit = 'twostage reads'): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { ok: false, error: errnoText(e) };
  }
  try {
    const st = fstatSync(fd);
    const why = notRegular(st.mode);
    if (why !== undefined) return { ok: false, error: why };
    if (st.size > maxBytes) return { ok: false, error: `is ${sizeText(st.size)}, larger than the ${sizeText(maxBytes)} ${limit}` };
    let buf = new Uint8Array(Math.min(maxBytes + 1, Math.max(st.size + 1, 4096)));
    let len = 0;
    for (;;) {
      if (len === buf.length) {
        if (len > maxBytes) return { ok: false, error: `is larger than the ${sizeText(maxBytes)} ${limit}` };
        const grown = new Uint8Array(Math.min(maxBytes + 1, buf.length * 2));
        grown.set(buf);
        buf = grown;
      }
      const n = readSync(fd, buf, len, buf.length - len, null);
      if (n === 0) break;
      len += n;
    }
    if (len > maxBytes) return { ok: false, error: `is larger than the ${sizeText(maxBytes)} ${limit}` };
    return { ok: true, bytes: buf.subarray(0, len) };
  } catch (e) {
    return { ok: false, error: errnoText(e) };
  } finally {
    closeSync(fd);
  }
}

/** Text or a one-line reason. */
export type TextResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };

/**
 * Read a text file (at most `maxBytes`): a NUL byte means it is not text (as grep and git judge binary files), which is
 * reported instead of feeding a binary to a parser line by line. Assembly is read as latin1 (bytes as written, as
 * GNU as does); YAML as UTF-8.
 */
export function readUserText(path: string, maxBytes: number, encoding: 'latin1' | 'utf8'): TextResult {
  const r = readUserFile(path, maxBytes);
  if (!r.ok) return r;
  const nul = r.bytes.indexOf(0);
  if (nul >= 0) return { ok: false, error: `is not a text file (a NUL byte at offset ${nul})` };
  return { ok: true, text: Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.length).toString(encoding) };
}

/**
 * An assembly source or .include file: text of at most MAX_SOURCE_BYTES, read as latin1 (the bytes as written, as
 * GNU as reads them). The shape of the assembler's `read` hook.
 */
export function readAssembly(path: string): string | { readonly error: string } {
  const r = readUserText(path, MAX_SOURCE_BYTES, 'latin1');
  return r.ok ? r.text : { error: r.error };
}

/**
 * Write `bytes` to `path` (created or truncated), or return a one-line reason: a directory, a missing folder, a
 * full disk. The first open does not block, so a FIFO nobody reads is refused (ENXIO) rather than waited on; a FIFO
 * or device that is open at the other end is then reopened blocking, so a slow reader gets every byte.
 */
export function writeUserFile(path: string, bytes: Uint8Array): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NONBLOCK, 0o644);
    if ((fstatSync(fd).mode & constants.S_IFMT) !== constants.S_IFREG) {
      closeSync(fd);
      fd = openSync(path, constants.O_WRONLY);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'cannot write: its folder does not exist';
    if (code === 'EISDIR') return 'cannot write: is a directory';
    if (code === 'ENXIO') return 'cannot write: is a FIFO nobody reads';
    return `cannot write: ${errnoText(e)}`;
  }
  try {
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    return undefined;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return `cannot write (${code === 'ENOSPC' ? 'no space left on the device' : (code ?? String(e))})`;
  } finally {
    closeSync(fd);
  }
}
