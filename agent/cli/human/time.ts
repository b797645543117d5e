/**
 * Times as an operator reads them on the box: local wall clock and how long
 * ago ("14:02:11 (3 min ago)"). Epoch milliseconds stay in --json only.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** Local "HH:MM:SS", with the date in front when it is not today's. */
export function localTime(ms: number, nowMs: number): string {
  const t = new Date(ms);
  const now = new Date(nowMs);
  const clock = `${pad(t.getHours())}:${pad(t.getMinutes())}:${pad(t.getSeconds())}`;
  const sameDay = t.getFullYear() === now.getFullYear() && t.getMonth() === now.getMonth() && t.getDate() === now.getDate();
  return sameDay ? clock : `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())} ${clock}`;
}

/** "3 min ago", "in 2 h", "just now". */
export function relative(ms: number, nowMs: number): string {
  const deltaSec = Math.round((nowMs - ms) / 1000);
  if (Math.abs(deltaSec) < 2) return 'just now';
  const span = duration(Math.abs(deltaSec));
  return deltaSec > 0 ? `${span} ago` : `in ${span}`;
}

/** "14:02:11 (3 min ago)". */
export function when(ms: number, nowMs: number): string {
  return `${localTime(ms, nowMs)} (${relative(ms, nowMs)})`;
}

/** A span in the largest unit that keeps it readable: "45 s", "3 min", "2 h 5 min", "3 d 4 h". */
export function duration(sec: number): string {
  const s = Math.max(0, Math.round(sec));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return joinUnits(Math.floor(s / 3600), 'h', Math.floor((s % 3600) / 60), 'min');
  return joinUnits(Math.floor(s / 86_400), 'd', Math.floor((s % 86_400) / 3600), 'h');
}

const joinUnits = (big: number, bigUnit: string, small: number, smallUnit: string) =>
  small > 0 ? `${big} ${bigUnit} ${small} ${smallUnit}` : `${big} ${bigUnit}`;
