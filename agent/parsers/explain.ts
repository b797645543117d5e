import type { ParseResult, ParseWarning } from '../../proto/records/common.js';
import type { CommandArgs, CommandSpec } from './command-spec.js';
import { formatWarning } from './lines.js';

/** What the parser did with one line of the output. */
export interface LineExplanation {
  /** 1-based, as in warnings. */
  line: number;
  text: string;
  /**
   * `record`: the line started or changed records (`effect` says which fields);
   * `understood`: a line the grammar knows that records nothing (legend, header,
   * statistics, echoed command); `warning`: no rule read it; `blank`;
   * `not-explained`: past `explainedLines`, read without a warning.
   */
  kind: 'record' | 'understood' | 'warning' | 'blank' | 'not-explained';
  /** `new record 2: name=Tunnel100, operState=up` or `record 2: mtu=1400, bandwidthKbps=8000`. */
  effect?: string;
  /** The warning as `formatWarning` writes it. */
  warning?: string;
}

export interface Explanation {
  command: string;
  /** Lines explained one by one; those past it only checked for warnings. */
  explainedLines: number;
  lines: LineExplanation[];
  result: ParseResult<unknown>;
}

/**
 * Explaining costs one parse per line (quadratic): a 3,300-line `show interfaces`
 * took 45 s. Lines past this many are only checked against the full parse's
 * warnings, which every line still gets.
 */
export const MAX_EXPLAINED_LINES = 1500;
const MAX_FIELDS_SHOWN = 8;
const MAX_VALUE_CHARS = 40;

/**
 * Explains a parse line by line, for `spokepilot parse --explain`. Every parser
 * reads its lines in one pass, so the effect of line N is the difference
 * between the records of the first N lines and those of the first N-1: which
 * record it started and which fields it set. That is the rule that read it,
 * seen from its result, and it is the same code the agent runs, not a second
 * grammar that could disagree. Warnings come from the whole parse. Quadratic in
 * the number of lines: a diagnosis tool for one output, not the agent's path.
 */
/** `maxExplained` is the CLI's cap unless a caller (a test) wants a smaller one. */
export function explainParse(spec: CommandSpec, args: CommandArgs, text: string, maxExplained = MAX_EXPLAINED_LINES): Explanation {
  const raw = text.split('\n');
  const result = spec.parse(text, args);
  const warningsByLine = new Map<number, ParseWarning[]>();
  for (const w of result.warnings) {
    const list = warningsByLine.get(w.line) ?? [];
    list.push(w);
    warningsByLine.set(w.line, list);
  }
  const lines: LineExplanation[] = [];
  let before = new Map<string, string>();
  let beforeCount = 0;
  let beforeRecords: readonly unknown[] = [];
  for (let i = 0; i < raw.length; i++) {
    const n = i + 1;
    const lineText = (raw[i] ?? '').replace(/\r$/, '');
    if (i >= maxExplained) {
      const warned = warningsByLine.get(n);
      if (warned) lines.push({ line: n, text: lineText, kind: 'warning', warning: warned.map(formatWarning).join(' | ') });
      else lines.push({ line: n, text: lineText, kind: lineText.trim() === '' ? 'blank' : 'not-explained' });
      continue;
    }
    // The last prefix is the whole text: reuse the full parse rather than run it twice.
    const prefix = i === raw.length - 1 ? result : spec.parse(raw.slice(0, n).join('\n'), args);
    // A line extends the record being read or starts new ones: only the last record of
    // the previous prefix and those after it are compared (flattening all of them on
    // every line made a 3,300-line output take minutes).
    const from = Math.max(0, beforeCount - 1);
    const after = flatten(prefix.records, from);
    let effect = describeChange(before, after);
    // A line that changed none of those may still add to an earlier record (`show dmvpn detail`
    // gives each peer its crypto session after the peer table): only then are all compared.
    if (!effect && from > 0 && lineText.trim() !== '') effect = describeChange(flatten(beforeRecords, 0), flatten(prefix.records, 0));
    before = after;
    beforeCount = prefix.records.length;
    beforeRecords = prefix.records;
    const warned = warningsByLine.get(n);
    if (warned) {
      lines.push({
        line: n,
        text: lineText,
        kind: 'warning',
        warning: warned.map(formatWarning).join(' | '),
        ...(effect ? { effect } : {}),
      });
    } else if (lineText.trim() === '') {
      lines.push({ line: n, text: lineText, kind: 'blank' });
    } else if (effect) {
      lines.push({ line: n, text: lineText, kind: 'record', effect });
    } else {
      lines.push({ line: n, text: lineText, kind: 'understood' });
    }
  }
  // Warnings about the output as a whole (line 0), e.g. an SA that never got its endpoints.
  for (const w of warningsByLine.get(0) ?? []) lines.push({ line: 0, text: w.text, kind: 'warning', warning: formatWarning(w) });
  return { command: spec.id, explainedLines: maxExplained, lines, result };
}

/** `3.counters.crc -> "0"`: every leaf of the records from index `from` on, arrays of scalars joined. */
function flatten(records: readonly unknown[], from: number): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: unknown, path: string): void => {
    if (value === undefined) return;
    if (value === null || typeof value !== 'object') {
      out.set(path, String(value));
      return;
    }
    if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) {
      out.set(path, value.join(', '));
      return;
    }
    for (const [k, v] of Object.entries(value)) walk(v, Array.isArray(value) ? `${path}[${k}]` : `${path}.${k}`);
  };
  for (let i = from; i < records.length; i++) walk(records[i], `${i + 1}`);
  return out;
}

/** Groups the fields that appeared or changed by record: `new record 3: ...; record 2: ...`. */
function describeChange(before: Map<string, string>, after: Map<string, string>): string | undefined {
  const byRecord = new Map<string, string[]>();
  const fresh = new Set<string>();
  const known = new Set([...before.keys()].map((p) => recordOf(p)[0]));
  const last = Math.max(0, ...[...known].map(Number));
  for (const [path, value] of after) {
    if (before.get(path) === value) continue;
    const [rec, field] = recordOf(path);
    if (!known.has(rec) && Number(rec) > last) fresh.add(rec);
    const list = byRecord.get(rec) ?? [];
    list.push(`${field}=${clip(value)}`);
    byRecord.set(rec, list);
  }
  const compared = new Set([...after.keys()].map((p) => recordOf(p)[0]));
  const removed = [...before.keys()].filter((p) => compared.has(recordOf(p)[0]) && !after.has(p)).length;
  const parts = [...byRecord].map(([rec, fields]) => {
    const shown = fields.slice(0, MAX_FIELDS_SHOWN).join(', ');
    const more = fields.length > MAX_FIELDS_SHOWN ? ` (+${fields.length - MAX_FIELDS_SHOWN} more)` : '';
    return `${fresh.has(rec) ? 'new record' : 'record'} ${rec}: ${shown}${more}`;
  });
  if (removed > 0) parts.push(`${removed} field(s) regrouped`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** `3.counters.crc` -> [`3`, `counters.crc`]. */
function recordOf(path: string): [string, string] {
  const cut = path.search(/[.[]/);
  return cut < 0 ? [path, ''] : [path.slice(0, cut), path.slice(cut).replace(/^\./, '')];
}

function clip(value: string): string {
  const s = /^[\w./:-]+$/.test(value) ? value : JSON.stringify(value);
  return s.length > MAX_VALUE_CHARS ? `${s.slice(0, MAX_VALUE_CHARS - 1)}…` : s;
}

/** The explanation as text, one line per output line: `  12  record      <text>  -> <effect>`. */
export function formatExplanation(e: Explanation): string {
  const count = (k: LineExplanation['kind']) => e.lines.filter((l) => l.kind === k).length;
  const skipped = count('not-explained');
  const tail = skipped > 0 ? `; ${skipped} read without a warning past line ${e.explainedLines}, not explained one by one` : '';
  const head = `${e.command}: ${e.result.records.length} record(s); lines: ${count('record')} recorded, ${count('understood')} understood without a field, ${count('warning')} not read (warning), ${count('blank')} blank${tail}`;
  const width = String(e.lines.length).length;
  const body = e.lines
    .filter((l) => l.kind !== 'blank' && l.kind !== 'not-explained')
    .map((l) => {
      const where = l.line === 0 ? 'all'.padStart(width) : String(l.line).padStart(width);
      const kind = l.kind.padEnd(10);
      const what =
        l.kind === 'warning' ? `WARNING ${l.warning}` : l.kind === 'understood' ? 'understood; records nothing' : `-> ${l.effect}`;
      return `${where}  ${kind}  ${l.text.trim()}\n${' '.repeat(width + 14)}${what}`;
    });
  return [head, ...body].join('\n');
}
