// `--gdb tcp::PORT [-S]` (QEMU's meaning): serve the gdb remote protocol on a TCP port for one debugger. With -S the
// target waits for the debugger before its first instruction; without it the target runs until the debugger
// connects (which stops it, as QEMU does). The simulator runs in bounded slices (GdbStub.runSlice) scheduled with
// setImmediate, so socket input — ^C included — is read between slices and the event loop is never blocked longer
// than one slice.
import { createRequire } from 'node:module';
import type { Socket } from 'node:net';
import { parseU64 } from '../bits/bits.ts';
import { encodePacket, RspReader } from '../machine/gdb/rsp-framing.ts';
import { GdbStub, type MonitorCommand } from '../machine/gdb/stub.ts';
import type { VirtMachine } from '../machine/virt.ts';
import { ACC_EXEC, ACC_READ, ACC_WRITE } from '../mmu/result.ts';
import { explainWalk, tlbLines } from './walk-report.ts';

const ACCESS = { read: ACC_READ, write: ACC_WRITE, exec: ACC_EXEC } as const;

/** `monitor walk VA [read|write|exec] [EL]` (the report of `twostage walk`, on the CPU as it is) and `monitor tlb`. */
function monitorCommands(machine: VirtMachine): Record<string, MonitorCommand> {
  const cpu = machine.cpu;
  const walkUsage = 'walk VA [read|write|exec] [EL]';
  return {
    walk: {
      usage: walkUsage,
      run: ([va, acc = 'read', el = String(cpu.el)]) => {
        const addr = va === undefined ? undefined : parseU64(/^0x/i.test(va) ? va : `0x${va}`); // hex, as gdb's monitor xp
        const access = Object.hasOwn(ACCESS, acc) ? ACCESS[acc as keyof typeof ACCESS] : undefined;
        const level = /^[0-2]$/.test(el) ? Number(el) : undefined;
        if (addr === undefined || access === undefined || level === undefined) return `usage: monitor ${walkUsage}   (VA in hex; EL 0-2, default the current one)\n`;
        return explainWalk(cpu, addr, access, level).join('\n') + '\n';
      },
    },
    tlb: { usage: 'tlb', run: () => tlbLines(cpu).join('\n') + '\n' },
  };
}

/** The port of `tcp::PORT` (or `tcp:HOST:PORT`, host ignored: the stub listens on 127.0.0.1), or why not. */
export function parseGdbAddress(spec: string): number | string {
  const m = /^tcp:[^:]*:(\d{1,5})$/.exec(spec);
  const port = m === null ? NaN : Number(m[1]);
  if (!(port > 0 && port < 65536)) return `--gdb: expected tcp::PORT with PORT 1–65535, not '${spec}'`;
  return port;
}

/**
 * Serve one gdb session on `port`; resolves with the guest's exit code (null when the debugger killed or detached
 * from a target that had not exited). `log` gets one line per lifecycle event.
 */
export function serveGdb(machine: VirtMachine, port: number, waitFirst: boolean, onOutput: (out: Uint8Array, err: Uint8Array) => void, log: (line: string) => void): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const stub = new GdbStub(machine, onOutput, monitorCommands(machine));
    // node:net is loaded when a debugger is served: loading it at start-up cost every `boot` ≈ 2 ms
    const server = (createRequire(import.meta.url)('node:net') as typeof import('node:net')).createServer();
    let exitCode: number | null = null;
    let done = false;
    const finish = (sock?: Socket): void => {
      if (done) return;
      done = true;
      sock?.end();
      server.close();
      resolve(exitCode);
    };
    server.on('error', (e) => reject(e));
    server.maxConnections = 1;
    let connected = false;
    // without -S the target runs until the debugger connects (QEMU stops the VM when gdb attaches)
    const runUnattached = (): void => {
      if (connected || done) return;
      const stop = stub.runFree();
      if (stop === undefined) setImmediate(runUnattached);
      else if (stop[0] === 'W') {
        exitCode = parseInt(stop.slice(1), 16);
        finish();
      } else {
        log(`twostage: the target stopped before gdb attached (${stop})`);
      }
    };
    server.listen(port, '127.0.0.1', () => {
      log(`twostage: ${waitFirst ? 'waiting' : 'listening'} for gdb on tcp::${port}`);
      if (!waitFirst) setImmediate(runUnattached);
    });
    server.on('connection', (sock) => {
      if (connected) {
        sock.destroy(); // one debugger at a time
        return;
      }
      connected = true;
      const reader = new RspReader();
      let running: 'continue' | 'step' | null = null;
      let first = false;
      let noAck = false;
      const send = (body: string): void => {
        sock.write(encodePacket(body), 'latin1');
      };
      const slice = (): void => {
        if (running === null || done) return;
        const stop = stub.runSlice(running, first);
        first = false;
        if (stop === undefined) {
          setImmediate(slice);
          return;
        }
        running = null;
        send(stop);
        if (stop[0] === 'W') {
          exitCode = parseInt(stop.slice(1), 16);
        }
      };
      sock.on('data', (data: Buffer) => {
        for (const ev of reader.feed(data)) {
          if (ev.kind === 'interrupt') {
            if (running !== null) stub.interrupt();
            continue;
          }
          if (ev.kind === 'bad') {
            if (!noAck) sock.write('-');
            continue;
          }
          if (ev.kind !== 'packet') continue;
          if (!noAck) sock.write('+');
          if (running !== null) continue; // only ^C is meaningful while the target runs
          const action = stub.handle(ev.body);
          if ('kill' in action) return finish(sock);
          if ('resume' in action) {
            running = action.resume;
            first = true;
            setImmediate(slice);
            continue;
          }
          send(action.reply);
          if (ev.body === 'QStartNoAckMode') noAck = true;
          if (ev.body[0] === 'D') return finish(sock);
        }
      });
      sock.on('close', () => finish());
      sock.on('error', () => finish());
    });
  });
}
