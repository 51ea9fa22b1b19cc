// The shipped launcher (scripts/build.ts makes it dist/main.cjs, which bin/twostage.js requires): runs the command
// line's bundle (dist/cli.cjs, every command in one CommonJS file, each command's modules initialized only when the
// command line names it) through a V8 code cache, so a run does not parse and compile the bundle's functions again.
// The cache (dist/cli.cjs.cache) is the bytecode V8 made in a previous run: the build writes it by running `boot`
// once, and a run that finds it missing, stale or rejected writes it anew when it ends (when dist/ is writable).
// A cache never breaks a run: it is used only for the bundle it was made from (its size and modification time, in
// the file's first line) and only if V8 accepts it — V8 checks its version, flags, source length and, with
// --verify-snapshot-checksum, a checksum of the data (without it a corrupt cache can crash V8); otherwise the bundle
// is compiled from its source as usual. Measured in docs/DESIGN-NOTES.md ("Start-up").
// It is built as CommonJS, as bin/twostage.js is (bin/package.json): Node's ES module loader took ≈ 10 ms of every
// start. So it names its directory by CommonJS's __dirname, and ends without a top-level await.
import { isAscii } from 'node:buffer';
import { accessSync, constants, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';

/** The bundle next to this file, and its cache. */
const BUNDLE = join(__dirname, 'cli.cjs');
const CACHE = `${BUNDLE}.cache`;

/** The cache's first line: what it was made from (a cache of another bundle is not used). */
function cacheKey(bundle: string): string {
  const st = statSync(bundle);
  return `twostage code cache: ${st.size} ${st.mtimeMs}\n`;
}

/** The cache's V8 data if it was made from this bundle, else undefined. */
function readCache(key: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(CACHE);
  } catch {
    return undefined;
  }
  const head = Buffer.from(key);
  return data.length > head.length && data.subarray(0, head.length).equals(head) ? data.subarray(head.length) : undefined;
}

/** Write the cache of `script` (atomically: a concurrent run reads the old file or the new one, never a part). */
function writeCache(key: string, script: Script): void {
  const tmp = `${CACHE}.${process.pid}.tmp`;
  try {
    accessSync(dirname(CACHE), constants.W_OK);
    writeFileSync(tmp, Buffer.concat([Buffer.from(key), script.createCachedData()]));
    renameSync(tmp, CACHE);
  } catch {
    // a read-only installation: runs go on compiling from the source
    rmSync(tmp, { force: true });
  }
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
const cachedData = readCache(key);
// The build writes the bundle in ASCII: decoded as one byte a character it takes a quarter of the time of UTF-8, and
// V8 gets a one-byte string (a bundle edited since is decoded as UTF-8)
const bytes = readFileSync(BUNDLE);
const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
// The bundle is a CommonJS wrapper function's expression already (scripts/build.ts): one flat string for V8
const script = new Script(source, {
  filename: BUNDLE,
  ...(cachedData === undefined ? {} : { cachedData }),
});
if (cachedData === undefined || script.cachedDataRejected === true) process.once('exit', () => writeCache(key, script));
const module = { exports: {} as { main?: () => Promise<void> } };
(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
// a rejection is unhandled: Node prints it and exits with status 1, as a top-level await's would
void module.exports.main!();
