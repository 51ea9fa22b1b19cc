// What the litmus suite scripts (litmus-catalogue.ts, litmus-isla.ts) share: their command-line options and the bare
// clone of a public test repository they read pinned commits from with `git show`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The value after `--name` on the command line. */
export function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** `git --git-dir DIR ARGS…`: its output, or an error with git's message. */
export function git(gitDir: string, ...args: string[]): string {
  const r = spawnSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.trim()}`);
  return r.stdout;
}

/** The clone to read: --git-dir, else $`env`, else ~/.cache/twostage/`cache`, cloned bare from `url` on first use. */
export function testRepository(env: string, cache: string, url: string): string {
  const gitDir = option('--git-dir') ?? process.env[env] ?? join(homedir(), '.cache/twostage', cache);
  if (!existsSync(gitDir)) {
    const r = spawnSync('git', ['clone', '--bare', '--quiet', url, gitDir], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`cannot clone ${url} into ${gitDir}`);
  }
  return gitDir;
}
