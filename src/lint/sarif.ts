import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Diagnostic } from '../core/diagnostic.js';
import { RULES } from './rules/index.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/**
 * A SARIF 2.1.0 log of lint findings, as GitHub code scanning takes it (upload-sarif): one run, the
 * rules as the driver's reportingDescriptors, each result with a ruleId, a message and a region. Paths
 * are relative to `root` (the repository), with '/' separators. Diagnostics that are not a rule's (a
 * schema error) are reported under their own code, as a rule without help.
 */
export function sarifLog(diagnostics: readonly Diagnostic[], version: string): Log {
  const rules: ReportingDescriptor[] = RULES.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: r.description },
    defaultConfiguration: { level: LEVEL[r.severity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  // A lint rule's diagnostics carry `lint/<id>`; SARIF names the rule by its id.
  const ruleId = (d: Diagnostic) => d.code.replace(/^lint\//, '');
  for (const d of diagnostics) {
    if (index.has(ruleId(d))) continue;
    index.set(ruleId(d), rules.length);
    rules.push({ id: ruleId(d), shortDescription: { text: `plangen ${ruleId(d)}` } });
  }
  const results: Result[] = diagnostics.map((d) => ({
    ruleId: ruleId(d),
    ruleIndex: index.get(ruleId(d))!,
    level: LEVEL[d.severity],
    message: { text: d.hint ? `${d.message} (${d.hint})` : d.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: d.file.split('\\').join('/') },
          // Line 0 means the whole file; SARIF regions start at 1.
          region: { startLine: Math.max(1, d.line), startColumn: Math.max(1, d.col) },
        },
      },
    ],
  }));
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'plangen', version, rules } },
        // Our columns count characters (code points), as an editor does (src/spec/position.ts).
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
}
