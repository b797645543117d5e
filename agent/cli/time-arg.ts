/**
 * Times on the command line: ISO 8601 (`2026-11-23T03:12:00Z`, `2026-11-23 03:12`),
 * a relative age (`15m`, `2h`, `3d`, `90s`, meaning that long ago), `now`,
 * or epoch milliseconds. Returns epoch ms, or an error naming the problem.
 */
export function parseTimeArg(text: string, nowMs: number): number | { error: string } {
  const t = text.trim();
  if (t === 'now') return nowMs;
  const rel = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)$/.exec(t);
  if (rel) {
    const unit = { s: 1e3, m: 60e3, h: 3600e3, d: 86400e3, w: 7 * 86400e3 }[rel[2] as 's' | 'm' | 'h' | 'd' | 'w'];
    return nowMs - Number(rel[1]) * unit;
  }
  if (/^\d{12,}$/.test(t)) return Number(t);
  if (/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(t)) {
    const ms = Date.parse(t.replace(' ', 'T'));
    if (!Number.isNaN(ms)) return ms;
  }
  return { error: `cannot read time "${text}": use ISO 8601 (2026-11-23T03:12Z), an age (15m, 2h, 3d) or epoch ms` };
}
