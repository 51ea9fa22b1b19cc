// The files of dist/ that the build (scripts/build.ts) writes and the launcher (launch.ts) runs: one name per file.
/** The command line's bundle: every command, each command's modules initialized when the command line names it. */
export const BUNDLE_FILE = 'cli.cjs';
/** The packages only some commands load (the scenario's YAML and its schema), bundled apart: `boot` never reads them. */
export const DEPS_FILE = 'deps.cjs';
export const DEPS_PACKAGES: readonly string[] = ['yaml', 'zod'];
/** How the bundle asks the launcher for DEPS_FILE's exports (one property per package). */
export const DEPS_REQUEST = `./${DEPS_FILE}`;
/** A bundle's code cache: the file's name with this after it. */
export const CACHE_SUFFIX = '.cache';
