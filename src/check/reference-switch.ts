// The reference hypervisor's own switch path as a program for the explorer: src/hyp/asm/hyp.S assembled exactly as
// the image builder assembles it for this image (the same generated config.S and the same regime/tlb/errata
// variants, at the hypervisor's base), entered at `switch_to` with X19/X20 at the outgoing and incoming contexts'
// table entries (switch-harness.ts), through vmid_check, the regime load, the TLB policy, the EL1 state and `enter`
// to its ERET.
// The include map mirrors assembleHyp in src/hyp/image.ts (not exported); every assembled word is compared with the
// image, so a drift between the two is reported, never explored.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configSource } from '../hyp/context-table.ts';
import { ASM_DIR, type BuiltImage } from '../hyp/image.ts';
import { ImageMemory } from './memory.ts';
import { loadProgram, type Program } from './program.ts';

export interface ReferenceSwitch {
  readonly program: Program;
  /** Where the switch starts (the `switch_to` label). */
  readonly entry: bigint;
}

export function referenceSwitch(img: BuiltImage): ReferenceSwitch {
  const s = img.scenario;
  const virtual: Record<string, string> = {
    'errata.S': readFileSync(join(ASM_DIR, s.errata.includes(1319537) ? 'errata-1319537.S' : 'errata.S'), 'utf8'),
    'config.S': configSource(img.contexts.map((c) => c.regs), s.schedule.slices, s.on_denied === 'skip'),
    'regime.S': readFileSync(join(ASM_DIR, img.hosting === 'seed-literal' ? 'regime-literal.S' : 'regime-correct.S'), 'utf8'),
    'tlb.S': readFileSync(join(ASM_DIR, `tlb-${s.tlb}.S`), 'utf8'),
  };
  const read = (p: string): string | undefined => {
    const name = p.slice(p.lastIndexOf('/') + 1);
    if (virtual[name] !== undefined) return virtual[name];
    try {
      return readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  };
  const main = join(ASM_DIR, 'hyp.S');
  const program = loadProgram(main, readFileSync(main, 'utf8'), { base: BigInt(img.layout.hypBase), read });
  const mem = new ImageMemory(img.image);
  const differ = program.insns.find((i) => Number((mem.readU64(Number(i.addr & ~7n)) >> (8n * (i.addr & 7n))) & 0xffff_ffffn) !== i.word);
  if (differ !== undefined) throw new Error(`the reference switch assembled by src/check/reference-switch.ts differs from the image at ${differ.file}:${differ.line}: keep it in step with assembleHyp in src/hyp/image.ts`);
  return { program, entry: img.symbols.get('switch_to')! };
}
