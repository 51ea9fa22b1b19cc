// Issue 11, "state a context can read must be its own": every system register EL0/EL1 can write is switched per
// context, emulated, or trapped to EL2 — for every context kind and hosting mode, under the EL2 controls the hypervisor
// really loads (read from the CPU at its first ERET into each context). Trapped means trapped: each such access is
// executed on the CPU with those controls and must reach EL2. The switch's code and the context table are generated
// from the same list, checked here against an image that runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SR, SYSREGS } from '../../src/arch/sysreg-table.ts';
import { accessible, type El2Controls } from '../../src/arch/sysreg-traps.ts';
import type { SysRegDef } from '../../src/arch/sysregs.ts';
import { PC } from '../../src/cpu/state.ts';
import { classify, hypControls, HYP_TRAPS, isContextState, SWITCHED, type StateClass } from '../../src/hyp/context-state.ts';
import { contextSource, initial, LAYOUT } from '../../src/hyp/context-table.ts';
import { buildImage, type BuiltImage, machineFor } from '../../src/hyp/image.ts';
import { currentContext } from '../../src/hyp/observe.ts';
import { runImage } from '../../src/hyp/run.ts';
import { HOSTING_MODES, parseScenario } from '../../src/hyp/scenario.ts';
import { makeCpu } from '../helpers/cpu.ts';

const SEED = 'scenarios/seed.yaml';
const seed = parseScenario(readFileSync(SEED, 'utf8'), SEED);
const ERET = 0xd69f03e0;

/** Boot `img` and record, at the first ERET into each context, the EL2 trap controls it is entered with. */
function liveControls(img: BuiltImage): Map<number, El2Controls> {
  const m = machineFor(img);
  assert.equal(m.load(img.image), undefined);
  const seen = new Map<number, El2Controls>();
  m.cpu.traceExec = (c, _pc, w) => {
    if (c.el !== 2 || w !== ERET) return;
    const ctx = currentContext(img, m.mem);
    if (!seen.has(ctx)) seen.set(ctx, { HCR_EL2: c.sr[SR.HCR_EL2]!, CNTHCTL_EL2: c.sr[SR.CNTHCTL_EL2]!, CPTR_EL2: c.sr[SR.CPTR_EL2]!, MDCR_EL2: c.sr[SR.MDCR_EL2]! });
  };
  m.run(2_000_000);
  return seen;
}

const images = HOSTING_MODES.map((h) => buildImage(seed, SEED, h));
const controls = images.map(liveControls);

/** The class that decides: a view's register's. */
const decisive = (c: StateClass): StateClass => (c.kind === 'view' ? decisive(c.cls) : c);

test('every EL0/EL1-writable system register is switched, emulated or trapped, in every hosting mode and context kind', () => {
  const problems: string[] = [];
  images.forEach((img, n) => {
    for (const ctx of img.contexts) {
      const ctl = controls[n]!.get(ctx.index);
      assert.ok(ctl !== undefined, `${img.hosting}: ${ctx.name} was never entered`);
      for (const r of SYSREGS) {
        const cls = classify(r, ctl);
        if (cls.kind === 'uncovered') problems.push(`${img.hosting}, ${ctx.kind} ${ctx.name}: ${r.name} is neither switched nor trapped`);
        if (isContextState(r)) assert.notEqual(['constant', 'derived', 'el2'].includes(cls.kind), true, r.name);
      }
    }
  });
  assert.deepEqual(problems, []);
});

test('the EL2 traps every context runs under are HYP_TRAPS, as the boot set them', () => {
  images.forEach((img, n) => {
    for (const [ctx, ctl] of controls[n]!) {
      const want = hypControls(ctl.HCR_EL2);
      for (const reg of ['CNTHCTL_EL2', 'CPTR_EL2', 'MDCR_EL2'] as const) assert.equal(ctl[reg], want[reg], `${img.hosting}: ${img.contexts[ctx]!.name} ${reg}`);
    }
  });
  assert.ok(HYP_TRAPS.some((t) => t.reg === 'CPTR_EL2' && t.field === 'TFP' && t.value === 1), 'FP/SIMD trapped for every context');
});

/** MRS/MSR of register `r` with Xt = X1 (ARM C6.2: 1101010100 L 1 o0 op1 CRn CRm op2 Rt). */
function sysregWord(r: SysRegDef, read: boolean): number {
  const [op0, op1, crn, crm, op2] = r.enc;
  return (0xd5100000 | (read ? 1 << 21 : 0) | ((op0 - 2) << 19) | (op1 << 16) | (crn << 12) | (crm << 8) | (op2 << 5) | 1) >>> 0;
}

test('what the classification calls trapped or emulated really traps to EL2 on the CPU, at every EL the context runs at', () => {
  let checked = 0;
  images.forEach((img, n) => {
    for (const ctx of img.contexts) {
      const ctl = controls[n]!.get(ctx.index)!;
      const tge = ((ctl.HCR_EL2 >> 27n) & 1n) === 1n;
      const els: (0 | 1)[] = ctx.kind === 'vm' || !tge ? [0, 1] : [0];
      for (const r of SYSREGS) {
        const cls = decisive(classify(r, ctl));
        if (cls.kind !== 'trapped' && cls.kind !== 'emulated' && cls.kind !== 'lazy') continue;
        for (const el of els) {
          for (const read of [true, false]) {
            if (!accessible(r, el, read ? 'read' : 'write')) continue;
            const c = makeCpu([sysregWord(r, read)]);
            for (const [k, v] of Object.entries(ctl)) c.sr[SR[k as keyof El2Controls]] = v;
            c.sr[SR.HCR_EL2] &= ~((1n << 12n) | 1n); // DC, VM: no stage 2 for the test program (traps do not depend on them)
            c.sr[SR.VBAR_EL2] = 0x4010_0000n;
            c.sr[SR.VBAR_EL1] = 0x4011_0000n;
            // the context's own EL1 opens every EL0 gate and FP/SIMD: only an EL2 control may stop the access
            c.sr[SR.CNTKCTL_EL1] = 0x303n;
            c.sr[SR.SCTLR_EL1] |= (1n << 9n) | (1n << 15n);
            c.sr[SR.CPACR_EL1] = 3n << 20n;
            c.sr[SR.PMUSERENR_EL0] = 0xfn; // EN, SW, CR, ER: EL0 PMU accesses not gated to EL1 (PMUSERENR_EL0 is EL2's, under MDCR_EL2.TPM)
            c.setElSp(el, el === 0 ? 0 : 1);
            c.run(1);
            const what = `${img.hosting}, ${ctx.name}: ${read ? 'MRS' : 'MSR'} ${r.name} at EL${el}`;
            assert.equal(c.el, 2, `${what} was not trapped to EL2 (PC 0x${c.x[PC]!.toString(16)})`);
            assert.ok([0x18, 0x07].includes(Number(c.sr[SR.ESR_EL2]! >> 26n)), `${what}: ESR_EL2 0x${c.sr[SR.ESR_EL2]!.toString(16)}`);
            checked++;
          }
        }
      }
    }
  });
  assert.ok(checked >= 5 * 3 * 6, `${checked} trapped accesses executed`); // FPCR, FPSR, CNTP_* in every mode and context
});

test('a new EL1 register is uncovered until the switch moves it or its row names the EL2 control that traps it', () => {
  const ctl = hypControls(0x8008_0038n);
  const row = { ...SYSREGS[SR.TPIDR_EL1]!, name: 'NEW_EL1' };
  assert.equal(classify(row, ctl).kind, 'uncovered');
  assert.equal(classify({ ...row, mdcrTraps: ['TDA'] }, ctl).kind, 'trapped'); // the hypervisor sets MDCR_EL2.TDA
  assert.equal(classify({ ...row, trapRead: 'TVM', trapWrite: 'TVM' }, ctl).kind, 'uncovered'); // HCR_EL2.TVM is not set
  assert.equal(classify(SYSREGS[SR.FPCR]!, { ...ctl, CPTR_EL2: 0n }).kind, 'uncovered'); // without CPTR_EL2.TFP
});

test('the switch code and the context table are generated from SWITCHED: each register saved and restored once, in order', () => {
  const text = contextSource();
  const body = (macro: string): string => text.slice(text.indexOf(`.macro ${macro}`), text.indexOf('.endm', text.indexOf(`.macro ${macro}`)));
  const moved = (b: string, op: string): string[] => [...b.matchAll(new RegExp(`${op} (?:x\\d, )?(\\w+)(?:, x\\d)?$`, 'gm'))].map((m) => m[1]!.toUpperCase());
  const names = SWITCHED.map((s) => s.reg.toUpperCase());
  assert.deepEqual(moved(body('save_switched'), 'mrs'), names);
  assert.deepEqual(moved(body('restore_switched'), 'msr'), names);
  // offsets: distinct 8-byte slots inside the entry (C_SYS is where the first switched register's slot is)
  const offs = [...LAYOUT.offsets].filter(([n]) => n !== 'C_SYS').map(([, o]) => o);
  assert.equal(new Set(offs).size, offs.length);
  for (const o of offs) assert.ok(o % 8 === 0 && o < LAYOUT.size);
  // the built image's table holds each context's initial values where the generated code reads them
  const img = images[0]!;
  const m = machineFor(img);
  m.load(img.image);
  const table = Number(img.symbols.get('ctx_table')!);
  assert.equal(Number(img.symbols.get('CTX_SIZE')), LAYOUT.size);
  for (const ctx of img.contexts) {
    for (const s of SWITCHED) assert.equal(m.mem.readU64(table + ctx.index * LAYOUT.size + LAYOUT.offsets.get(`C_${s.reg}`)!), initial(s, ctx.regs), `${ctx.name} ${s.reg}`);
  }
  // and a switch writes them in that order (the slice timer's re-arm aside)
  const r = runImage(img);
  const first = r.episodes.find((e) => e.from < 0)!;
  const written = first.writes.map((w) => w.reg).filter((n) => SWITCHED.some((s) => s.reg === n));
  assert.deepEqual(written, SWITCHED.map((s) => s.reg));
});
