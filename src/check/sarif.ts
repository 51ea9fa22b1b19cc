// SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/) for code-scanning tools: one run, the
// rules in tool.driver.rules, one result per finding located at its source line and column.
import { RULES, ruleIndex, type Finding } from './findings.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export function toSarif(findings: readonly Finding[], version: string): unknown {
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'twostage',
            version,
            rules: RULES.map((r) => ({ id: r.id, name: r.id, shortDescription: { text: r.title }, fullDescription: { text: r.rule } })),
          },
        },
        results: findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex(f.ruleId),
          level: f.level,
          message: { text: [f.message, ...f.details, ...f.counterexample.map((c, i) => `${i + 1}. ${c}`), `Fix: ${f.fix}`].join('\n') },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.file.split('\\').join('/') },
                region: { startLine: f.line, startColumn: f.col, snippet: { text: f.source } },
              },
            },
          ],
        })),
      },
    ],
  };
}
