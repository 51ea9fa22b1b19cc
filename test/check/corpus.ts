// The corpus of test/check/corpus/*.S and what each file's header says `check` must report (corpus.test.ts,
// cli-kinds.test.ts): `// check: ARGS` (a context pair and options), then `// expect:` (line:rule:level of every
// finding, or none), `// cleared:` (quick-rule warnings the exploration proves harmless), `// status:` (default: 1
// with an error, else 0); `// static:` is what the quick rules say without a pair.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExploreOptions } from '../../src/check/explore.ts';
import { buildImage, type BuiltImage } from '../../src/hyp/image.ts';
import { parseScenario } from '../../src/hyp/scenario.ts';

export const CORPUS = 'test/check/corpus';

export interface CorpusCheck {
  readonly file: string;
  readonly args: readonly string[];
  readonly from: string;
  readonly to: string;
  readonly scenario: string;
  readonly options: ExploreOptions;
  readonly expect: readonly string[];
  readonly cleared: readonly string[];
  readonly status: number;
}

export interface CorpusFile {
  readonly file: string;
  readonly text: string;
  readonly checks: readonly CorpusCheck[];
  readonly static: readonly string[];
}

const list = (v: string): string[] => (v.trim() === 'none' ? [] : v.trim().split(/\s+/));

function parseArgs(args: string[]): Pick<CorpusCheck, 'from' | 'to' | 'scenario' | 'options'> {
  let from = '';
  let to = '';
  let scenario = 'scenarios/seed.yaml';
  const options: Record<string, number | boolean> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v = args[i + 1];
    if (a === '--from') from = v!;
    else if (a === '--to') to = v!;
    else if (a === '--scenario') scenario = v!;
    else if (a === '--errata') options.errata = true;
    else if (a === '--start') options[v === 'rollover' ? 'rollover' : 'firstEntry'] = true;
    else if (a === '--max-steps') options.maxSteps = Number(v);
    else throw new Error(`corpus: unknown check option ${a}`);
    if (a !== '--errata') i++;
  }
  return { from, to, scenario, options };
}

/** Every corpus file with its expectations. */
export function corpus(): CorpusFile[] {
  return readdirSync(CORPUS).filter((f) => f.endsWith('.S')).sort().map((name) => {
    const file = join(CORPUS, name);
    const text = readFileSync(file, 'utf8');
    const checks: CorpusCheck[] = [];
    let stat: string[] | undefined;
    for (const l of text.split('\n')) {
      const m = /^\/\/ (check|expect|cleared|status|static):(.*)$/.exec(l);
      if (m === null) continue;
      const [, key, value] = m;
      if (key === 'check') {
        const args = value!.trim().split(/\s+/);
        checks.push({ file, args, ...parseArgs(args), expect: [], cleared: [], status: -1 });
        continue;
      }
      if (key === 'static') {
        stat = list(value!);
        continue;
      }
      const c = checks.at(-1);
      assert.ok(c !== undefined, `${file}: ${key} before any check`);
      checks[checks.length - 1] = key === 'expect' ? { ...c, expect: list(value!) } : key === 'cleared' ? { ...c, cleared: list(value!) } : { ...c, status: Number(value) };
    }
    assert.ok(checks.length > 0 && stat !== undefined, `${file}: needs check: and static: lines`);
    return { file, text, static: stat, checks: checks.map((c) => ({ ...c, status: c.status >= 0 ? c.status : c.expect.some((e) => e.endsWith(':error')) ? 1 : 0 })) };
  });
}

const images = new Map<string, BuiltImage>();
export function image(scenario: string): BuiltImage {
  let img = images.get(scenario);
  if (img === undefined) {
    img = buildImage(parseScenario(readFileSync(scenario, 'utf8'), scenario), scenario);
    images.set(scenario, img);
  }
  return img;
}

