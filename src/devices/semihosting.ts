// Arm semihosting over `HLT #0xF000` (Arm "Semihosting for AArch32 and AArch64" v2, §4–§5), answering
// the way QEMU 7.2's `-semihosting` does (semihosting/arm-compat-semi.c), as observed on
// `qemu-system-aarch64 -M virt,virtualization=on -cpu cortex-a57 -nographic -semihosting`:
// - SYS_WRITEC / SYS_WRITE0 print on the semihosting console, which is QEMU's stderr, and leave
//   X0 = 0xdeadbeef;
// - SYS_OPEN(":tt") hands out handles 1, 2, … (read → stdin, write → stdout, append → stderr); other
//   file names are refused (ENOENT): unlike QEMU, the model never touches host files;
// - SYS_WRITE returns the number of bytes NOT written (all of them for a bad handle);
// - SYS_EXIT / SYS_EXIT_EXTENDED (AArch64: X1 → {reason, subcode}): ADP_Stopped_ApplicationExit ends
//   with exit status = subcode (mod 256, as exit(3)); any other reason with status 1;
// - unknown operations return −1 in X0 (QEMU aborts the emulator instead).
import type { GuestCall } from './guest.ts';

export const SEMIHOSTING_HLT_IMM = 0xf000;

export const SYS_OPEN = 0x01;
export const SYS_CLOSE = 0x02;
export const SYS_WRITEC = 0x03;
export const SYS_WRITE0 = 0x04;
export const SYS_WRITE = 0x05;
export const SYS_ERRNO = 0x13;
export const SYS_EXIT = 0x18;
export const SYS_EXIT_EXTENDED = 0x20;
export const ADP_STOPPED_APPLICATION_EXIT = 0x20026n;

const POISON = 0xdeadbeefn; // QEMU's X0 after SYS_WRITEC / SYS_WRITE0
const ALL_ONES = 0xffff_ffff_ffff_ffffn; // −1
const EBADF = 9;
const ENOENT = 2;
const MAX_STRING = 1 << 20; // bound on SYS_WRITE0 strings

type Stream = 'stdin' | 'stdout' | 'stderr';

export interface SemihostingSinks {
  readonly stdout: (byte: number) => void;
  readonly stderr: (byte: number) => void;
}

export class Semihosting {
  /** Open handles (index = handle; 0 is never handed out, as QEMU). */
  private handles: (Stream | undefined)[] = [undefined];
  private errno = 0;

  constructor(private readonly sinks: SemihostingSinks) {}

  /** Perform the operation in W0 with the parameter in X1. */
  call(g: GuestCall): void {
    const op = Number(g.x(0) & 0xffff_ffffn);
    const arg = g.x(1);
    switch (op) {
      case SYS_WRITEC: {
        const b = g.readVirtual(arg, 1);
        if (b !== undefined) this.sinks.stderr(b[0]!);
        g.setX(0, POISON);
        return;
      }
      case SYS_WRITE0:
        for (let i = 0; i < MAX_STRING; i++) {
          const b = g.readVirtual(arg + BigInt(i), 1);
          if (b === undefined || b[0] === 0) break;
          this.sinks.stderr(b[0]!);
        }
        g.setX(0, POISON);
        return;
      case SYS_WRITE: return this.write(g, arg);
      case SYS_OPEN: return this.open(g, arg);
      case SYS_CLOSE: return this.close(g, arg);
      case SYS_ERRNO:
        g.setX(0, BigInt(this.errno));
        return;
      case SYS_EXIT:
      case SYS_EXIT_EXTENDED: {
        const block = this.words(g, arg, 2);
        if (block === undefined) return this.failed(g, ENOENT);
        // AArch64 SYS_EXIT takes {reason, subcode}; QEMU exits with the subcode only for ApplicationExit
        g.exit(block[0] === ADP_STOPPED_APPLICATION_EXIT ? Number(block[1]! & 0xffn) : 1);
        return;
      }
      default:
        g.setX(0, ALL_ONES);
    }
  }

  /** SYS_WRITE {handle, buffer, length}: X0 = bytes not written. */
  private write(g: GuestCall, arg: bigint): void {
    const block = this.words(g, arg, 3);
    if (block === undefined) return this.failed(g, ENOENT);
    const [handle, buf, len] = block as [bigint, bigint, bigint];
    const stream = handle < BigInt(this.handles.length) ? this.handles[Number(handle)] : undefined;
    if (stream === undefined || stream === 'stdin') {
      this.errno = EBADF;
      g.setX(0, len);
      return;
    }
    const n = Number(len > BigInt(MAX_STRING) ? BigInt(MAX_STRING) : len);
    const bytes = g.readVirtual(buf, n);
    if (bytes === undefined) {
      g.setX(0, len);
      return;
    }
    const sink = stream === 'stdout' ? this.sinks.stdout : this.sinks.stderr;
    for (const b of bytes) sink(b);
    g.setX(0, len - BigInt(n));
  }

  /** SYS_OPEN {name, mode, length}: only the console ":tt" (mode 0–3 read, 4–7 write, 8–11 append). */
  private open(g: GuestCall, arg: bigint): void {
    const block = this.words(g, arg, 3);
    if (block === undefined) return this.failed(g, ENOENT);
    const [name, mode, len] = block as [bigint, bigint, bigint];
    const text = len === 3n ? g.readVirtual(name, 3) : undefined;
    if (text === undefined || new TextDecoder().decode(text) !== ':tt') return this.failed(g, ENOENT);
    const stream: Stream = mode < 4n ? 'stdin' : mode < 8n ? 'stdout' : 'stderr';
    let h = this.handles.indexOf(undefined, 1);
    if (h < 0) h = this.handles.push(undefined) - 1;
    this.handles[h] = stream;
    g.setX(0, BigInt(h));
  }

  /** SYS_CLOSE {handle}: 0, or −1 for a handle that is not open. */
  private close(g: GuestCall, arg: bigint): void {
    const block = this.words(g, arg, 1);
    const h = block === undefined ? -1 : Number(block[0]! & 0xffff_ffffn);
    if (h <= 0 || h >= this.handles.length || this.handles[h] === undefined) return this.failed(g, EBADF);
    this.handles[h] = undefined;
    g.setX(0, 0n);
  }

  private failed(g: GuestCall, errno: number): void {
    this.errno = errno;
    g.setX(0, ALL_ONES);
  }

  /** `n` 64-bit parameter words at `va` (AArch64 parameter blocks are doubleword arrays). */
  private words(g: GuestCall, va: bigint, n: number): bigint[] | undefined {
    const bytes = g.readVirtual(va, 8 * n);
    if (bytes === undefined) return undefined;
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return Array.from({ length: n }, (_, i) => dv.getBigUint64(8 * i, true));
  }
}
