// A growable byte buffer for what the guest writes to a host stream (stdout or stderr). The machine keeps
// everything a run printed; a streaming consumer (the CLI) takes the bytes added since it last looked.

export class OutputBuffer {
  private buf = new Uint8Array(256);
  private len = 0;
  private drained = 0;

  /** Append one byte (bits 7:0 of `b`). */
  push(b: number): void {
    if (this.len === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.len++] = b;
  }

  pushBytes(bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) this.push(bytes[i]!);
  }

  /** Everything written so far. */
  bytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }

  /** The bytes written since the previous call. */
  drain(): Uint8Array {
    const out = this.buf.slice(this.drained, this.len);
    this.drained = this.len;
    return out;
  }
}
