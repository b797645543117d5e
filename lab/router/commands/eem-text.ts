/** The quoted arguments of EEM lines: `"text"` (or one bare word), and `pattern "RE" [occurs N] [period S]`. */
import type { AppletEvent } from '../config-model.js';

/** A leading `"..."` and what follows it, or a leading bare word. */
function splitQuoted(text: string): { value: string; rest: string } | undefined {
  const t = text.trim();
  if (t.startsWith('"')) {
    const end = t.indexOf('"', 1);
    if (end < 0) return undefined;
    return { value: t.slice(1, end), rest: t.slice(end + 1).trim() };
  }
  const m = /^(\S+)\s*(.*)$/.exec(t);
  return m ? { value: m[1]!, rest: m[2]! } : undefined;
}

/** The whole argument as one string; undefined when anything follows it. */
export function parseQuoted(text: string): string | undefined {
  const q = splitQuoted(text);
  // DESIGN §6: no control character ever reaches the configuration.
  if (!q || q.rest !== '' || [...q.value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return undefined;
  return q.value;
}

/** `"RE" [occurs 1-32000] [period S]` with a pattern that compiles; undefined otherwise. */
export function parseSyslogEvent(text: string): Extract<AppletEvent, { kind: 'syslog' }> | undefined {
  const q = splitQuoted(text);
  if (!q || q.value === '') return undefined;
  try {
    new RegExp(q.value);
  } catch {
    return undefined;
  }
  const event: Extract<AppletEvent, { kind: 'syslog' }> = { kind: 'syslog', pattern: q.value };
  const words = q.rest === '' ? [] : q.rest.split(/\s+/);
  for (let i = 0; i < words.length; i += 2) {
    const [key, value] = [words[i], words[i + 1]];
    if (value === undefined || !/^\d+(\.\d{1,3})?$/.test(value)) return undefined;
    if (key === 'occurs' && event.occurs === undefined && /^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 32000)
      event.occurs = Number(value);
    else if (key === 'period' && event.periodSec === undefined && Number(value) > 0) event.periodSec = Number(value);
    else return undefined;
  }
  return event;
}
