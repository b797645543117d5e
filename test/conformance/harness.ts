import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { resolveCommand } from '../../agent/parsers/registry.js';
import { compareFacts, Facts, type Mismatch } from './facts.js';
import { readCorpusIndex, type CorpusCase } from './corpus-index.js';
import { MAPPERS } from './mappers/index.js';

export type Verdict = 'pass' | 'fail' | 'excluded' | 'unsupported';

export interface CaseResult {
  case: CorpusCase;
  verdict: Verdict;
  /** Fields compared (upstream facts) when the case ran. */
  compared: number;
  mismatches: Mismatch[];
  /** Why it failed outside a field mismatch, or why it was excluded. */
  note?: string;
  parseWarnings: number;
}

/** `raw_path<TAB>reason` lines; `#` comments. */
export function readExclusions(file: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [path, reason] = line.split('\t');
    if (path && reason) out.set(path.trim(), reason.trim());
  }
  return out;
}

export function runCase(corpusDir: string, c: CorpusCase, exclusions: Map<string, string>): CaseResult {
  const base = { case: c, compared: 0, mismatches: [] as Mismatch[], parseWarnings: 0 };
  const excluded = exclusions.get(c.rawPath);
  if (excluded) return { ...base, verdict: 'excluded', note: excluded };
  const resolved = resolveCommand(c.command);
  if (!resolved) return { ...base, verdict: 'unsupported', note: 'no parser for this command' };
  const mapper = MAPPERS[resolved.spec.id];
  const mapUpstream = mapper && (c.source === 'facts' ? factsOf : c.source === 'genie' ? mapper.genie : mapper.ntc);
  if (!mapper || !mapUpstream) {
    return { ...base, verdict: 'fail', note: `no ${c.source} mapper for ${resolved.spec.id}` };
  }
  try {
    const raw = readFileSync(join(corpusDir, c.rawPath), 'utf8');
    const expected = loadExpected(corpusDir, c);
    const args = c.argsPath ? JSON.parse(readFileSync(join(corpusDir, c.argsPath), 'utf8')) : {};
    const result = resolved.spec.parse(raw, resolved.args);
    const upstream = mapUpstream.call(mapper, expected, args);
    const ours = mapper.ours(result.records, resolved.args, c.source);
    const mismatches = compareFacts(upstream, ours);
    const common = { ...base, compared: upstream.size, mismatches, parseWarnings: result.warnings.length };
    if (upstream.size === 0) return { ...common, verdict: 'fail', note: 'mapper found no comparable fields' };
    // A capture with our own expected facts must also come out clean: every line understood.
    if (c.source === 'facts' && result.warnings.length > 0) {
      const first = result.warnings[0]!;
      return {
        ...common,
        verdict: 'fail',
        note: `${result.warnings.length} parse warning(s), first line ${first.line}: ${first.text} (${first.reason})`,
      };
    }
    return { ...common, verdict: mismatches.length === 0 ? 'pass' : 'fail' };
  } catch (err) {
    return { ...base, verdict: 'fail', note: `error: ${(err as Error).stack ?? String(err)}` };
  }
}

/** A `.facts.json` file: `{ "facts": { "hostname": "spoke1", ... } }`, keys as our mapper writes them. */
function factsOf(expected: unknown): Facts {
  const f = new Facts();
  const facts = (expected as { facts?: Record<string, unknown> } | null)?.facts ?? {};
  for (const [key, value] of Object.entries(facts)) f.set(key, value);
  return f;
}

function loadExpected(corpusDir: string, c: CorpusCase): unknown {
  const text = readFileSync(join(corpusDir, c.expectedPath), 'utf8');
  if (c.source === 'genie' || c.source === 'facts') return JSON.parse(text);
  const doc = parseYaml(text) as { parsed_sample?: unknown[] } | null;
  return doc?.parsed_sample ?? [];
}

export function runCorpus(corpusDir: string, exclusionsFile: string): CaseResult[] {
  const exclusions = readExclusions(exclusionsFile);
  return readCorpusIndex(corpusDir).map((c) => runCase(corpusDir, c, exclusions));
}

export function formatResult(r: CaseResult, verbose = false): string {
  const tag = r.verdict.toUpperCase().padEnd(11);
  const head = `${tag} ${r.case.command}  ${r.case.rawPath}`;
  if (r.verdict === 'pass') return `${head}  (${r.compared} fields)`;
  if (r.verdict !== 'fail') return `${head}  (${r.note})`;
  const shown = verbose ? r.mismatches : r.mismatches.slice(0, 5);
  const detail = shown.map((m) => `${m.key}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`).join('; ');
  const more = r.mismatches.length > shown.length ? ` (+${r.mismatches.length - shown.length} more)` : '';
  const note = r.note ? ` ${r.note}` : '';
  return `${head}  ${r.mismatches.length}/${r.compared} fields differ${note}${detail ? ': ' + detail : ''}${more}`;
}

export function summaryLine(results: CaseResult[]): string {
  const count = (v: Verdict) => results.filter((r) => r.verdict === v).length;
  const skipped = count('excluded') + count('unsupported');
  return `conformance: ${count('pass')} passed, ${count('fail')} failed, ${skipped} skipped`;
}
