// Tables the build computes from the sources instead of each start of the command line: scripts/build.ts gives this
// module, in the shipped bundle, their JSON — the encoding table's parsed diagrams (every row's diagram with its mask,
// match, sbo and fields; table.ts) and DecodeBitMasks' table (bitmask.ts). Under tsx (and any other build) they are
// undefined and those modules compute them; a row takes its entry only when the entry was made from the row's own
// diagram (encoding.ts). test/cli/dist.test.ts checks the bundle's tables against what the sources give.
export const PARSED_ROWS: string | undefined = undefined;
export const BITMASKS: string | undefined = undefined;
