// Issue 17: the emulated devices are per context, and the run-time leak check covers them (src/hyp/device-view.ts).
// A writer VM gives its emulated PL011's UARTIBRD and its distributor's priority of INTID 40 distinctive values,
// makes INTID 40 pending (disabled: it stays in its latch) and INTID 41 active; a reader VM, after it, enables INTID
// 40, reads the two registers, GICD_ISPENDR1 and GICD_ISACTIVER1, and writes its own UARTIBRD, which the writer then
// reads. The reference hypervisor gives each VM its own values and the reader no interrupt of the writer's; a
// hypervisor mutated to index the first VM's block — for UART accesses, for UART writes only, for the distributor, for
// the pending interrupts its entry puts in the list registers, for GICD_ISPENDR reads, for GICD_ISACTIVER reads — fails
// the registers verdict, naming the register, the value and the writer. With the run's input: another VM's receive
// side stays empty, and the input VM's holds the input in order and nothing else (a hypervisor that moves the input
// into another VM's FIFO, or loops another VM's transmitted byte into the input VM's, is caught).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { assemble } from '../../src/asm/assemble.ts';
import { ASM_DIR, buildImage } from '../../src/hyp/image.ts';
import { runImage, type RunReport } from '../../src/hyp/run.ts';
import { parseScenario } from '../../src/hyp/scenario.ts';
import { seen } from './mmio-guest.ts';

const DIR = mkdtempSync(join(tmpdir(), 'devprov-'));
const EXIT = '    mov x0, #2\n    mov x1, #0\n    hvc #0\n';
const YIELD = '    mov x0, #0\n    hvc #0\n';
const LOG = '    mov x1, x4\n    mov x0, #3\n    hvc #0\n';
const HEAD = '    .text\n_start:\n    mov x9, #0x09000000       // the PL011\n    mov x10, #0x08000000      // the GIC distributor\n';

const WRITER = `${HEAD}    mov w1, #0x2b7
    str w1, [x9, #0x24]       // UARTIBRD
    mov w1, #0xa8
    strb w1, [x10, #0x428]    // GICD_IPRIORITYR, INTID 40
    mov w1, #0x100
    str w1, [x10, #0x204]     // GICD_ISPENDR1: INTID 40 pending (not enabled: it stays in the latch)
    mov w1, #0x200
    str w1, [x10, #0x304]     // GICD_ISACTIVER1: INTID 41 active
${YIELD}${YIELD}    ldr w4, [x9, #0x24]       // UARTIBRD, after the reader wrote its own
${LOG}    ldr w4, [x10, #0x204]     // GICD_ISPENDR1: its INTID 40
${LOG}    ldr w4, [x10, #0x304]     // GICD_ISACTIVER1: its INTID 41
${LOG}${EXIT}`;

/** An arm64 Image (booting.rst header: code0, text_offset, image_size, magic "ARM\x64" at 0x38) written to `name`.Image:
 *  a Linux VM, the kind whose virtual interface is enabled (GICH_HCR.En), so that its entries fill list registers. */
function writeLinuxImage(name: string, body: string): void {
  const img = assemble(`${name}.S`, `    .text
_start:
    b start
    .word 0
    .quad 0, 0, 0, 0, 0, 0
    .word 0x644d5241
    .word 0
start:
    mov x9, #0x09000000       // the PL011
    mov x10, #0x08000000      // the GIC distributor
${body}`, { base: 0n });
  assert.deepEqual(img.diagnostics, []);
  writeFileSync(join(DIR, `${name}.Image`), img.sections[0]!.bytes);
}

const READER = `${YIELD}    mov w1, #1
    str w1, [x10]             // GICD_CTLR.EnableGrp0
    mov w1, #0x100
    str w1, [x10, #0x104]     // GICD_ISENABLER1: INTID 40 enabled
    ldr w4, [x9, #0x24]       // UARTIBRD
${LOG}    ldrb w4, [x10, #0x428]    // GICD_IPRIORITYR, INTID 40
${LOG}    ldr w4, [x10, #0x204]     // GICD_ISPENDR1: INTID 40 is the writer's, not pending here
${LOG}    ldr w4, [x10, #0x304]     // GICD_ISACTIVER1: nor is INTID 41 active
${LOG}    mov w1, #0x3c1
    str w1, [x9, #0x24]       // UARTIBRD: its own
${YIELD}${EXIT}`;

function build(overrides: [string, string][] = []) {
  writeFileSync(join(DIR, 'writer.S'), WRITER);
  writeLinuxImage('reader', READER);
  const file = join(DIR, 'devprov.yaml');
  const yaml = `ram: { size: 64M }
contexts:
  - name: writer
    kind: vm
    ipa_bits: 40
    memory: [{ at: 0x4000_0000, size: 2M }]
    image: { source: writer.S, entry: 0x4000_0000 }
  - name: reader
    kind: vm
    ipa_bits: 40
    memory: [{ at: 0x4000_0000, size: 16M }]
    linux: { image: reader.Image, bootargs: "" }
`;
  writeFileSync(file, yaml);
  return buildImage(parseScenario(yaml, file), file, undefined, new Map(overrides));
}

const registers = (r: RunReport) => r.verdicts.find((v) => v.id === 'registers')!;

/** `file` of the reference hypervisor with `from` replaced by `to` (which must be there once). */
function mutate(file: string, from: string, to: string): [string, string] {
  const src = readFileSync(join(ASM_DIR, file), 'utf8');
  assert.equal(src.split(from).length, 2, `${file}: ${JSON.stringify(from)} once`);
  return [file, src.replace(from, to)];
}

/** The writer's block in place of the context's own: the first entry of the context table. */
const WRITERS_BLOCK = (reg: string, field: string) => `    adr ${reg}, ctx_table\n    add ${reg}, ${reg}, #${field}\n`;

test('the reference hypervisor: the reader finds its own reset values and no interrupt of the writer\'s; the check compared its reads', () => {
  const r = runImage(build());
  assert.equal(r.exitCode, 0, r.uart);
  assert.deepEqual(seen(r, 'reader').logs, [0n, 0n, 0n, 0n], 'UARTIBRD, the priority of INTID 40, GICD_ISPENDR1 and GICD_ISACTIVER1 at reset');
  assert.deepEqual(seen(r, 'writer').logs, [0x2b7n, 0x100n, 0x200n], 'its own UARTIBRD, INTID 40 pending, INTID 41 active');
  const v = registers(r);
  assert.equal(v.status, 'pass', v.evidence);
  assert.match(v.evidence, /every list register and HCR_EL2\.VSE\/VI\/VF it was entered with held only its own interrupts; 7 emulated device read\(s\) returned the VM's own PL011\/GICD value/);
});

test('a hypervisor that answers every VM\'s UART accesses from the first VM\'s block: the reader\'s UARTIBRD is a leak written by the writer', () => {
  const r = runImage(build([mutate('vuart.S', '    add x5, x19, #C_UART\n    tbnz', `${WRITERS_BLOCK('x5', 'C_UART')}    tbnz`)]));
  assert.deepEqual(seen(r, 'reader').logs, [0x2b7n, 0n, 0n, 0n], 'the mutant hands the reader the writer\'s UARTIBRD');
  assert.deepEqual(seen(r, 'writer').logs, [0x3c1n, 0x100n, 0x200n], '… and the writer the reader\'s');
  const v = registers(r);
  assert.equal(v.status, 'fail', v.evidence);
  assert.equal(v.evidence, 'reader found UARTIBRD (emulated PL011, read into X4) = 0x00000000000002b7 (its own: 0x0000000000000000), written by writer; '
    + 'writer found UARTIBRD (emulated PL011, read into X4) = 0x00000000000003c1 (its own: 0x00000000000002b7), written by reader');
});

test('a hypervisor that stores every VM\'s UART writes in the first VM\'s block: the writer\'s UARTIBRD, read back, is a leak written by the reader', () => {
  const r = runImage(build([mutate('vuart.S', 'vuart_write:\n', `vuart_write:\n${WRITERS_BLOCK('x5', 'C_UART')}`)]));
  assert.deepEqual(seen(r, 'reader').logs, [0n, 0n, 0n, 0n], 'its reads are of its own block');
  const v = registers(r);
  assert.equal(v.status, 'fail', v.evidence);
  assert.equal(v.evidence, 'writer found UARTIBRD (emulated PL011, read into X4) = 0x00000000000003c1 (its own: 0x00000000000002b7), written by reader');
});

test('a hypervisor that answers every VM\'s distributor accesses from the first VM\'s state: the reader\'s priority byte is a leak written by the writer', () => {
  const r = runImage(build([mutate('vgicd.S', '    add x5, x19, #C_GICD\n', WRITERS_BLOCK('x5', 'C_GICD'))]));
  assert.deepEqual(seen(r, 'reader').logs, [0n, 0xa8n, 0x100n, 0x200n]);
  const v = registers(r);
  assert.equal(v.status, 'fail', v.evidence);
  assert.equal(v.evidence, 'reader found GICD_IPRIORITYR+0x28 (emulated GICD, read into X4) = 0x00000000000000a8 (its own: 0x0000000000000000), written by writer; '
    + 'reader found GICD_ISPENDR1 (emulated GICD, read into X4) = 0x0000000000000100 (its own: 0x0000000000000000), written by writer (its INTID 40); '
    + 'reader found GICD_ISACTIVER1 (emulated GICD, read into X4) = 0x0000000000000200 (its own: 0x0000000000000000), written by writer (its INTID 41)');
});

test('a hypervisor whose entry takes the pending interrupts from the first VM\'s distributor: the writer\'s INTID 40 in the reader\'s list register is a leak', () => {
  const r = runImage(build([mutate('vgic.S', '    ldr w0, [x10, #VGICD_PEND]\n    ldr w1, [x10, #VGICD_PEND + 4]\n',
    `${WRITERS_BLOCK('x1', 'C_GICD')}    ldr w0, [x1, #VGICD_PEND]\n    ldr w1, [x1, #VGICD_PEND + 4]\n`)]));
  const v = registers(r);
  assert.equal(v.status, 'fail', v.evidence);
  // pending, LR.EOI (level-sensitive), the reader's priority 0; and, folded back, pending in its GICD_ISPENDR1
  assert.match(v.evidence, /^reader found GICH_LR1 \(INTID 40\) = 0x0000000010080028 \(its own: 0x0+\), written by writer \(its INTID 40\); reader found GICD_ISPENDR1 \(emulated GICD, read into X4\) = 0x0+100 \(its own: 0x0+\), written by writer \(its INTID 40\)$/, v.evidence);
});

/** vgicd.S's read of a GICD_IS/ICPENDRn or IS/ICACTIVERn word (`pend`: the pending bank, else the active one) taken from
 *  the first VM's state, the rest of the register's answer (the VIEW bits, the SGIs) the context's own. */
const FOREIGN_BANK = (bank: 'VGICD_PEND' | 'VGICD_ACTIVE') => mutate('vgicd.S', '    ldr w6, [x15]\n    tbz x12, #VGICD_F_PENDVIEW_BIT, 1f\n',
  `    ldr w6, [x15]\n    sub x8, x15, x5\n    cmp x8, #${bank}\n    b.lo 91f\n    cmp x8, #(${bank} + VGICD_BANK_BYTES)\n    b.hs 91f\n${WRITERS_BLOCK('x7', 'C_GICD')}    ldr w6, [x7, x8]\n91:\n    tbz x12, #VGICD_F_PENDVIEW_BIT, 1f\n`);

test('a hypervisor whose GICD_ISPENDR reads show the first VM\'s pending latches: the writer\'s INTID 40, pending in the reader\'s GICD_ISPENDR1, is a leak', () => {
  const r = runImage(build([FOREIGN_BANK('VGICD_PEND')]));
  assert.deepEqual(seen(r, 'reader').logs, [0n, 0n, 0x100n, 0n], 'the mutant shows the reader the writer\'s pending INTID 40');
  assert.deepEqual(seen(r, 'writer').logs, [0x2b7n, 0x100n, 0x200n], 'the writer reads its own state');
  const v = registers(r);
  assert.equal(v.status, 'fail', v.evidence);
  assert.equal(v.evidence, 'reader found GICD_ISPENDR1 (emulated GICD, read into X4) = 0x0000000000000100 (its own: 0x0000000000000000), written by writer (its INTID 40)');
});

test('a hypervisor whose GICD_ISACTIVER reads show the first VM\'s active bits: the writer\'s INTID 41, active in the reader\'s GICD_ISACTIVER1, is a leak', () => {
  const r = runImage(build([FOREIGN_BANK('VGICD_ACTIVE')]));
  assert.deepEqual(seen(r, 'reader').logs, [0n, 0n, 0n, 0x200n], 'the mutant shows the reader the writer\'s active INTID 41');
  const v = registers(r);
  assert.equal(v.status, 'fail', v.evidence);
  assert.equal(v.evidence, 'reader found GICD_ISACTIVER1 (emulated GICD, read into X4) = 0x0000000000000200 (its own: 0x0000000000000000), written by writer (its INTID 41)');
});

test('HCR_EL2.VI left set for a VM whose own HCR_EL2 does not have it: a virtual IRQ the hypervisor delivered to it', () => {
  const r = runImage(build([mutate('vgic.S', 'vgic_flush:\n', 'vgic_flush:\n    mrs x0, hcr_el2\n    orr x0, x0, #(1 << 7)\n    msr hcr_el2, x0\n')]));
  const v = registers(r);
  assert.equal(v.status, 'fail', v.evidence);
  assert.match(v.evidence, /^writer found HCR_EL2\.VI = 0x0+1 \(its own: 0x0+\), written by the hypervisor/, v.evidence);
});

/** A VM that looks at its UART's receive side 30 times, a yield and 100,000 instructions apart (the run's input comes
 *  after the first million), reading UARTDR when UARTFR.RXFE is clear; and the input VM, which reads its UARTDR after
 *  each yield and logs what is not 0. Neither has a vGIC: the hypervisor holds the physical PPI 27 active (GICD_ISACTIVER0) at the UART
 *  SPI's priority while they run, which does not raise the running priority (gic.ts running()), so the SPI is taken. */
const looker = (first = '') => `${HEAD}${first}    mov x20, #30
1:
${YIELD}    mov x21, #50000
3:  subs x21, x21, #1
    b.ne 3b
    ldr w4, [x9, #0x18]       // UARTFR
    tbnz w4, #4, 2f           // RXFE: nothing received
    ldr w4, [x9]              // UARTDR
${LOG}2:  subs x20, x20, #1
    b.ne 1b
${EXIT}`;
const LOOKER = looker();
const OWNER = `${HEAD}    mov x20, #30
1:
${YIELD}    ldr w4, [x9]              // UARTDR: what it received (0: nothing)
    cbz w4, 2f
${LOG}2:  subs x20, x20, #1
    b.ne 1b
${EXIT}`;

function runInput(overrides: [string, string][] = [], lookerSource = LOOKER): RunReport {
  writeFileSync(join(DIR, 'looker.S'), lookerSource);
  writeFileSync(join(DIR, 'owner.S'), OWNER);
  const yaml = `ram: { size: 64M }
contexts:
  - name: looker
    kind: vm
    ipa_bits: 40
    memory: [{ at: 0x4000_0000, size: 2M }]
    image: { source: looker.S, entry: 0x4000_0000 }
  - name: owner
    kind: vm
    ipa_bits: 40
    memory: [{ at: 0x4000_0000, size: 2M }]
    image: { source: owner.S, entry: 0x4000_0000 }
input: owner
schedule: { slices: 2000, slice_insns: 4000 }
`;
  const file = join(DIR, 'input.yaml');
  writeFileSync(file, yaml);
  // the input arrives after the first million instructions, as `run` feeds its stdin (between slices)
  let fed = false;
  return runImage(buildImage(parseScenario(yaml, file), file, undefined, new Map(overrides)), { onSlice: (m) => {
    if (!fed) m.feedInput(new TextEncoder().encode('hi'));
    fed = true;
  } });
}

test('the run\'s input is the input VM\'s: another VM\'s UARTFR and UARTDR are compared with its own empty receive side; a hypervisor that moves the input into the first VM\'s FIFO is caught', () => {
  const ok = runInput();
  assert.equal(ok.exitCode, 0, ok.uart);
  assert.deepEqual(seen(ok, 'looker').logs, [], 'nothing received');
  assert.deepEqual(seen(ok, 'owner').logs, [0x68n, 0x69n], 'the input');
  const v = registers(ok);
  assert.equal(v.status, 'pass', v.evidence);
  assert.match(v.evidence, /; 60 emulated device read\(s\)/, 'its 30 UARTFR reads compared, and the owner\'s 30 UARTDR reads');
  const bad = runInput([mutate('vuart.S', 'uart_rx_pull:\n    ldr x0, input_ctx\n', 'uart_rx_pull:\n    adr x0, ctx_table\n')]);
  assert.deepEqual(seen(bad, 'looker').logs, [0x68n, 0x69n], 'the mutant hands the looker the input');
  const w = registers(bad);
  assert.equal(w.status, 'fail', w.evidence);
  // each byte: the owner's UARTDR read finds its FIFO empty (the byte the machine's PL011 gave the hypervisor for it is
  // in its view); the looker's UARTFR with RXFE clear (RXFF: one byte fills the FIFO while UARTLCR_H.FEN = 0), then
  // its UARTDR
  const fr = leak('looker', 'UARTFR', 0xc0, 0x90, 'the hypervisor');
  const lost = (b: number) => leak('owner', 'UARTDR', 0, b, 'nobody since reset (the device\'s reset value)');
  const dr = (b: number) => leak('looker', 'UARTDR', b, 0, 'the run\'s input (for owner)');
  assert.equal(w.evidence, [lost(0x68), fr, dr(0x68), lost(0x69), fr, dr(0x69)].join('; '));
});

const leak = (ctx: string, reg: string, v: number, own: number, by: string) => `${ctx} found ${reg} (emulated PL011, read into X4) = 0x${v.toString(16).padStart(16, '0')} (its own: 0x${own.toString(16).padStart(16, '0')}), written by ${by}`;

/** vuart.S's transmit, mutated to loop every VM's byte back into the input VM's receive FIFO (as uart_rx_pull fills
 *  it): a loopback on the wrong block. */
const LOOPBACK = mutate('vuart.S', '    mov x0, x6\n    bl guest_putc\n', `    ldr x0, input_ctx
    add x0, x0, #C_UART
    ldr w7, [x0, #VUART_RX_HEAD]
    ldr w8, [x0, #VUART_RX_COUNT]
    add w7, w7, w8
    and w7, w7, #(VUART_FIFO_DEPTH - 1)
    add x9, x0, #VUART_RX_FIFO
    strb w6, [x9, x7]
    add w8, w8, #1
    str w8, [x0, #VUART_RX_COUNT]
    ldr w7, [x0, #VUART_RIS]
    orr w7, w7, #(1 << VUART_INT_RX_BIT)
    str w7, [x0, #VUART_RIS]
    mov x0, x6
    bl guest_putc
`);

test('the input VM\'s receive side is its own: its UARTDR reads are the run\'s input in order; a hypervisor that hands it another VM\'s transmitted byte is caught', () => {
  const talker = looker('    mov w1, #0x5a\n    str w1, [x9]              // UARTDR: "Z"\n');
  const ok = runInput([], talker);
  assert.equal(ok.exitCode, 0, ok.uart);
  assert.match(ok.uart, /^\[looker\] Z/m);
  assert.deepEqual(seen(ok, 'owner').logs, [0x68n, 0x69n], 'the input');
  const v = registers(ok);
  assert.equal(v.status, 'pass', v.evidence);
  assert.match(v.evidence, /; 60 emulated device read\(s\)/, 'the owner\'s 30 UARTDR reads, "h" and "i" among them, compared');
  const bad = runInput([LOOPBACK], talker);
  assert.equal(bad.exitCode, 0, bad.uart);
  assert.deepEqual(seen(bad, 'owner').logs, [0x68n, 0x5an, 0x69n], 'the mutant hands the owner the looker\'s "Z" among the input');
  const w = registers(bad);
  assert.equal(w.status, 'fail', w.evidence);
  assert.equal(w.evidence, leak('owner', 'UARTDR', 0x5a, 0, 'looker (a byte it transmitted)'));
});
