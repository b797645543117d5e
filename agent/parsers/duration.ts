/**
 * IOS prints elapsed times in several forms depending on the command and on
 * how long it has been: `00:01:36`, `1d02h`, `2w3d`, `1y4w`, `3d12h`,
 * `4 weeks, 3 days, 2 hours, 10 minutes`, `never`. All become seconds.
 */
const UNIT_SEC: Record<string, number> = {
  y: 365 * 86400,
  w: 7 * 86400,
  d: 86400,
  h: 3600,
  m: 60,
  s: 1,
};

const WORD_UNIT: Record<string, string> = {
  year: 'y',
  years: 'y',
  week: 'w',
  weeks: 'w',
  day: 'd',
  days: 'd',
  hour: 'h',
  hours: 'h',
  minute: 'm',
  minutes: 'm',
  second: 's',
  seconds: 's',
};

/** Seconds, or `undefined` when the text is not a duration ("never" included). */
export function parseDuration(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'never' || t === '-') return undefined;
  // hh:mm:ss or mm:ss, optionally with fractional seconds
  const m = /^(?:(\d+):)?(\d{1,2}):(\d{2})(?:\.\d+)?$/.exec(t);
  if (m) return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
  // compact unit runs: 1d02h, 2w3d, 1y4w, 5m12s
  if (/^(\d+[ywdhms])+$/.test(t)) {
    let total = 0;
    for (const part of t.matchAll(/(\d+)([ywdhms])/g)) total += Number(part[1]) * UNIT_SEC[part[2]!]!;
    return total;
  }
  // words: "4 weeks, 3 days, 2 hours, 10 minutes"
  const words = [...t.matchAll(/(\d+)\s+([a-z]+)/g)];
  if (words.length > 0 && t.replace(/(\d+)\s+([a-z]+)|[,\s]|and/g, '') === '') {
    let total = 0;
    for (const w of words) {
      const unit = WORD_UNIT[w[2]!];
      if (unit === undefined) return undefined;
      total += Number(w[1]) * UNIT_SEC[unit]!;
    }
    return total;
  }
  if (/^\d+$/.test(t)) return Number(t);
  return undefined;
}
