// The reference hypervisor's own switch path as a program for the explorer: src/hyp/asm/hyp.S assembled exactly as
// the image builder assembles it for this image (its include reader: the same generated config.S, the same
// regime/tlb/errata variants and any source override, at the hypervisor's base), entered at `switch_to` with X19/X20
// at the outgoing and incoming contexts' table entries (switch-harness.ts), through vmid_check, the regime load, the
// TLB policy, the EL1 state and `enter` to its ERET.
// Every assembled word is compared with the image, so a drift between the two is reported, never explored.
import { configSource } from '../hyp/context-table.ts';
import { hypMain, hypReader, type BuiltImage } from '../hyp/image.ts';
import { ImageMemory } from './memory.ts';
import { loadProgram, type Program } from './program.ts';

export interface ReferenceSwitch {
  readonly program: Program;
  /** Where the switch starts (the `switch_to` label). */
  readonly entry: bigint;
}

export function referenceSwitch(img: BuiltImage): ReferenceSwitch {
  const s = img.scenario;
  const read = hypReader(s, img.hosting, configSource(img.contexts.map((c) => c.regs), s.schedule.slices, s.on_denied === 'skip'), img.asmOverride);
  const { main, text } = hypMain(read);
  const program = loadProgram(main, text, { base: BigInt(img.layout.hypBase), read });
  const mem = new ImageMemory(img.image);
  const differ = program.insns.find((i) => Number((mem.readU64(Number(i.addr & ~7n)) >> (8n * (i.addr & 7n))) & 0xffff_ffffn) !== i.word);
  if (differ !== undefined) throw new Error(`the reference switch assembled by src/check/reference-switch.ts differs from the image at ${differ.file}:${differ.line}: keep it in step with hypReader in src/hyp/image.ts`);
  return { program, entry: img.symbols.get('switch_to')! };
}
