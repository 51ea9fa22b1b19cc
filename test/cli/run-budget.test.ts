// `run`'s instruction budget: --max-insns, else the scenario's max_insns, else run.ts DEFAULT_BUDGET.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { CLI } from '../helpers/cli.ts';

const twostage = (...args: string[]) => spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', timeout: 120_000 });

/** scenarios/seed.yaml with `extra` added at its top level, its image sources still found (absolute). */
function seedWith(extra: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'twostage-budget-'));
  const file = join(dir, 'seed.yaml');
  const text = readFileSync('scenarios/seed.yaml', 'utf8').replaceAll('../src/', `${resolve('src')}/`);
  writeFileSync(file, `${extra}\n${text}`);
  return file;
}

const ran = (stdout: string): number => Number(/sync immediate: (\d+) instructions,/.exec(stdout)?.[1]);

test("a scenario's max_insns is run's budget; --max-insns overrides it", () => {
  const file = seedWith('max_insns: 20000');
  const own = twostage('run', file, '--no-timeline');
  assert.equal(ran(own.stdout), 20_000, own.stdout + own.stderr);
  const flag = twostage('run', file, '--no-timeline', '--max-insns', '30000');
  assert.equal(ran(flag.stdout), 30_000, flag.stdout + flag.stderr);
});

test('max_insns must be a positive whole number: file:line: field, exit 2', () => {
  const r = twostage('run', seedWith('max_insns: -5'));
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /:1: max_insns: /);
});
