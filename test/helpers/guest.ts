// Test helper: a fake caller for semihosting/PSCI: registers in a Map, memory as a byte map, and a record
// of how the machine was asked to stop.
import type { GuestCall } from '../../src/devices/guest.ts';

export class FakeGuest implements GuestCall {
  readonly regs = new Map<number, bigint>();
  readonly memory = new Map<bigint, number>();
  stopped: { exit: number } | { halt: string } | undefined;

  constructor(regs: Record<number, bigint> = {}) {
    for (const [k, v] of Object.entries(regs)) this.regs.set(Number(k), v);
  }
  x(n: number): bigint {
    return this.regs.get(n) ?? 0n;
  }
  setX(n: number, v: bigint): void {
    this.regs.set(n, v);
  }
  readVirtual(va: bigint, n: number): Uint8Array | undefined {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const b = this.memory.get(va + BigInt(i));
      if (b === undefined) return undefined;
      out[i] = b;
    }
    return out;
  }
  exit(code: number): void {
    this.stopped = { exit: code };
  }
  halt(why: string): void {
    this.stopped = { halt: why };
  }

  /** Place bytes (or a string, or little-endian doublewords) at `va`. */
  poke(va: bigint, data: Uint8Array | string | bigint[]): void {
    const bytes =
      typeof data === 'string'
        ? new TextEncoder().encode(data)
        : Array.isArray(data)
          ? new Uint8Array(new BigUint64Array(data).buffer)
          : data;
    bytes.forEach((b, i) => this.memory.set(va + BigInt(i), b));
  }
}
