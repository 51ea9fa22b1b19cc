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
/** Each bundle's first characters (the build's esbuild banner; its footer closes it): the file is the expression of a
 *  CommonJS module's wrapper function, which the launcher calls with these arguments in this order. */
export const CJS_WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {';
