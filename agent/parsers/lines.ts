import type { ParseWarning } from '../../proto/records/common.js';

export interface Line {
  /** 1-based line number in the original text. */
  n: number;
  /** The line with trailing whitespace removed. */
  text: string;
}

const MAX_WARNING_TEXT = 200;
// `Router#show ip route`, `spoke1>sh ver`, or a bare prompt `spoke1#`.
const PROMPT_LINE = /^[A-Za-z0-9][\w.\-:()/]*[#>]\s*(\S.*)?$/;
// From configuration mode the command is typed after `do`: `R4(config-if)#do sh ip int bri`.
const ECHOED_COMMAND = /^\s*(?:do\s+)?sh(o(w)?)?\s+\S/i;

/**
 * Splits device output into lines, dropping what a capture adds around the
 * command's own output: the echoed command (some corpus raws start with it), a
 * trailing bare prompt, backspace/carriage-return debris from paging.
 */
export function splitLines(text: string): Line[] {
  const raw = text.split('\n');
  const out: Line[] = [];
  for (let i = 0; i < raw.length; i++) {
    let t = raw[i] ?? '';
    if (t.includes('\r') || t.includes('\b')) t = cleanTerminalDebris(t);
    out.push({ n: i + 1, text: t.trimEnd() });
  }
  const first = out.findIndex((l) => l.text.trim() !== '');
  if (first >= 0) {
    const t = out[first]!.text;
    const m = PROMPT_LINE.exec(t.trim());
    if (ECHOED_COMMAND.test(t) || (m && m[1] !== undefined && ECHOED_COMMAND.test(m[1]))) out[first] = { n: out[first]!.n, text: '' };
  }
  for (let i = out.length - 1; i >= 0; i--) {
    const t = out[i]!.text.trim();
    if (t === '') continue;
    if (/^[A-Za-z0-9][\w.\-:()/]*[#>]$/.test(t)) out[i] = { n: out[i]!.n, text: '' };
    break;
  }
  return out;
}

/** Keeps what follows the last carriage return and applies backspaces, as a terminal would show it. */
function cleanTerminalDebris(t: string): string {
  const segments = t.split('\r');
  let s = segments.reverse().find((seg) => seg.trim() !== '') ?? '';
  // eslint-disable-next-line no-control-regex -- backspaces are what we remove
  while (s.includes('\b')) s = s.replace(/[^\x08]\x08|^\x08+/, '');
  return s;
}

/**
 * Collects warnings for lines a parser could not use; keeps them small. Each
 * says what the parser expected there: the call's own words, or the command's
 * line kinds given at construction. The registry adds the command.
 */
export class Warnings {
  readonly list: ParseWarning[] = [];
  constructor(private readonly expectedByDefault?: string) {}
  add(line: Line, reason: string, expected?: string): void {
    const w: ParseWarning = { line: line.n, text: line.text.trim().slice(0, MAX_WARNING_TEXT), reason };
    const e = expected ?? this.expectedByDefault;
    if (e !== undefined) w.expected = e;
    this.list.push(w);
  }
}

/**
 * One line a user can paste into a report: `show track, line 12: "Line protocol
 * is Dwn": unrecognised track detail; expected 'Track N', ...`.
 */
export function formatWarning(w: ParseWarning): string {
  const where = w.line > 0 ? `line ${w.line}` : 'whole output';
  const head = w.command !== undefined ? `${w.command}, ${where}` : where;
  const expected = w.expected !== undefined ? `; expected ${w.expected}` : '';
  return `${head}: ${JSON.stringify(w.text)}: ${w.reason}${expected}`;
}

/** Splits a column-aligned line on runs of whitespace. */
export function fields(text: string): string[] {
  const t = text.trim();
  return t === '' ? [] : t.split(/\s+/);
}
