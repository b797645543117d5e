import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Whose expected result a case carries: genieparser's dict, an ntc-templates
 * YAML, or `facts`: a JSON object of facts in our own vocabulary
 * (`<name>.facts.json`), written for real captures no other parser covers.
 */
export type CaseSource = 'genie' | 'ntc' | 'facts';

export interface CorpusCase {
  source: CaseSource;
  command: string;
  rawPath: string;
  expectedPath: string;
  argsPath?: string;
  parserClass: string;
}

export class CorpusIndexError extends Error {
  readonly code = 'CONFORMANCE_BAD_INDEX';
}

const REQUIRED = ['repo', 'command', 'raw_path', 'expected_path'] as const;

/** Reads `INDEX.tsv` (header row, tab-separated; columns found by name so more may be added). */
export function readCorpusIndex(corpusDir: string): CorpusCase[] {
  const text = readFileSync(join(corpusDir, 'INDEX.tsv'), 'utf8');
  const [header, ...rows] = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (!header) throw new CorpusIndexError(`${corpusDir}/INDEX.tsv is empty`);
  const cols = header.split('\t');
  for (const c of REQUIRED) {
    if (!cols.includes(c)) throw new CorpusIndexError(`INDEX.tsv lacks column "${c}"`);
  }
  const at = (row: string[], name: string): string => row[cols.indexOf(name)] ?? '';
  return rows.map((line) => {
    const row = line.split('\t');
    const repo = at(row, 'repo');
    const expected = at(row, 'expected_path');
    const source: CaseSource = expected.endsWith('.facts.json') ? 'facts' : /ntc-templates/i.test(repo) ? 'ntc' : 'genie';
    const args = at(row, 'args_path');
    return {
      source,
      command: at(row, 'command'),
      rawPath: at(row, 'raw_path'),
      expectedPath: expected,
      ...(args ? { argsPath: args } : {}),
      parserClass: at(row, 'parser_class'),
    };
  });
}
