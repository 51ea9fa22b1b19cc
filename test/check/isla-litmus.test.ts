// isla's system litmus tests through the herd runner (src/check/isla-litmus.ts → src/check/litmus-run.ts), on tests
// written here in isla's format; the public suite itself is scored by `npm run test:litmus-isla`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { islaAsLitmus } from '../../src/check/isla-litmus.ts';
import { readIsla } from '../../src/check/isla-reader.ts';
import { runLitmus } from '../../src/check/litmus-run.ts';

/** The parts of a single-thread isla test; `islaText` writes them in isla's TOML format. */
interface IslaParts {
  readonly symbolic: readonly string[];
  readonly setup: readonly string[];
  readonly code: readonly string[];
  readonly reset: Readonly<Record<string, string>>;
  readonly sections: Readonly<Record<string, { readonly address: number; readonly code: readonly string[] }>>;
  readonly assertion: string;
}

function islaText(name: string, p: IslaParts): string {
  const body = (lines: readonly string[]) => `"""\n${lines.map((l) => `    ${l}\n`).join('')}"""`;
  return [
    'arch = "AArch64"', `name = "${name}"`, `symbolic = [${p.symbolic.map((s) => `"${s}"`).join(', ')}]`, '',
    `page_table_setup = ${body(p.setup.map((l) => `${l};`))}`, '',
    '[thread.0]', 'init = {}', `code = ${body(p.code)}`, '',
    '[thread.0.reset]', ...Object.entries(p.reset).map(([k, v]) => `${k.includes('.') ? `"${k}"` : k} = "${v}"`), '',
    ...Object.entries(p.sections).flatMap(([s, h]) => [`[section.${s}]`, `address = "0x${h.address.toString(16)}"`, `code = ${body(h.code)}`, '']),
    '[final]', `assertion = "${p.assertion}"`, '',
  ].join('\n');
}

/** Run `p` through the explorer (at most 5,000 choice sequences). */
function explore(name: string, p: IslaParts) {
  const { test: t, options } = islaAsLitmus(readIsla(islaText(name, p), `${name}.litmus.toml`));
  return runLitmus(t, { ...options, maxRuns: 5000 });
}

/** A handler body that steps over the faulting instruction after `first` (ELR_ELx + 4) and returns. */
const stepOver = (el: 1 | 2, first: readonly string[]): string[] => [...first, `MRS X20,ELR_EL${el}`, 'ADD X20,X20,#4', `MSR ELR_EL${el},X20`, 'ERET'];
/** Lines of `between` (a maintenance sequence), one instruction each. */
const lines = (between: string): string[] => between.split(';').map((l) => l.trim()).filter((l) => l !== '');

/** A thread at EL0 that makes x valid (mapping y's page) with `between` after the store, then loads through x; the
 *  handler leaves X2 at 0 when the load faults. */
const remapThenLoad = (between: string, r0 = 'desc3(y, page_table_base)', access = 'LDR X2,[X3]'): IslaParts => ({
  symbolic: ['x', 'y'],
  setup: ['physical pa1', 'x |-> invalid', 'x ?-> pa1', 'y |-> pa1', '*y = 5', 'identity 0x1000 with code'],
  code: ['STR X0,[X1]', ...lines(between), access],
  reset: { R0: r0, R1: 'pte3(x, page_table_base)', R3: 'x', VBAR_EL1: 'extz(0x1000, 64)' },
  sections: { thread0_el1_handler: { address: 0x1400, code: stepOver(1, ['MOV X2,#0']) } },
  assertion: '0:X2 = 0',
});

test('isla at EL0: `*y = v` of a virtual address initialises the page it maps; the walk sees the new entry only after DSB + ISB', () => {
  const plain = explore('remap-then-load', remapThenLoad(''));
  assert.ok(plain.complete, plain.bound);
  assert.equal(plain.verdict, 'Allowed'); // no DSB: the walk may still read the invalid entry
  const loaded = plain.outcomes.map((o) => o.regs[2]).sort();
  assert.deepEqual(loaded, [0n, 5n]); // 5: y's page, initialised through y
  const synced = explore('remap-then-load', remapThenLoad('DSB SY; ISB'));
  assert.ok(synced.complete, synced.bound);
  assert.equal(synced.verdict, 'Forbidden');
  assert.deepEqual(synced.outcomes.map((o) => o.regs[2]), [5n]);
});

test('isla at EL0: the identity-mapped code and tables are one block each, so a two-access test explores a few dozen states', () => {
  // mapped page by page, every code and table page was a speculative fill of its own and this reached 5,000 runs
  const r = explore('remap-then-load', remapThenLoad('DMB SY'));
  assert.ok(r.complete, r.bound);
  assert.ok(r.states < 200, `${r.states} states`);
});

test('isla: mkdesc3(oa=…, AP=0b11) is a read-only descriptor: a store through it faults even after DSB + ISB', () => {
  const r = explore('remap-then-store', remapThenLoad('DSB SY; ISB', 'mkdesc3(oa=pa1, AP=0b11)', 'STR X0,[X3]'));
  assert.ok(r.complete, r.bound);
  assert.ok(r.outcomes.every((o) => o.faults.some((f) => f.name === 'x' && f.type === 'MMU:Permission')), JSON.stringify(r.outcomes.map((o) => o.faults)));
});

/** A thread at EL2 that invalidates ipa1's stage-2 entry with `maintenance` after the store, ERETs to EL1h and loads
 *  through x (→ ipa1 → pa1); the EL2 handler sets X2 to 1 on the stage-2 fault and ends the thread. */
const unmapIpa = (maintenance: string): IslaParts => ({
  symbolic: ['x'],
  setup: ['physical pa1', 'intermediate ipa1', 'x |-> ipa1', 'ipa1 |-> pa1', 'ipa1 ?-> invalid', '*pa1 = 9', 'identity 0x2000 with code'],
  code: ['STR X0,[X1]', 'DSB SY', ...lines(maintenance), 'ERET', 'L0:', 'LDR X2,[X3]'],
  reset: {
    R0: 'extz(0x0, 64)', R1: 'pte3(ipa1, s2_page_table_base)', R3: 'x', R4: 'extz(page(ipa1), 64)', VBAR_EL2: 'extz(0x2000, 64)',
    'PSTATE.EL': '0b10', SPSR_EL2: 'extz(0b00101, 64)', ELR_EL2: 'L0:',
  },
  sections: { thread0_el2_handler: { address: 0x2400, code: ['MOV X2,#1'] } },
  assertion: '0:X2 = 9',
});

test('isla at EL2 with stage 2: a stage-2 entry made invalid is still used until TLBI IPAS2E1 + TLBI VMALLE1 (or VMALLS12E1) and the ERET', () => {
  const none = explore('unmap-ipa', unmapIpa(''));
  assert.ok(none.complete, none.bound);
  assert.equal(none.verdict, 'Allowed'); // a combined entry cached while ipa1 was valid serves the load
  assert.deepEqual(none.outcomes.map((o) => o.regs[2]).sort(), [1n, 9n]);
  assert.deepEqual(none.outcomes.find((o) => o.regs[2] === 1n)?.faults.map((f) => [f.name, f.type]), [['x', 'MMU:Translation']]);
  // the stage-2-only invalidation leaves the combined stage 1+2 entries (ARM §D8.17.6.1)
  assert.equal(explore('unmap-ipa', unmapIpa('TLBI IPAS2E1,X4; DSB SY')).verdict, 'Allowed');
  assert.equal(explore('unmap-ipa', unmapIpa('TLBI IPAS2E1,X4; DSB SY; TLBI VMALLE1; DSB SY')).verdict, 'Forbidden');
  assert.equal(explore('unmap-ipa', unmapIpa('TLBI VMALLS12E1; DSB SY')).verdict, 'Forbidden');
});

/** A thread at EL1 that makes x valid with `between` after the store, ERETs to EL0 and stores 3 through x; the
 *  assertion asks whether pa1 kept 0 (the store faulted and the handler skipped it). */
const mapThenEret = (between: string): IslaParts => ({
  symbolic: ['x', 'y'],
  setup: ['physical pa1', 'x |-> invalid', 'x ?-> pa1', 'y |-> pa1', '*pa1 = 0', 'identity 0x1000 with code'],
  code: ['STR X0,[X1]', ...lines(between), 'ERET', 'L0:', 'STR X2,[X3]'],
  reset: {
    R0: 'desc3(y, page_table_base)', R1: 'pte3(x, page_table_base)', R2: 'extz(0x3, 64)', R3: 'x', VBAR_EL1: 'extz(0x1000, 64)',
    'PSTATE.EL': '0b01', SPSR_EL1: 'extz(0b00000, 64)', ELR_EL1: 'L0:',
  },
  sections: { thread0_el1_handler: { address: 0x1400, code: stepOver(1, []) } },
  assertion: '*pa1 = 0',
});

test('isla at EL1: SPSR_EL1/ELR_EL1 and the thread\'s own ERET to EL0; memory in the final assertion', () => {
  const plain = explore('map-then-eret', mapThenEret(''));
  assert.ok(plain.complete, plain.bound);
  assert.equal(plain.verdict, 'Allowed'); // the ERET synchronizes, but without a DSB the walk may miss the store
  assert.deepEqual(plain.outcomes.map((o) => o.mem.get('y')).sort(), [0n, 3n]);
  assert.equal(explore('map-then-eret', mapThenEret('DSB SY')).verdict, 'Forbidden');
});

/** A thread at EL0 that makes x valid with `between` after the store, then calls EL1 with an SVC whose handler loads
 *  through x (keeping its ELR_EL1 across that load); a fault there is taken by the other EL1 handler (current EL,
 *  SP_ELx), which sets X2 to 0. */
const mapThenSvc = (between: string): IslaParts => ({
  symbolic: ['x', 'y'],
  setup: ['physical pa1', 'x |-> invalid', 'x ?-> pa1', 'y |-> pa1', '*y = 4', 'identity 0x1000 with code'],
  code: ['STR X0,[X1]', ...lines(between), 'SVC #0x0'],
  reset: { R0: 'desc3(y, page_table_base)', R1: 'pte3(x, page_table_base)', R3: 'x', VBAR_EL1: 'extz(0x1000, 64)' },
  sections: {
    thread0_el1_handler_same_exc: { address: 0x1200, code: stepOver(1, ['MOV X2,#0']) },
    thread0_el1_handler_lower_exc: { address: 0x1400, code: ['MRS X10,ELR_EL1', 'LDR X2,[X3]', 'MSR ELR_EL1,X10', 'ERET'] },
  },
  assertion: '0:X2 = 0',
});

test('isla: an SVC is a call its EL1 handler serves, not a fault; a fault in that handler goes to the current-EL vector', () => {
  const plain = explore('map-then-svc', mapThenSvc(''));
  assert.ok(plain.complete, plain.bound);
  assert.equal(plain.verdict, 'Allowed');
  assert.deepEqual(plain.outcomes.map((o) => o.regs[2]).sort(), [0n, 4n]);
  assert.deepEqual(plain.outcomes.find((o) => o.regs[2] === 0n)?.faults.map((f) => [f.name, f.type]), [['x', 'MMU:Translation']]);
  assert.equal(explore('map-then-svc', mapThenSvc('DSB SY')).verdict, 'Forbidden'); // the SVC's exception entry synchronizes after the DSB
});

/** A thread at EL1 (ASID 1 in TTBR0_EL1) that makes x invalid, TLBI ASIDE1 of ASID `asid`, ERETs to EL0 and loads. */
const unmapAsid = (asid: number): IslaParts => ({
  symbolic: ['x'],
  setup: ['physical pa1', 'x |-> pa1', 'x ?-> invalid', 'identity 0x1000 with code'],
  code: ['STR X0,[X1]', 'DSB SY', 'TLBI ASIDE1,X4', 'DSB SY', 'ERET', 'L0:', 'LDR X2,[X3]'],
  reset: {
    R0: 'extz(0x0, 64)', R1: 'pte3(x, page_table_base)', R3: 'x', R4: `asid(${asid})`, VBAR_EL1: 'extz(0x1000, 64)',
    TTBR0_EL1: 'ttbr(asid=0x1, base=page_table_base)', 'PSTATE.EL': '0b01', SPSR_EL1: 'extz(0b00000, 64)', ELR_EL1: 'L0:',
  },
  sections: { thread0_el1_handler: { address: 0x1400, code: stepOver(1, ['MOV X2,#1']) } },
  assertion: '0:X2 = 0',
});

test('isla: TTBR0_EL1 with an ASID, non-global entries, TLBI ASIDE1 of that ASID or another', () => {
  assert.equal(explore('unmap-asid', unmapAsid(1)).verdict, 'Forbidden'); // the entries x's walks cached carry ASID 1: removed
  assert.equal(explore('unmap-asid', unmapAsid(2)).verdict, 'Allowed'); // another ASID's: a cached entry for x survives
});

test('isla: a thread that loops (back to a state it has been in) is a bound reached, not a verdict', () => {
  // the SVC handler loses its ELR_EL1 to the nested fault: its ERET returns to itself for ever
  const looping: IslaParts = { ...mapThenSvc(''), sections: { ...mapThenSvc('').sections, thread0_el1_handler_lower_exc: { address: 0x1400, code: ['LDR X2,[X3]', 'ERET'] } } };
  const r = explore('map-then-svc-loop', looping);
  assert.equal(r.complete, false);
  assert.match(r.bound ?? '', /returned to a state it had been in .*P0 loops/);
});

/** A thread at EL1 that makes x's level-2 entry invalid (a table descriptor x and z share) with `maintenance` after the
 *  store, then loads through z; the handler sets X6 to 0 when the load faults. */
const unmapTable = (maintenance: string): IslaParts => ({
  symbolic: ['x', 'z'],
  setup: ['physical pa1 pa2', '*pa2 = 2', 'x |-> pa1', 'z |-> pa2', 'x ?-> invalid at level 2', 'identity 0x1000 with code'],
  code: ['MOV X2,#0', 'STR X2,[X1]', ...lines(maintenance), 'LDR X6,[X5]'],
  reset: { R1: 'pte2(x, page_table_base)', R5: 'z', VBAR_EL1: 'extz(0x1000, 64)', 'PSTATE.EL': '0b01', 'PSTATE.SP': '0b1' },
  sections: { thread0_el1_handler: { address: 0x1200, code: stepOver(1, ['MOV X6,#0']) } },
  assertion: '0:X6 = 2',
});

test('isla: pte2(x, page_table_base) is the level-2 entry on x\'s walk — made invalid, it unmaps z beside x too', () => {
  const broken = explore('unmap-table', unmapTable('DSB SY; TLBI VMALLE1; DSB SY; ISB'));
  assert.ok(broken.complete, broken.bound);
  assert.equal(broken.verdict, 'Forbidden'); // every cached entry gone, the walk of z stops at level 2
  assert.deepEqual(broken.outcomes.flatMap((o) => o.faults.map((f) => [f.name, f.type])), [['z', 'MMU:Translation']]);
  // a TLBI of x's page alone leaves z's cached translation (ARM §C5.5 TLBI VAE1: entries for that VA)
  const r = explore('unmap-table', { ...unmapTable('DSB SY; TLBI VAE1,X4; DSB SY; ISB'), reset: { ...unmapTable('').reset, R4: 'extz(page(x), 64)' } });
  assert.ok(r.complete, r.bound);
  assert.equal(r.verdict, 'Allowed');
});

/** IntermediateTLB's shape: x's level-2 entry (a table descriptor) made invalid, DSB, `maintenance`, then x's level-3
 *  entry made valid, DSB, ISB, and a load of x; the handler sets X6 to 0 when it faults. */
const breakTable = (maintenance: string): IslaParts => ({
  symbolic: ['x'],
  setup: ['physical pa1', '*pa1 = 1', 'x |-> invalid', 'x ?-> pa1', 'x ?-> invalid at level 2', 'identity 0x1000 with code'],
  code: ['MOV X2,#0', 'STR X2,[X1]', 'DSB SY', ...lines(maintenance), 'STR X4,[X3]', 'DSB SY', 'ISB', 'LDR X6,[X5]'],
  reset: {
    R1: 'pte2(x, page_table_base)', R3: 'pte3(x, page_table_base)', R4: 'mkdesc3(oa=pa1)', R5: 'x', R7: 'extz(page(x), 64)',
    VBAR_EL1: 'extz(0x1000, 64)', 'PSTATE.EL': '0b01', 'PSTATE.SP': '0b1',
  },
  sections: { thread0_el1_handler: { address: 0x1200, code: stepOver(1, ['MOV X6,#0']) } },
  assertion: '0:X6 = 1',
});

test('isla: the walk cache — a table descriptor cached while valid takes the load on to the new level-3 entry, until an all-levels TLBI', () => {
  // ARM §D8.16: a walk that ended in x's invalid level-3 entry still cached the valid level-2 one (R XCLRD)
  for (const [maintenance, verdict] of [['', 'Allowed'], ['TLBI VALE1,X7; DSB SY', 'Allowed'], ['TLBI VAE1,X7; DSB SY', 'Forbidden'], ['TLBI VMALLE1; DSB SY', 'Forbidden']] as const) {
    const r = explore('break-table', breakTable(maintenance));
    assert.ok(r.complete, r.bound);
    assert.equal(r.verdict, verdict, maintenance);
    // every run either reads pa1 through a cached level-2 descriptor or faults at level 2
    assert.ok(r.outcomes.every((o) => o.regs[6] === 1n || o.faults.some((f) => f.name === 'x' && f.type === 'MMU:Translation')), maintenance);
  }
});

/** A thread at EL1 whose x is a 2 MiB level-2 block: `maintenance`, then a load 4 KiB into the block; the handler sets
 *  X6 to 1 when it faults. */
const blockLoad = (maintenance: string): IslaParts => ({
  symbolic: ['x'],
  setup: ['physical pa1', 'aligned 2097152 virtual x', 'x |-> pa1 at level 2', 'x ?-> invalid at level 2', 'identity 0x1000 with code'],
  code: ['MOV X2,#0', 'MOV X6,#7', ...lines(maintenance), 'LDR X6,[X3,#0x1000]'],
  reset: { R1: 'pte2(x, page_table_base)', R3: 'x', R4: 'extz(page(x), 64)', VBAR_EL1: 'extz(0x1000, 64)', 'PSTATE.EL': '0b01', 'PSTATE.SP': '0b1' },
  sections: { thread0_el1_handler: { address: 0x1200, code: stepOver(1, ['MOV X6,#1']) } },
  assertion: '0:X6 = 0',
});

test('isla: `aligned 2097152 virtual x; x |-> pa1 at level 2` maps x by one block; a TLBI of x\'s page removes the whole block', () => {
  // the block maps x + 0x1000 (memory 0): the load never faults
  const mapped = explore('block-load', blockLoad(''));
  assert.ok(mapped.complete, mapped.bound);
  assert.deepEqual(mapped.outcomes.map((o) => [o.regs[6], o.faults.length]), [[0n, 0]]);
  // the block entry made invalid: x + 0x1000's translation goes with x's TLBI (one TLB entry), the load faults
  const broken = explore('block-load', blockLoad('STR X2,[X1]; DSB SY; TLBI VAE1,X4; DSB SY; ISB'));
  assert.ok(broken.complete, broken.bound);
  assert.equal(broken.verdict, 'Forbidden');
  // without the TLBI the cached block may still serve it
  assert.equal(explore('block-load', blockLoad('STR X2,[X1]; DSB SY; ISB')).verdict, 'Allowed');
  // the block descriptor is x's entry: its attributes are the mapping's (read-only: a store into the block faults)
  const ro = blockLoad('');
  const stored = explore('block-store', { ...ro, setup: ro.setup.map((l) => (l.endsWith('at level 2') && l.includes('pa1') ? `${l} with [AP = 0b11] and default` : l)), code: ['MOV X6,#0', 'STR X6,[X3,#0x1000]'] });
  assert.deepEqual(stored.outcomes.map((o) => [o.regs[6], o.faults.map((f) => [f.name, f.type])]), [[1n, [['x', 'MMU:Permission']]]]);
});

test('isla: what the runner cannot set up at a level is named: an invalid level-2 entry at the start, an alignment other than a block\'s', () => {
  const setUp = (setup: string[]) => () => islaAsLitmus(readIsla(islaText('levels', { ...blockLoad(''), setup }), 'levels.litmus.toml'));
  assert.throws(setUp(['physical pa1', 'aligned 4096 virtual x', 'x |-> pa1', 'identity 0x1000 with code']), /aligned 4096 virtual \(only `aligned 2097152 virtual`/);
  assert.throws(setUp(['physical pa1', 'aligned 2097152 virtual x', 'x |-> pa1', 'identity 0x1000 with code']), /x is declared aligned but not mapped at level 2/);
  assert.throws(setUp(['physical pa1', 'x |-> pa1 at level 2', 'identity 0x1000 with code']), /x \|-> pa1 at level 2 \(only a 2 MiB-aligned/);
});

/** A thread at EL1 that runs `code` with X1 = the level-3 entry of the code page at VBAR_EL1 (isla's `identity 0x1000
 *  with code`), then calls its SVC handler, which sets X5 to 1. */
const vectorEntry = (code: readonly string[]): IslaParts => ({
  symbolic: ['x'],
  setup: ['physical pa1', 'x |-> pa1', 'identity 0x1000 with code'],
  code: [...code, 'SVC #0'],
  reset: { R0: 'extz(0b10, 64)', R1: 'pte3(0x1000, page_table_base)', VBAR_EL1: 'extz(0x1000, 64)', 'PSTATE.EL': '0b01', 'PSTATE.SP': '0b1' },
  sections: { thread0_el1_handler: { address: 0x1200, code: ['MOV X5,#1', 'ERET'] } },
  assertion: '0:X5 = 1',
});

test('isla: pte3(0x1000, page_table_base) of the code page at VBAR_EL1 is the level-3 entry the vectors are fetched through', () => {
  const r = explore('vector-entry', vectorEntry(['LDR X2,[X1]']));
  assert.ok(r.complete, r.bound);
  const [o] = r.outcomes;
  assert.equal(r.outcomes.length, 1);
  // a level-3 page (bits[1:0] = 0b11) read-only at EL1 and EL0 (AP = 0b11, isla's `with code`) to the vectors' page
  assert.equal(o!.regs[2]! & 0xc3n, 0xc3n);
  assert.equal(o!.regs[2]! & 0xffff_ffff_f000n, 0x4000_8000n);
  assert.equal(o!.regs[5], 1n); // the SVC's handler ran through it
  // made invalid, and the TLB cleaned: the exception entry's fetch at the vector faults, again and again
  const unmapped = explore('vector-entry', vectorEntry(['STR X0,[X1]', 'DSB SY', 'TLBI VMALLE1', 'DSB SY', 'ISB']));
  assert.equal(unmapped.complete, false);
  assert.match(unmapped.bound ?? '', /P0 loops/);
});

test('isla: pte3 of a code page is set up only for VBAR_EL1\'s page', () => {
  const parts = vectorEntry([]);
  assert.throws(() => islaAsLitmus(readIsla(islaText('other-page', { ...parts, reset: { ...parts.reset, R1: 'pte3(0x3000, page_table_base)' } }), 'o.litmus.toml')), /pte3\(0x3000\): not a page `identity … with code` maps/);
  const other = { ...parts, setup: [...parts.setup, 'identity 0x3000 with code'], reset: { ...parts.reset, R1: 'pte3(0x3000, page_table_base)' } };
  assert.throws(() => islaAsLitmus(readIsla(islaText('other-page', other), 'o.litmus.toml')), /pte3\(0x3000\): only the entry of VBAR_EL1's page/);
});

/** A thread at EL1 on tree a (x → pa1 = 5) that switches TTBR0_EL1 to tree b (x → pa2 = 7) with ASID `asid`, then
 *  loads x. */
const switchTree = (asid: number, extra: readonly string[] = []): IslaParts => ({
  symbolic: ['x'],
  setup: ['physical pa1 pa2', '*pa1 = 5', '*pa2 = 7', ...extra, 's1table a 0x2C0000 { identity 0x1000 with code; x |-> pa1; }', 's1table b 0x300000 { identity 0x1000 with code; x |-> pa2; }', 'identity 0x1000 with code'],
  code: ['MSR TTBR0_EL1,X0', 'ISB', 'LDR X1,[X2]'],
  reset: { R0: `ttbr(asid=${asid}, base=b)`, R2: 'x', TTBR0_EL1: 'ttbr(asid=0, base=a)', VBAR_EL1: 'extz(0x1000, 64)', 'PSTATE.EL': '0b01', 'PSTATE.SP': '0b1' },
  sections: {},
  assertion: '0:X1 = 5',
});

test('isla: s1table blocks beside the default tables are further stage-1 trees; ttbr(asid=…, base=TREE) is one\'s root', () => {
  const other = explore('switch-tree', switchTree(1));
  assert.ok(other.complete, other.bound);
  assert.deepEqual(other.outcomes.map((o) => o.regs[1]), [7n]); // ASID 1: tree a's entries (ASID 0) never match
  const same = explore('switch-tree', switchTree(0));
  assert.ok(same.complete, same.bound);
  assert.deepEqual(same.outcomes.map((o) => o.regs[1]).sort(), [5n, 7n]); // ASID 0 again: tree a's cached entry may serve
  // with stage 2 on (an intermediate address declared), a physical page a virtual address maps is mapped by stage 2 too
  const s2 = explore('switch-tree-s2', switchTree(1, ['intermediate ipa1']));
  assert.deepEqual(s2.outcomes.map((o) => o.regs[1]), [7n]);
});

/** A thread at EL1 whose x's level-2 entry in the default tables is invalid at the start; `code` may point it at tree t's
 *  level-3 table (x → pa1 = 3 there; x → pa2 = 4 in the default tables' unreachable level-3 table), then x is loaded;
 *  the handler sets X6 to 1 on a fault. */
const relink = (code: readonly string[], table = '0x283000'): IslaParts => ({
  symbolic: ['x'],
  setup: ['physical pa1 pa2', '*pa1 = 3', '*pa2 = 4', 's1table t 0x280000 { x |-> pa1; }', 'x |-> pa2', 'x |-> invalid at level 2', 'identity 0x1000 with code'],
  code: [...code, 'LDR X6,[X5]'],
  reset: { R1: 'pte2(x, page_table_base)', R4: `mkdesc2(table=extz(${table}, 64))`, R5: 'x', VBAR_EL1: 'extz(0x1000, 64)', 'PSTATE.EL': '0b01', 'PSTATE.SP': '0b1' },
  sections: { thread0_el1_handler: { address: 0x1200, code: stepOver(1, ['MOV X6,#1']) } },
  assertion: '0:X6 = 3',
});

test('isla: `x |-> invalid at level 2` and mkdesc2(table=…) of an s1table\'s level-3 table (isla\'s table addresses)', () => {
  const cut = explore('relink', relink([]));
  assert.ok(cut.complete, cut.bound);
  assert.deepEqual(cut.outcomes.map((o) => o.regs[6]), [1n]); // the level-2 entry is invalid: the load faults
  const linked = explore('relink', relink(['STR X4,[X1]', 'DSB SY', 'ISB']));
  assert.ok(linked.complete, linked.bound);
  assert.deepEqual(linked.outcomes.map((o) => o.regs[6]), [3n]); // through t's level-3 table: pa1
  // t's tables: level 0 at 0x280000, then 1, 2, 3 for x's walk; 0x282000 is its level-2 table
  assert.throws(() => islaAsLitmus(readIsla(islaText('relink', relink([], '0x282000')), 'r.litmus.toml')), /mkdesc2\(table=0x282000\): not a level-3 table of an s1table block/);
});

/** `option default_tables = false`, a thread at EL2 on its own map hyp (x → pa1 = 6): `code`, then a load of x; the
 *  handler sets X2 to 1 on a fault and ends the thread. */
const ownEl2 = (code: readonly string[]): IslaParts => ({
  symbolic: ['x'],
  setup: ['option default_tables = false', 'physical pa1', 's1table hyp 0x200000 { x |-> pa1; identity 0x1000 with code; }', '*pa1 = 6'],
  code: [...code, 'LDR X2,[X3]'],
  reset: { R1: 'pte3(x, hyp)', R3: 'x', VBAR_EL2: 'extz(0x1000, 64)', TTBR0_EL2: 'ttbr(asid=0x0, base=hyp)', 'PSTATE.EL': '0b10', 'PSTATE.SP': '0b1' },
  sections: { thread0_el2_handler: { address: 0x1200, code: ['MOV X2,#1'] } },
  assertion: '0:X2 = 6',
});

test('isla: default_tables = false — TTBR0_EL2\'s set is an EL2 stage-1 tree, filled speculatively while EL2 runs', () => {
  const plain = explore('own-el2', ownEl2([]));
  assert.ok(plain.complete, plain.bound);
  assert.deepEqual(plain.outcomes.map((o) => o.regs[2]), [6n]); // through hyp: x → pa1
  const unmapped = explore('own-el2', ownEl2(['STR XZR,[X1]', 'DSB SY', 'TLBI ALLE2', 'DSB SY', 'ISB']));
  assert.ok(unmapped.complete, unmapped.bound);
  assert.equal(unmapped.verdict, 'Forbidden');
  // no TLBI: an entry cached while x was valid (the EL2 regime is in context at EL2) may still serve the load
  assert.equal(explore('own-el2', ownEl2(['STR XZR,[X1]', 'DSB SY', 'ISB'])).verdict, 'Allowed');
});

test('isla: default_tables = false — VTTBR_EL2\'s set is the stage-2 tree, the s1table inside it TTBR0_EL1\'s stage-1 tree', () => {
  const parts: IslaParts = {
    symbolic: ['x'],
    setup: [
      'option default_tables = false', 'physical pa1', 'intermediate ipa1', '*pa1 = 9',
      's2table vm 0x260000 { ipa1 |-> pa1; s1table host 0x2C0000 { x |-> ipa1; } }', 's1table hyp 0x200000 { s2table vm; identity 0x1000 with code; }',
    ],
    code: ['LDR X2,[X3]'],
    reset: { R3: 'x', VBAR_EL2: 'extz(0x1000, 64)', TTBR0_EL1: 'ttbr(asid=0x0, base=host)', VTTBR_EL2: 'ttbr(vmid=0x1, base=vm)', TTBR0_EL2: 'ttbr(asid=0x0, base=hyp)', 'PSTATE.EL': '0b01' },
    sections: {},
    assertion: '0:X2 = 9',
  };
  const r = explore('own-vm', parts);
  assert.ok(r.complete, r.bound);
  assert.deepEqual(r.outcomes.map((o) => [o.regs[2], o.faults.length]), [[9n, 0]]); // x → ipa1 → pa1
  const noEl2 = { ...parts, reset: Object.fromEntries(Object.entries(parts.reset).filter(([k]) => k !== 'TTBR0_EL2')) };
  assert.throws(() => islaAsLitmus(readIsla(islaText('own-vm', noEl2), 'o.litmus.toml')), /default_tables = false without TTBR0_EL2/);
});

test('isla: default_tables = false details — TTBR1_EL1 checked (no TTBR1 range in either), a VTTBR_EL2 with a number as base, and what isla itself would reject or its solver decide', () => {
  const base: IslaParts = {
    symbolic: ['x'],
    setup: ['option default_tables = false', 'physical pa1', 'intermediate ipa1', 's2table vm 0x260000 { ipa1 |-> pa1; s1table host 0x2C0000 { x |-> ipa1; } }', 's1table hyp 0x200000 { identity 0x1000 with code; }'],
    code: ['LDR X2,[X3]'],
    reset: { R3: 'x', R4: 'ttbr(vmid=0x1, base=extz(0b0, 64))', TTBR0_EL1: 'ttbr(asid=0x0, base=host)', TTBR1_EL1: 'ttbr(asid=0x0, base=host)', VTTBR_EL2: 'ttbr(vmid=0x1, base=vm)', TTBR0_EL2: 'ttbr(asid=0x0, base=hyp)', 'PSTATE.EL': '0b01' },
    sections: {},
    assertion: '0:X2 = 0',
  };
  const set = (p: IslaParts) => islaAsLitmus(readIsla(islaText('own', p), 'o.litmus.toml'));
  const r4 = set(base).test.init.find((i) => i.location.kind === 'reg' && i.location.reg === 'X4');
  assert.deepEqual(r4?.value, { kind: 'int', value: 1n << 48n }); // VMID 1 over table address 0
  assert.throws(() => set({ ...base, reset: { ...base.reset, TTBR1_EL1: 'extz(0x0, 64)' } }), /TTBR1_EL1: expected ttbr/);
  assert.throws(() => set({ ...base, setup: base.setup.map((l) => l.replace('ipa1 |-> pa1;', 'ipa1 |-> pa1 with [AP=0b00] and default;')) }), /not stage-2 attributes — isla itself rejects/);
  assert.throws(() => set({ ...base, reset: { ...base.reset, R5: 'pte3(x, vm)' } }), /a virtual address walked in the stage-2 set as an IPA/);
  assert.throws(() => set({ ...base, reset: { ...base.reset, R5: 'mkdesc2(oa=pa1)' } }), /mkdesc2\(oa=…\): a level-2 block/);
});

test('isla: default_tables = false — an s2table VTTBR_EL2 does not name at the start is a further stage-2 tree (another VM)', () => {
  // VM 1: x → ipa1 → pa1 (3); VM 2: x → ipa2 → pa2 (4), switched to by the thread at EL2 before its ERET
  const parts: IslaParts = {
    symbolic: ['x'],
    setup: [
      'option default_tables = false', 'physical pa1 pa2', 'intermediate ipa1 ipa2', '*pa1 = 3', '*pa2 = 4',
      's2table vm1 0x240000 { ipa1 |-> pa1; ipa2 |-> invalid; s1table s1a 0x260000 { x |-> ipa1; } }',
      's2table vm2 0x280000 { ipa1 |-> invalid; ipa2 |-> pa2; s1table s1b 0x2C0000 { x |-> ipa2; } }',
      's1table hyp 0x200000 { identity 0x1000 with code; }',
    ],
    code: ['MSR TTBR0_EL1,X0', 'MSR VTTBR_EL2,X1', 'ERET', 'L0:', 'LDR X2,[X3]'],
    reset: {
      R0: 'ttbr(asid=0x0, base=s1b)', R1: 'ttbr(vmid=0x2, base=vm2)', R3: 'x', VBAR_EL2: 'extz(0x1000, 64)', TTBR0_EL2: 'ttbr(asid=0x0, base=hyp)',
      TTBR0_EL1: 'ttbr(asid=0x0, base=s1a)', VTTBR_EL2: 'ttbr(vmid=0x1, base=vm1)', 'PSTATE.EL': '0b10', SPSR_EL2: 'extz(0b00101, 64)', ELR_EL2: 'L0:',
    },
    sections: {},
    assertion: '0:X2 = 4',
  };
  const r = explore('two-vms', parts);
  assert.ok(r.complete, r.bound);
  assert.deepEqual(r.outcomes.map((o) => [o.regs[2], o.faults.length]), [[4n, 0]]); // VMID 2: VM 1's entries never match
});
