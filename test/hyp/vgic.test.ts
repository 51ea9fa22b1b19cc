// The vGIC's virtual interface and the virtual timer (issue 17 steps 2–4, src/hyp/asm/vgic.S) and their isolation
// (issue 11): a VM with a vGIC — a minimal arm64 Image, so that the scenario gives it a device tree, GICV as its GICC
// and GICH state of its own — programs its distributor, its CPU interface and its virtual timer and counts the timer's
// interrupts; beside it, a hostile assembly VM pokes the GICC, GICH and GICV frames, enables the timer's interrupt in its
// own distributor, sends itself an SGI and sets its own virtual timer to fire at once with interrupts unmasked. The
// slices are short, so the first VM's timer fires while the other runs too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../src/asm/assemble.ts';
import { buildImage } from '../../src/hyp/image.ts';
import { formatReport } from '../../src/hyp/report.ts';
import { runImage } from '../../src/hyp/run.ts';
import { parseScenario } from '../../src/hyp/scenario.ts';

const DIR = mkdtempSync(join(tmpdir(), 'vgic-'));

/** The start of an arm64 Image (Linux booting.rst header: code0, text_offset, image_size 0, magic "ARM\x64" at 0x38)
 *  whose code enables its (emulated) distributor. */
const IMAGE_HEAD = `    .text
_start:
    b start
    .word 0
    .quad 0, 0, 0, 0, 0, 0
    .word 0x644d5241
    .word 0
start:
    mov x9, #0x08000000       // GICD (emulated)
    mov w1, #1
    str w1, [x9]              // GICD_CTLR.EnableGrp0
`;
/** IRQs unmasked until x20 (counted by the handler) reaches `n`; then PSCI SYSTEM_OFF. */
const countThenOff = (n: number): string => `    msr daifclr, #2
1:  cmp x20, #${n}
    b.lo 1b
    msr daifset, #2
    mov x0, #0x0008
    movk x0, #0x8400, lsl #16 // PSCI SYSTEM_OFF
    hvc #0
    b .
`;
/** The INTID in w2 (as GICC_IAR gave it) as two decimal digits to the UART at x11. */
const PRINT_INTID = `    and w4, w2, #0x3ff
    mov w5, #10
    udiv w6, w4, w5
    msub w7, w6, w5, w4
    add w6, w6, #0x30
    strb w6, [x11]
    add w7, w7, #0x30
    strb w7, [x11]
`;
/** GICC_IAR (the GICC at x10) read and printed as two digits, 1023 (spurious) as 99. */
const PRINT_IAR = `    ldr w2, [x10, #0xc]       // GICC_IAR
    and w2, w2, #0x3ff
    cmp w2, #1023
    mov w3, #99
    csel w2, w3, w2, eq
${PRINT_INTID}`;
/** A newline to the UART at x11, then PSCI SYSTEM_OFF. */
const NEWLINE_THEN_OFF = `    mov w5, #10
    strb w5, [x11]
    mov x0, #0x0008
    movk x0, #0x8400, lsl #16 // PSCI SYSTEM_OFF
    hvc #0
    b .
`;
/** Its GICC (x10: GICV through stage 2) enabled with PMR 0xf0; x11 = its UART. */
const GICC_ON = `    mov x10, #0x08010000      // GICC (GICV through stage 2)
    mov w1, #0xf0
    str w1, [x10, #4]         // GICC_PMR
    mov w1, #1
    str w1, [x10]             // GICC_CTLR
    mov x11, #0x09000000
`;
/** The head of an Image that takes INTID 27 (its virtual timer's PPI) with IRQs masked: priority 0xa0, enabled in its
 *  distributor; its GICC (x10: GICV through stage 2) enabled with PMR 0xf0; x11 = its UART. */
const TIMER_PPI_HEAD = `${IMAGE_HEAD}    mov w1, #0xa0
    strb w1, [x9, #0x41b]     // GICD_IPRIORITYR, INTID 27
    mov w1, #0x08000000       // INTID 27: word 0, bit 27
    str w1, [x9, #0x100]      // GICD_ISENABLER0
${GICC_ON}`;
/** An Image that counts `ticks` virtual-timer interrupts, printing each one's INTID as GICC_IAR gives it, then powers
 *  its VM off. */
const TICK = (ticks: number) => `${IMAGE_HEAD}    mov w1, #0xa0
    strb w1, [x9, #0x41b]     // GICD_IPRIORITYR, INTID 27
    mov w1, #0x08000000
    str w1, [x9, #0x100]      // GICD_ISENABLER0 bit 27
    mov x10, #0x08010000      // GICC (GICV through stage 2)
    mov w1, #0xf0
    str w1, [x10, #4]         // GICC_PMR
    mov w1, #1
    str w1, [x10]             // GICC_CTLR.EnableGrp0
    adr x1, vectors
    msr vbar_el1, x1
    isb
    mov x20, #0
    mov x1, #30000
    msr cntv_tval_el0, x1
    mov x1, #1
    msr cntv_ctl_el0, x1      // ENABLE, IMASK = 0
2:  ldr w8, [x9, #0x200]      // GICD_ISPENDR0: INTID 27 shows pending once LR0 holds it (IRQs still masked)
    tbz w8, #27, 2b
    mov x11, #0x09000000
    mov w3, #0x70             // "p"
    strb w3, [x11]
    mov w3, #10
    strb w3, [x11]
${countThenOff(ticks)}irq:
    ldr w2, [x10, #0xc]       // GICC_IAR; prints "i <INTID>"
    mov x11, #0x09000000      // the UART (emulated)
    mov w3, #0x69
    strb w3, [x11]
    mov w3, #0x20
    strb w3, [x11]
${PRINT_INTID}    mov w3, #0x20
    strb w3, [x11]
    ldr w8, [x9, #0x300]      // GICD_ISACTIVER0: INTID 27 active while LR0 holds it active
    ubfx w8, w8, #27, #1
    add w8, w8, #0x30
    strb w8, [x11]
    mov x1, #30000
    msr cntv_tval_el0, x1     // the next tick: the timer's output goes low
    str w2, [x10, #0x10]      // GICC_EOIR
    ldr w8, [x9, #0x300]      // … and no longer after the EOI
    ubfx w8, w8, #27, #1
    add w8, w8, #0x30
    strb w8, [x11]
    mov w3, #10
    strb w3, [x11]
    add x20, x20, #1
    eret
    .balign 2048
vectors:
    .space 0x280
    b irq                     // +0x280: IRQ, current EL with SP_ELx
`;

/** `body` then a yield, `n` times; then exit 0. Every vector (and a branch to `took`) ends the VM with exit 0xbad. */
const yieldsThenExit = (n: number, body: string): string => `    mov x21, #${n}
1:
${body}    mov x0, #0
    hvc #0                    // yield
    subs x21, x21, #1
    b.ne 1b
    mov x0, #2
    mov x1, #0
    hvc #0
took:
    mov x0, #2
    mov x1, #0xbad
    hvc #0
    .ltorg
    .balign 2048
vectors:
    .rept 16
    b took
    .balign 0x80
    .endr
`;

/** The hostile VM: every vector ends it with exit 0xbad. */
const HOSTILE = `    .text
_start:
    adr x1, vectors
    msr vbar_el1, x1
    isb
    mov x9, #0x08000000       // its own (emulated) distributor: forward INTID 27, pend SGI 0 to itself
    mov w1, #1
    str w1, [x9]
    mov w1, #0x08000000
    str w1, [x9, #0x100]
    mov w1, #0x02000000
    str w1, [x9, #0xf00]
    mov x10, #0x08010000      // GICC: not mapped for it
    ldr w2, [x10, #0xc]
    mov x10, #0x08030000      // GICH: enable, and a pending INTID 27 in LR0
    mov w1, #1
    str w1, [x10]
    ldr w1, =0x9000001b
    str w1, [x10, #0x100]
    mov x10, #0x08040000      // GICV
    mov w1, #1
    str w1, [x10]
    ldr w2, [x10, #0xc]
    mov x1, #1
    msr cntv_tval_el0, x1     // its own virtual timer, firing at once
    msr cntv_ctl_el0, x1
    msr daifclr, #3
${yieldsThenExit(40, '')}`;

/** Assemble an Image at 0 and write it to DIR/NAME.Image, for a scenario's `linux: { image: NAME.Image }`. */
function writeImage(name: string, source: string): void {
  const img = assemble(`${name}.S`, source, { base: 0n });
  assert.deepEqual(img.diagnostics, []);
  writeFileSync(join(DIR, `${name}.Image`), img.sections[0]!.bytes);
}

/** The tick VM beside the hostile one (slices short enough for the timer to fire while the other runs). */
function tickScenario(): string {
  writeImage('tick', TICK(3));
  writeFileSync(join(DIR, 'hostile.S'), HOSTILE);
  const yaml = `ram: { size: 128M }
on_denied: skip
contexts:
  - name: tick
    kind: vm
    ipa_bits: 40
    memory: [{ at: 0x4000_0000, size: 16M }]
    linux: { image: tick.Image, bootargs: "" }
  - name: hostile
    kind: vm
    ipa_bits: 40
    memory: [{ at: 0x4000_0000, size: 2M }]
    image: { source: hostile.S, entry: 0x4000_0000 }
schedule: { slices: 400, slice_insns: 4000 }
`;
  const file = join(DIR, 'vgic.yaml');
  writeFileSync(file, yaml);
  return file;
}

test('a VM\'s virtual timer interrupts it through its vGIC, held while another runs; a hostile VM\'s GIC pokes and timer reach no one', () => {
  const file = tickScenario();
  const img = buildImage(parseScenario(readFileSync(file, 'utf8'), file), file);
  const r = runImage(img);
  const lines = r.uart.split('\n');
  // the distributor's view of INTID 27 follows LR0 (KVM's): pending before the VM unmasks IRQs, active in its handler
  // ("1"), inactive after its EOI ("0")
  assert.deepEqual(lines.filter((l) => l.startsWith('[tick] ')), ['[tick] p', '[tick] i 27 10', '[tick] i 27 10', '[tick] i 27 10', '[tick] psci SYSTEM_OFF: the VM is off'], r.uart);
  assert.ok(lines.includes('[hostile] exit 0x0000000000000000'), `the hostile VM took no exception:\n${r.uart}`);
  // GICC read, GICH_HCR and GICH_LR0 writes, GICV_CTLR write, GICV_IAR read: each denied and stepped over
  assert.equal(r.deniedTotal, 5, r.uart);
  assert.equal(lines.filter((l) => l.startsWith('[hostile] denied: translation fault')).length, 5, r.uart);
  assert.equal(r.exitCode, 0, r.uart);
  for (const v of r.verdicts.filter((x) => x.status !== 'n/a')) assert.equal(v.status, 'pass', `${v.requirement}: ${v.evidence}`);
  // the exits by reason: the VM's distributor accesses and UART bytes were emulated, its GICC accesses were not
  // exits (GICV is mapped), its power-off was a PSCI call
  const text = formatReport(img, r);
  const section = text.slice(text.indexOf('-- exits to EL2 by reason'), text.indexOf('-- cost per switch kind'));
  const exits = section.slice(section.indexOf('  tick: '), section.indexOf('  hostile: '));
  assert.ok(exits.length > 0 && section.indexOf('  hostile: ') > 0, text);
  const gicd = /^ +(\d+) +\d+\/s {2}MMIO 0x8000000$/m.exec(exits);
  assert.ok(gicd !== null && Number(gicd[1]) >= 3 + 1 + 3 * 2, exits); // 3 writes, ISPENDR0 polls, 2 ISACTIVER0 reads per tick
  assert.match(exits, /^ +26 +\d+\/s {2}MMIO 0x9000000$/m, exits); // "p\n", 3 × "i 27 10\n"
  assert.match(exits, /^ +1 +\d+\/s {2}PSCI 0x84000008$/m, exits);
  // per second of the VM's own time: its instructions at EL0/EL1 at the counter's 62.5 MHz (kvm_stat's rate column)
  const head = /^ {2}tick: (\d+) exits in ([\d.]+) (ms|s) of its own \((\d+)\/s\)$/m.exec(exits);
  assert.ok(head !== null, exits);
  const own = r.episodes.filter((e) => img.contexts[e.from]?.name === 'tick').reduce((a, e) => a + (e.guestInsns ?? 0), 0);
  const seconds = own / 62_500_000;
  assert.ok(Math.abs(Number(head[2]) * (head[3] === 'ms' ? 1e-3 : 1) - seconds) <= seconds * 0.01, exits);
  assert.equal(Number(head[4]), Math.round(Number(head[1]) / seconds), exits);
  assert.doesNotMatch(exits, /MMIO 0x8010000/, exits);
});

/** An Image that takes its UART's receive interrupt (SPI 1, INTID 33) through its vGIC and prints each byte received
 *  as "<INTID> <byte>", until `bytes` have come; then powers its VM off. */
const ECHO = (bytes: number) => `${IMAGE_HEAD}    mov w1, #2
    str w1, [x9, #0x104]      // GICD_ISENABLER1 bit 1: INTID 33
    mov x10, #0x08010000      // GICC (GICV through stage 2)
    mov w1, #0xf0
    str w1, [x10, #4]
    mov w1, #1
    str w1, [x10]
    mov x11, #0x09000000      // the UART (emulated)
    mov w1, #0x10
    str w1, [x11, #0x38]      // UARTIMSC.RXIM
    adr x1, vectors
    msr vbar_el1, x1
    isb
    mov x20, #0
${countThenOff(bytes)}irq:
    ldr w2, [x10, #0xc]       // GICC_IAR
2:  ldr w3, [x11, #0x18]      // UARTFR
    tbnz w3, #4, 3f           // RXFE: all read
    ldr w3, [x11]             // UARTDR
${PRINT_INTID}    mov w5, #0x20
    strb w5, [x11]
    strb w3, [x11]
    mov w5, #10
    strb w5, [x11]
    add x20, x20, #1
    b 2b
3:  str w2, [x10, #0x10]      // GICC_EOIR
    eret
    .balign 2048
vectors:
    .space 0x280
    b irq
`;

/** The other VM: makes INTID 33 pending and enabled in its own distributor, unmasks its own UART's receive interrupt
 *  and looks for received bytes between yields; a byte (UARTFR.RXFE = 0) or any exception ends it with exit 0xbad. */
const THIEF = `    .text
_start:
    adr x1, vectors
    msr vbar_el1, x1
    isb
    mov x9, #0x08000000
    mov w1, #1
    str w1, [x9]              // GICD_CTLR
    mov w1, #2
    str w1, [x9, #0x104]      // GICD_ISENABLER1: INTID 33
    str w1, [x9, #0x204]      // GICD_ISPENDR1: INTID 33 pending
    mov x11, #0x09000000
    mov w1, #0x10
    str w1, [x11, #0x38]      // UARTIMSC.RXIM
    msr daifclr, #3
${yieldsThenExit(60, `    ldr w3, [x11, #0x18]      // UARTFR
    tbz w3, #4, took          // a byte for it
    ldr w3, [x11]             // UARTDR
`)}`;

test('the input VM receives the run\'s input through its PL011 and SPI 1 in a list register; another VM can neither read it nor make its SPI pending', () => {
  writeImage('echo', ECHO(5));
  writeFileSync(join(DIR, 'thief.S'), THIEF);
  const yaml = `ram: { size: 128M }
contexts:
  - name: thief
    kind: vm
    ipa_bits: 40
    memory: [{ at: 0x4000_0000, size: 2M }]
    image: { source: thief.S, entry: 0x4000_0000 }
  - name: echo
    kind: vm
    ipa_bits: 40
    memory: [{ at: 0x4000_0000, size: 16M }]
    linux: { image: echo.Image, bootargs: "" }
input: echo
schedule: { slices: 400, slice_insns: 4000 }
`;
  const file = join(DIR, 'input.yaml');
  writeFileSync(file, yaml);
  const img = buildImage(parseScenario(yaml, file), file);
  let fed = false;
  const r = runImage(img, { onSlice: (m) => {
    if (!fed) m.feedInput(new TextEncoder().encode('hi 42'));
    fed = true;
  } });
  const lines = r.uart.split('\n');
  // each byte once, in order, through INTID 33 only: the thief's pending INTID 33 stayed in its own distributor
  assert.deepEqual(lines.filter((l) => l.startsWith('[echo] ')), ['[echo] 33 h', '[echo] 33 i', '[echo] 33  ', '[echo] 33 4', '[echo] 33 2', '[echo] psci SYSTEM_OFF: the VM is off'], r.uart);
  assert.ok(lines.includes('[thief] exit 0x0000000000000000'), `the other VM received nothing:\n${r.uart}`);
  // the exits it caused, by the INTID the GIC presented: the machine's UART's input, and the maintenance interrupt of
  // the echo VM's EOI of its level-sensitive INTID 33 (LR.EOI)
  const text = formatReport(img, r);
  const exits = text.slice(text.indexOf('  echo: '), text.indexOf('-- cost per switch kind'));
  assert.match(exits, /^ +[1-5] +\d+\/s {2}IRQ: the machine's UART received input \(SPI 1, for the input VM\)$/m, exits);
  assert.match(exits, /^ +\d+ +\d+\/s {2}IRQ: the vGIC maintenance interrupt \(PPI 9\)$/m, exits);
  assert.equal(r.deniedTotal, 0, r.uart);
  for (const v of r.verdicts.filter((x) => x.status !== 'n/a')) assert.equal(v.status, 'pass', `${v.requirement}: ${v.evidence}`);
});

test('a scenario\'s input names a VM', () => {
  const base = 'ram: { size: 64M }\ncontexts:\n  - { name: app, kind: native, va_bits: 39, memory: [{ at: 0x1000_0000, size: 2M }], image: { source: a.S, entry: 0x1000_0000 } }\n';
  assert.throws(() => parseScenario(base + 'input: nobody\n', 'x.yaml'), /input: no context is named 'nobody'/);
  assert.throws(() => parseScenario(base + 'input: app\n', 'x.yaml'), /'app' is a native app/);
});

test('the run-time leak check sees the virtual interface: without the GICH switch the verdict fails, naming the tick VM\'s GICH state the hostile VM was entered with', () => {
  const file = tickScenario();
  const vgicS = readFileSync(new URL('../../src/hyp/asm/vgic.S', import.meta.url), 'utf8');
  const start = vgicS.indexOf('.macro vgic_switch');
  const end = vgicS.indexOf('.endm', start);
  assert.ok(start >= 0 && end > start);
  const noSwitch = vgicS.slice(0, vgicS.indexOf('\n', start) + 1) + vgicS.slice(end);
  const img = buildImage(parseScenario(readFileSync(file, 'utf8'), file), file, undefined, new Map([['vgic.S', noSwitch]]));
  const r = runImage(img);
  const v = r.verdicts.find((x) => x.id === 'registers')!;
  assert.equal(v.status, 'fail', v.evidence);
  // the tick VM's own interface was never loaded (its GICH_HCR.En never set), and the hostile VM inherits the tick
  // VM's GICV_CTLR/PMR (GICH_VMCR) and its virtual timer's list register
  assert.match(v.evidence, /tick found GICH_HCR = 0x0+ \(its own: 0x0+1\)/, v.evidence);
  assert.match(v.evidence, /hostile found GICH_VMCR = 0x0+f04c0001 \(its own: 0x0+4c0000\), written by tick/, v.evidence);
  assert.match(v.evidence, /hostile found GICH_LR0 = 0x0+9a006c1b \(its own: 0x0+\), written by tick/, v.evidence);
  // the intact switch passes the same check (the first test) — and says what it covered
  const ok = runImage(buildImage(parseScenario(readFileSync(file, 'utf8'), file), file)).verdicts.find((x) => x.id === 'registers')!;
  assert.equal(ok.status, 'pass', ok.evidence);
  assert.match(ok.evidence, /GICH_HCR, GICH_VMCR, GICH_APR, GICH_LR0, GICH_LR1, GICH_LR2, GICH_LR3/);
});

/** What the guest below does to INTID 40 while a list register holds it, through its distributor. */
type HeldOp = 'cpend' | 'cactive' | 'spend' | 'sactive';
/** An Image that makes SPI 8 (INTID 40) edge-triggered, pending and enabled, so that the next entry puts it in a list register (its
 *  latch consumed), then acts on it through the distributor while the LR holds it and prints what it sees next as
 *  two-digit numbers, IRQs masked throughout (1023, spurious, prints as 99):
 *  cpend: GICD_ICPENDR1; the INTID GICC_IAR presents. cactive: GICC_IAR (the LR active); GICD_ICACTIVER1; ISACTIVER1
 *  bit 8. spend: GICC_IAR (the LR active); GICD_ISPENDR1; GICC_EOIR; GICC_IAR; GICC_EOIR; an exit;
 *  GICC_IAR. sactive: GICD_ISACTIVER1 (the LR
 *  still pending); ISACTIVER1 bit 8. */
const HELD = (op: HeldOp) => {
  const active = `    ldr w2, [x9, #0x304]      // GICD_ISACTIVER1
    ubfx w2, w2, #8, #1
${PRINT_INTID}`;
  const eoi = `    mov w1, #40
    str w1, [x10, #0x10]      // GICC_EOIR: drops the active state; pending is left
`;
  const write = (off: number, what: string) => `    mov w1, #0x100
    str w1, [x9, #${off}]      // ${what}
`;
  const body: Record<HeldOp, string> = {
    cpend: write(0x284, 'GICD_ICPENDR1') + PRINT_IAR,
    cactive: PRINT_IAR + write(0x384, 'GICD_ICACTIVER1') + active,
    spend: PRINT_IAR + write(0x204, 'GICD_ISPENDR1') + eoi + PRINT_IAR + eoi + `    ldr w1, [x9, #0x304]      // any distributor access: an exit, and the entry refills the LRs
` + PRINT_IAR,
    sactive: write(0x304, 'GICD_ISACTIVER1') + active,
  };
  return `${IMAGE_HEAD}    mov w1, #0xa0
    strb w1, [x9, #0x428]     // GICD_IPRIORITYR, INTID 40
    mov w1, #0x20000
    str w1, [x9, #0xc08]      // GICD_ICFGR2: INTID 40 edge-triggered (int_config[1]): no EOI maintenance interrupt
    mov w1, #0x100            // INTID 40: word 1, bit 8
    str w1, [x9, #0x104]      // GICD_ISENABLER1
    str w1, [x9, #0x204]      // GICD_ISPENDR1: an exit; the entry back puts INTID 40 in an LR, pending
${GICC_ON}${body[op]}${NEWLINE_THEN_OFF}`;
};

/** The first line the one VM of a scenario prints when its Image is `source`, which must end in PSCI SYSTEM_OFF. */
function firstLine(name: string, source: string): string {
  writeImage(name, source);
  const yaml = `ram: { size: 128M }
contexts:
  - name: vm
    kind: vm
    ipa_bits: 40
    memory: [{ at: 0x4000_0000, size: 16M }]
    linux: { image: ${name}.Image, bootargs: "" }
schedule: { slices: 50, slice_insns: 4000 }
`;
  const file = join(DIR, `${name}.yaml`);
  writeFileSync(file, yaml);
  const r = runImage(buildImage(parseScenario(yaml, file), file));
  const lines = r.uart.split('\n').filter((l) => l.startsWith('[vm] '));
  assert.equal(lines.at(-1), '[vm] psci SYSTEM_OFF: the VM is off', r.uart);
  return lines[0]!;
}

test('GICD_IS/ICPENDR and GICD_IS/ICACTIVER act on an interrupt a list register holds (KVM vgic_mmio_write_*pending/*active)', () => {
  const seen = (op: HeldOp): string => firstLine(`held-${op}`, HELD(op));
  // cleared pending: nothing left to present; the LR that held it is free
  assert.equal(seen('cpend'), '[vm] 99');
  // acknowledged (40, active in its LR), then its active state cleared: the distributor no longer shows it active
  assert.equal(seen('cactive'), '[vm] 4000');
  // acknowledged, made pending again, EOI'd: still pending in its LR, so presented again at once; EOI'd again and the
  // LRs refilled: nothing left (the LR took the latch: it is not delivered twice)
  assert.equal(seen('spend'), '[vm] 404099');
  // made active while pending in its LR: the distributor shows it active
  assert.equal(seen('sactive'), '[vm] 01');
});

/** An Image whose virtual timer fires at once, so that the next entry puts INTID 27 in LR0 as a hardware interrupt
 *  (vgic_timer); it acknowledges it (LR0 active), masks the timer (its output drops), writes GICD_ISPENDR0 bit 27 while
 *  LR0 holds it, EOIs it and prints what GICC_IAR then presents (IRQs masked throughout; 1023 prints as 99). */
const HW_SPEND = `${TIMER_PPI_HEAD}    msr cntv_tval_el0, xzr
    mov x1, #1
    msr cntv_ctl_el0, x1      // ENABLE, IMASK = 0: the output is high at once
    isb
    ldr w1, [x9, #0x300]      // any distributor access: an exit; the entry puts the timer's interrupt in LR0 (HW)
${PRINT_IAR}    mov x1, #3
    msr cntv_ctl_el0, x1      // IMASK: the output drops (no physical interrupt after the EOI)
    isb
    mov w1, #0x08000000
    str w1, [x9, #0x200]      // GICD_ISPENDR0 bit 27 while LR0 holds it active
    mov w1, #27
    str w1, [x10, #0x10]      // GICC_EOIR: LR0 and the physical PPI deactivated
${PRINT_IAR}${NEWLINE_THEN_OFF}`;

test('GICD_ISPENDR leaves the virtual timer\'s hardware list register alone (KVM never makes a HW LR pending and active)', () => {
  // acknowledged (27), then pending written while LR0 holds it active: an LR made pending too would present 27 again
  // after the EOI; the hypervisor leaves it, so the EOI frees LR0 and nothing is presented
  assert.equal(firstLine('hw-spend', HW_SPEND), '[vm] 2799');
});

/** An Image whose virtual timer stays off (its output low) while it makes INTID 27 pending itself through
 *  GICD_ISPENDR0 (an exit: the entry after it fills the LRs); it prints what GICC_IAR presents, EOIs it and, after
 *  another exit, prints what GICC_IAR presents next (IRQs masked throughout; 1023 prints as 99). */
const TIMER_SPEND = `${TIMER_PPI_HEAD}    msr cntv_ctl_el0, xzr     // the timer off: its output low
    isb
    mov w1, #0x08000000
    str w1, [x9, #0x200]      // GICD_ISPENDR0 bit 27
${PRINT_IAR}    mov w1, #27
    str w1, [x10, #0x10]      // GICC_EOIR
    ldr w1, [x9, #0x300]      // any distributor access: an exit, and the entry refills the LRs
${PRINT_IAR}${NEWLINE_THEN_OFF}`;

test('a guest\'s GICD_ISPENDR0 makes its virtual timer\'s interrupt pending once, through the hardware list register (KVM vgic_hw_irq_spending)', () => {
  // the latch used to wait for an LR0 that only the timer's output filled: never delivered (9999)
  assert.equal(firstLine('timer-spend', TIMER_SPEND), '[vm] 2799');
});
