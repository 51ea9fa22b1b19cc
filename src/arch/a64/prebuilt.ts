// The encoding table's parsed diagrams as the build computed them from this same table: scripts/build.ts gives this
// module, in the shipped bundle, the JSON of every row's diagram with its mask, match, sbo and fields, so the command
// line does not parse 900-odd diagrams at each start. Under tsx (and any other build) it is undefined and table.ts
// parses them; a row takes its entry only when the entry was made from the row's own diagram (encoding.ts), and
// test/cli/dist.test.ts checks the bundle's entries against the rows the sources give.
export const PARSED_ROWS: string | undefined = undefined;
