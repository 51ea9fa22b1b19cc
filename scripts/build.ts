// Build the shipped command line (`npm run build`, run by `npm ci` through `prepare`): src/cli/main.ts bundled by
// esbuild into ESM for Node 20 in dist/ (default) or the directory given as the first argument, with source maps.
// Each command's module is a separate chunk that main.ts imports only when the command line names it, so
// `twostage boot` loads neither the assembler nor the hypervisor builder nor YAML/zod (test/cli/dist.test.ts follows
// the built boot chunk's imports and fails if it does). Packages stay external
// (resolved from node_modules at run time). `bin/twostage.js` runs dist/main.js; tsx stays for development and
// tests (test/cli/dist.test.ts builds a copy and compares it with the TypeScript one).
import { readFile, rm } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRY = 'main'; // dist/main.js: what bin/twostage.js imports

/**
 * In a bundle, `import.meta.url` is the output file's URL; the sources use it to find files next to them
 * (src/hyp/asm/*.S, package.json). Each module's occurrences are rewritten to the URL of its source file, computed at
 * run time relative to the bundle (every output file sits directly in the output directory), so the built code
 * reads the same files wherever the checkout is.
 */
function sourceUrls(outdir: string): Plugin {
  return {
    name: 'source-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        const rel = relative(outdir, args.path).split('\\').join('/');
        return { contents: text.replaceAll('import.meta.url', `new URL(${JSON.stringify(rel)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}

export async function buildCli(outdir: string): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { [ENTRY]: resolve(ROOT, 'src/cli/main.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [sourceUrls(outdir)],
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildCli(resolve(process.argv[2] ?? resolve(ROOT, 'dist')));
}
