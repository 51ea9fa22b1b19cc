// The files of dist/ that the build (scripts/build.ts) writes and the launcher (launch.ts) runs, and their shape:
// one source each.
/** The command line's bundle: every command, each command's modules initialized when the command line names it. */
export const BUNDLE_FILE = 'cli.cjs';
/** The packages only some commands load (the scenario's YAML and its schema), bundled apart: `boot` never reads them. */
export const DEPS_FILE = 'deps.cjs';
export const DEPS_PACKAGES: readonly string[] = ['yaml', 'zod'];
/** How the bundle asks the launcher for DEPS_FILE's exports (one property per package). */
export const DEPS_REQUEST = `./${DEPS_FILE}`;
/** A bundle's code cache: the file's name with this after it. */
export const CACHE_SUFFIX = '.cache';
/**
 * The commands that build hypervisor images (the assembler, the image builder, the observer, the checker): the command
 * line's bundle runs for them through a code cache of their own, HYP_CACHE_FILE, and for every other command through
 * BUNDLE_FILE's. One cache of what both kinds compile (1.8 MB) made `boot` of hello.elf 1.05× slower to start; boot's
 * (1.1 MB) left `run` compiling the assembler from source at every start (1.05× of `run scenarios/seed.yaml`).
 */
export const HYP_COMMANDS: readonly string[] = ['run', 'audit', 'check', 'build'];
export const HYP_CACHE_FILE = `${BUNDLE_FILE}.hyp${CACHE_SUFFIX}`;
/** Each bundle's first characters (the build's esbuild banner; its footer closes it): the file is the expression of a
 *  CommonJS module's wrapper function, which the launcher calls with these arguments in this order. */
export const CJS_WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {';
