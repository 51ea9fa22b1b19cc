// GDB Remote Serial Protocol framing (GDB manual, "Overview" and "Binary Data" of Appendix E "Remote Protocol"):
// packets `$body#cc` with a two-hex-digit modulo-256 checksum, `+`/`-` acknowledgements (until
// QStartNoAckMode), a bare 0x03 byte to interrupt, `}` escaping (byte XOR 0x20) and `*` run-length
// encoding. The reader takes bytes as the socket delivers them, in any split, and holds at most one packet of
// MAX_PACKET bytes: anything longer or malformed is dropped with a reason, never buffered without bound.

/** The largest packet body we accept and advertise (qSupported PacketSize). */
export const MAX_PACKET = 0x4000;

const DOLLAR = 0x24;
const HASH = 0x23;
const ESCAPE = 0x7d;
const STAR = 0x2a;
/** ^C from the debugger: interrupt the running target ("Interrupts"). */
const INTERRUPT = 0x03;

export type RspEvent =
  | { readonly kind: 'packet'; readonly body: string }
  | { readonly kind: 'interrupt' }
  | { readonly kind: 'ack' }
  | { readonly kind: 'nack' }
  /** A packet dropped: bad checksum, too long, or not hex where the checksum goes. The peer should get `-`. */
  | { readonly kind: 'bad'; readonly why: string };

const hexVal = (c: number): number => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1);

/** Incremental packet reader: feed() the bytes as they come, get the complete events back. */
export class RspReader {
  private state: 'idle' | 'body' | 'sum1' | 'sum2' = 'idle';
  private readonly body = new Uint8Array(MAX_PACKET);
  private len = 0;
  private sum = 0;
  private overflow = false;
  private sumHi = 0;

  feed(bytes: Uint8Array): RspEvent[] {
    const out: RspEvent[] = [];
    for (const b of bytes) {
      switch (this.state) {
        case 'idle':
          // between packets only acks, ^C and a packet start mean anything; other bytes are line noise
          if (b === DOLLAR) this.start();
          else if (b === 0x2b) out.push({ kind: 'ack' });
          else if (b === 0x2d) out.push({ kind: 'nack' });
          else if (b === INTERRUPT) out.push({ kind: 'interrupt' });
          break;
        case 'body':
          if (b === HASH) this.state = 'sum1';
          else if (b === DOLLAR) {
            out.push({ kind: 'bad', why: 'packet restarted before its checksum' });
            this.start();
          } else {
            this.sum = (this.sum + b) & 0xff;
            if (this.len < MAX_PACKET) this.body[this.len++] = b;
            else this.overflow = true;
          }
          break;
        case 'sum1':
          this.sumHi = hexVal(b);
          this.state = 'sum2';
          break;
        case 'sum2': {
          this.state = 'idle';
          const lo = hexVal(b);
          if (this.sumHi < 0 || lo < 0) out.push({ kind: 'bad', why: 'checksum is not two hex digits' });
          else if (this.overflow) out.push({ kind: 'bad', why: `packet longer than ${MAX_PACKET} bytes` });
          else if (((this.sumHi << 4) | lo) !== this.sum) out.push({ kind: 'bad', why: `checksum ${hex2((this.sumHi << 4) | lo)} should be ${hex2(this.sum)}` });
          else out.push({ kind: 'packet', body: latin1(this.body.subarray(0, this.len)) });
          break;
        }
      }
    }
    return out;
  }

  private start(): void {
    this.state = 'body';
    this.len = 0;
    this.sum = 0;
    this.overflow = false;
  }
}

const hex2 = (v: number): string => v.toString(16).padStart(2, '0');

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** `$body#cc` with `$`, `#`, `}` and `*` escaped (a `*` would otherwise start a run-length repeat). */
export function encodePacket(body: string): string {
  let esc = '';
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i) & 0xff;
    if (c === DOLLAR || c === HASH || c === ESCAPE || c === STAR) {
      esc += '}' + String.fromCharCode(c ^ 0x20);
      sum += ESCAPE + (c ^ 0x20);
    } else {
      esc += String.fromCharCode(c);
      sum += c;
    }
  }
  return `$${esc}#${hex2(sum & 0xff)}`;
}

/** Binary data of an X or vFile packet: `}` escapes undone (each escaped byte XOR 0x20), or undefined when a
 *  `}` ends the data. */
export function unescapeBinary(data: string): Uint8Array | undefined {
  const out = new Uint8Array(data.length);
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    let c = data.charCodeAt(i) & 0xff;
    if (c === ESCAPE) {
      if (++i >= data.length) return undefined;
      c = (data.charCodeAt(i) & 0xff) ^ 0x20;
    }
    out[n++] = c;
  }
  return out.subarray(0, n);
}

