// The shipped launcher (scripts/build.ts makes it dist/main.cjs, which bin/twostage.js requires): runs the command
// line's bundle (dist/cli.cjs, every command in one CommonJS file, each command's modules initialized only when the
// command line names it) through a V8 code cache, so a run does not parse and compile the bundle's functions again;
// and, when a command first asks for YAML or zod, their bundle (dist/deps.cjs) through a cache of its own.
// A cache (dist/cli.cjs.cache; dist/cli.cjs.hyp.cache, the commands that build hypervisor images have their own:
// dist-files.ts HYP_COMMANDS; dist/deps.cjs.cache) is the bytecode V8 made in a previous run: the build writes them by
// running `boot` and `run` once, and a run that finds one missing, stale or rejected writes it anew when it ends (when
// dist/ is writable).
// A cache never breaks a run: it is used only for the bundle it was made from (its size and modification time, in
// the file's first line) and only if V8 accepts it — V8 checks its version, flags, source length and, with
// --verify-snapshot-checksum, a checksum of the data (without it a corrupt cache can crash V8); otherwise the bundle
// is compiled from its source as usual. Measured in docs/DESIGN-NOTES.md ("Start-up").
// It is built as CommonJS, as bin/twostage.js is (bin/package.json): Node's ES module loader took ≈ 10 ms of every
// start. So it names its directory by CommonJS's __dirname, and ends without a top-level await.
import { isAscii } from 'node:buffer';
import { accessSync, closeSync, constants, fstatSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { BUNDLE_FILE, CACHE_SUFFIX, DEPS_FILE, DEPS_REQUEST, HYP_CACHE_FILE, HYP_COMMANDS } from './dist-files.ts';

/** The bundles next to this file. */
const BUNDLE = join(__dirname, BUNDLE_FILE);
const DEPS = join(__dirname, DEPS_FILE);

/** A cache's first line: what it was made from (a cache of another bundle is not used). */
function cacheKey(bundle: string): string {
  const st = statSync(bundle);
  return `twostage code cache: ${st.size} ${st.mtimeMs}\n`;
}

/**
 * The V8 data of `cache` if it was made from the bundle `key` names, else undefined; read into `spare` (bytes no longer
 * needed) when it fits there. Fresh memory is dear: on a machine whose page faults cost ≈ 12 µs (a Firecracker VM,
 * DESIGN-NOTES "Start-up"), a 1.1 MB cache in new pages took ≈ 3.4 ms of every start.
 */
function readCache(cache: string, key: string, spare: Buffer): Buffer | undefined {
  let data: Buffer;
  try {
    const fd = openSync(cache, 'r');
    try {
      const size = fstatSync(fd).size;
      const into = size <= spare.length ? spare.subarray(0, size) : Buffer.allocUnsafe(size);
      data = into.subarray(0, readSync(fd, into, 0, size, 0));
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const head = Buffer.from(key);
  return data.length > head.length && data.subarray(0, head.length).equals(head) ? data.subarray(head.length) : undefined;
}

/** Write the cache of `script` (atomically: a concurrent run reads the old file or the new one, never a part). */
function writeCache(cache: string, key: string, script: Script): void {
  const tmp = `${cache}.${process.pid}.tmp`;
  try {
    accessSync(dirname(cache), constants.W_OK);
    writeFileSync(tmp, Buffer.concat([Buffer.from(key), script.createCachedData()]));
    renameSync(tmp, cache);
  } catch {
    // a read-only installation: runs go on compiling from the source
    rmSync(tmp, { force: true });
  }
}

/**
 * Run `bundle` (the build writes each as a CommonJS wrapper function's expression, dist-files.ts CJS_WRAPPER_HEAD: V8
 * gets the file's text as one flat string) through the code cache `cache` with `req` as its require; its
 * module.exports. Its key is `key` (cacheKey).
 */
function runBundle(bundle: string, key: string, req: NodeRequire, cache = bundle + CACHE_SUFFIX): unknown {
  // The build writes the bundles in ASCII: decoded as one byte a character it takes a quarter of the time of UTF-8, and
  // V8 gets a one-byte string (a bundle edited since is decoded as UTF-8)
  const bytes = readFileSync(bundle);
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
  // the source is a copy: the cache goes into the file's bytes
  const cachedData = readCache(cache, key, bytes);
  const script = new Script(source, { filename: bundle, ...(cachedData === undefined ? {} : { cachedData }) });
  if (cachedData === undefined || script.cachedDataRejected === true) process.once('exit', () => writeCache(cache, key, script));
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, req, module, bundle, dirname(bundle));
  return module.exports;
}

// V8 then writes a checksum into the caches it makes and rejects a cache whose data does not match it
setFlagsFromString('--verify-snapshot-checksum');

let key: string;
try {
  key = cacheKey(BUNDLE);
} catch {
  process.stderr.write(`twostage: not built (no ${BUNDLE}): run \`npm run build\` (npm ci does it)\n`);
  process.exit(70); // EX_SOFTWARE, as bin/twostage.js without dist/main.cjs
}
// the bundle's require: Node's, and the packages' bundle for DEPS_REQUEST, run at the first such request
const nodeRequire = createRequire(BUNDLE);
let deps: unknown;
const bundleRequire = Object.assign((id: string): unknown => (id === DEPS_REQUEST ? (deps ??= runBundle(DEPS, cacheKey(DEPS), createRequire(DEPS))) : nodeRequire(id)), nodeRequire);
// the command's cache: the hypervisor commands' own, else boot's (the command is the first argument)
const cache = HYP_COMMANDS.includes(process.argv[2] ?? '') ? join(__dirname, HYP_CACHE_FILE) : BUNDLE + CACHE_SUFFIX;
const cli = runBundle(BUNDLE, key, bundleRequire, cache) as { main?: () => Promise<void> };
// a rejection is unhandled: Node prints it and exits with status 1, as a top-level await's would
void cli.main!();
