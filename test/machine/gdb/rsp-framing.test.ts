// RSP framing: packets as GDB sends them, in any split; checksums; escapes; and hostile byte streams (noise,
// wrong checksums, endless packets) that must produce a `bad` event and leave the reader ready, never throw
// or grow without bound.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { encodePacket, MAX_PACKET, RspReader, unescapeBinary, type RspEvent } from '../../../src/machine/gdb/rsp-framing.ts';

const bytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));
const latin1 = (b: Uint8Array): string => String.fromCharCode(...b);

test('packets GDB sends: $?#3f, $g#67, $c#63 (checksum = sum of the body bytes mod 256)', () => {
  const r = new RspReader();
  assert.deepEqual(r.feed(bytes('+$?#3f$g#67$c#63')), [
    { kind: 'ack' },
    { kind: 'packet', body: '?' },
    { kind: 'packet', body: 'g' },
    { kind: 'packet', body: 'c' },
  ]);
  assert.equal(encodePacket('OK'), '$OK#9a');
  assert.equal(encodePacket(''), '$#00');
});

test('any body, escaped by encodePacket and split anywhere, reads back byte for byte', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat(), { maxLength: 8 }), (body, cuts) => {
      const wire = bytes(encodePacket(latin1(body)));
      const r = new RspReader();
      const events: RspEvent[] = [];
      let at = 0;
      for (const c of [...cuts.map((x) => x % (wire.length + 1))].sort((a, b) => a - b)) {
        events.push(...r.feed(wire.subarray(at, c)));
        at = c;
      }
      events.push(...r.feed(wire.subarray(at)));
      assert.equal(events.length, 1);
      const e = events[0]!;
      assert.equal(e.kind, 'packet');
      assert.deepEqual(unescapeBinary(e.kind === 'packet' ? e.body : ''), body);
    }),
  );
});

test('a wrong checksum, a non-hex checksum, a restarted packet: one bad event each, then the next packet reads', () => {
  const r = new RspReader();
  assert.deepEqual(r.feed(bytes('$g#68$g#zz$qSupp$g#67')), [
    { kind: 'bad', why: 'checksum 68 should be 67' },
    { kind: 'bad', why: 'checksum is not two hex digits' },
    { kind: 'bad', why: 'packet restarted before its checksum' },
    { kind: 'packet', body: 'g' },
  ]);
});

test('a packet longer than MAX_PACKET is dropped with its reason (memory stays bounded)', () => {
  const r = new RspReader();
  const huge = new Uint8Array(MAX_PACKET * 64).fill(0x41);
  const events = [...r.feed(bytes('$M0,ffffffffffffffff:')), ...r.feed(huge), ...r.feed(bytes('#00$g#67'))];
  assert.deepEqual(events, [{ kind: 'bad', why: `packet longer than ${MAX_PACKET} bytes` }, { kind: 'packet', body: 'g' }]);
});

test('random byte streams never throw; ^C ^C then a packet always resynchronises', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), (noise) => {
      const r = new RspReader();
      for (const e of r.feed(noise)) assert.ok(['packet', 'interrupt', 'ack', 'nack', 'bad'].includes(e.kind));
      const tail = r.feed(bytes('\x03\x03$g#67'));
      assert.deepEqual(tail[tail.length - 1], { kind: 'packet', body: 'g' });
    }),
    { numRuns: 300 },
  );
});

test('unescapeBinary: }] is ], a trailing } is malformed', () => {
  assert.deepEqual(unescapeBinary('a}]b'), bytes('a}b'));
  assert.deepEqual(unescapeBinary('}\x03'), bytes('#'));
  assert.equal(unescapeBinary('ab}'), undefined);
});
