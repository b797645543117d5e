import type { ParseResult } from '../../../proto/records/common.js';
import type { IpSlaSummary, SlaEntryState } from '../../../proto/records/health.js';
import { parseDuration } from '../duration.js';
import { fields, splitLines, Warnings, type Line } from '../lines.js';
import { columnStarts, foldContinuations, isContinuation } from '../wrapped-rows.js';
import { isCaptureNoise, isSlaReturnCode, slaEntryState, slaReturnCode } from './common.js';

const CODES: Record<string, SlaEntryState> = { '*': 'active', '^': 'inactive', '~': 'pending' };
// Rules may mark column joins with `+` (`------+------------+----`).
const LEGEND = /^(IPSLAs Latest Operation Summary|Codes: .*|All Stats are in .*|-[-+\s]*)$/i;
// IOS-XE prints one header line; IOS 15 splits `Stats (ms)`, `Return Code` and
// `Last Run` over two, the second holding only the lower words.
const HEADER =
  /^ID\s+Type\s+Destination\s+(State\s+)?Stats(\s*\(ms\))?\s+Return\s*Code\s+Last\s*Run$|^ID\s+Type\s+Destination\s+(State\s+)?Stats\s+Return\s+Last$/i;
const HEADER_SECOND_LINE = /^(\(ms\)\s+)?Code\s+Run$/i;
const ROW_ID = /^([*^~]?)(\d+)$/;
const ROW_START = /^[*^~]?\d+\s/;
// The longest return code IOS prints, in words (`HTTP transaction timeout`).
const MAX_CODE_WORDS = 3;

/**
 * `show ip sla summary`. Rows too wide for the terminal continue on the next
 * line under their column (see wrapped-rows.ts). IOS-XE marks the state with a code before the id
 * (`*1`); some releases print a State column instead and a start time in
 * LastRun (corpus: genieparser ShowIpSlaSummary golden_output_2).
 */
export function parseIpSlaSummary(text: string): ParseResult<IpSlaSummary> {
  const warnings = new Warnings("a row '[*^~]ID Type Destination [State] Stats ReturnCode LastRun' under the column header");
  const records: IpSlaSummary[] = [];
  let hasStateColumn = false;
  let starts: number[] = [];
  let pending: Line | undefined;
  let continuations: string[] = [];
  const flush = () => {
    if (!pending) return;
    const text = foldContinuations(pending.text, continuations, starts);
    continuations = [];
    const row = summaryRow(fields(text), hasStateColumn);
    if (row) records.push(row);
    else warnings.add(pending, 'unrecognised IP SLA summary row');
    pending = undefined;
  };

  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '' || LEGEND.test(t) || HEADER_SECOND_LINE.test(t) || isCaptureNoise(t)) continue;
    const header = HEADER.exec(t);
    if (header) {
      flush();
      hasStateColumn = header[1] !== undefined || header[3] !== undefined;
      starts = columnStarts(line.text);
      continue;
    }
    if (pending && !ROW_START.test(t) && isContinuation(line.text, starts)) {
      continuations.push(line.text);
      continue;
    }
    flush();
    pending = line;
  }
  flush();
  return { records, warnings: warnings.list };
}

function summaryRow(f: string[], hasStateColumn: boolean): IpSlaSummary | undefined {
  const id = ROW_ID.exec(f[0] ?? '');
  const minimum = hasStateColumn ? 7 : 6;
  if (!id || f.length < minimum) return undefined;
  const [type, destination] = [f[1]!, f[2]!];
  let i = 3;
  let state: SlaEntryState = CODES[id[1]!] ?? 'unknown';
  let stateRaw = id[1]!;
  if (hasStateColumn) {
    stateRaw = f[i]!;
    state = slaEntryState(stateRaw);
    i++;
  }
  const statsRaw = f[i++]!;
  // A code may be several words (`Over threshold`, `DNS query error`): the longest run that is one.
  let words = 1;
  for (let k = Math.min(MAX_CODE_WORDS, f.length - i - 1); k > 1; k--) {
    if (isSlaReturnCode(f.slice(i, i + k).join(' '))) {
      words = k;
      break;
    }
  }
  const returnCodeRaw = f.slice(i, i + words).join(' ');
  i += words;
  const lastRunRaw = f.slice(i).join(' ');
  if (lastRunRaw === '') return undefined;
  const row: IpSlaSummary = {
    operationId: Number(id[2]),
    type,
    destination,
    state,
    stateRaw,
    returnCode: slaReturnCode(returnCodeRaw),
    returnCodeRaw,
    statsRaw,
    lastRunRaw,
  };
  const rtt = statsRtt(statsRaw);
  if (rtt !== undefined) row.rttMs = rtt;
  const ago = /^(.*) ago$/.exec(lastRunRaw);
  const agoSec = ago ? parseDuration(ago[1]!) : undefined;
  if (agoSec !== undefined) row.lastRunAgoSec = agoSec;
  return row;
}

/** `RTT=44` or `100` in milliseconds; a `u` marks microseconds (legend: "Stats with u are in microseconds"). */
function statsRtt(raw: string): number | undefined {
  const m = /^(?:RTT=)?(u?)(\d+(?:\.\d+)?)(u?)$/.exec(raw);
  if (!m) return undefined;
  return m[1] === 'u' || m[3] === 'u' ? Number(m[2]) / 1000 : Number(m[2]);
}
