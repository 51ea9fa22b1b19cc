// Layer rules of DESIGN.md §2, checked by dependency-cruiser (test/layers.test.ts runs them in `npm test`; by hand:
// `npx depcruise src`). Data flows one way: a folder of src/ imports only folders listed before it in LAYERS.
// Every import form counts: static and dynamic imports, `import type`, `import('…')` type queries, `export … from`
// (tsPreCompilationDeps keeps the dependencies TypeScript erases).

/** src/ folders in dependency order. */
export const LAYERS = ['bits', 'arch', 'memory', 'devices', 'mmu', 'cpu', 'asm', 'elf', 'machine', 'hyp', 'check', 'cli', 'web'];

/** For each layer, a rule forbidding imports of every later layer. */
const layerRules = LAYERS.map((layer, i) => ({
  name: `layer-${layer}`,
  comment: `src/${layer} imports only ${LAYERS.slice(0, i).join(', ') || 'nothing else in src'} (DESIGN.md §2)`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${LAYERS.slice(i + 1).join('|')})/` },
}));

export default {
  forbidden: [
    ...layerRules,
    {
      name: 'asm-without-executor',
      comment: 'the assembler and disassembler read the encoding table in src/arch, never the executor or the MMU',
      severity: 'error',
      from: { path: '^src/asm/' },
      to: { path: '^src/(memory|devices|mmu|cpu)/' },
    },
    {
      name: 'src-not-outside',
      comment: 'src/ imports no test, bench or script code',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(test|bench|scripts)/' },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'every relative import resolves to a file',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, path: '^[.]' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6'],
  },
};
