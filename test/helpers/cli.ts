// The command line as the tests run it: the TypeScript sources through tsx, so a test checks the code of the tree
// it runs in. bin/twostage.js runs the built dist/ instead; test/cli/dist.test.ts checks that the two agree.
import { fileURLToPath } from 'node:url';

/** Node arguments that run `twostage` (append the command line): `spawnSync(process.execPath, [...CLI, 'boot', f])`. */
export const CLI: readonly string[] = ['--import', 'tsx', fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url))];
