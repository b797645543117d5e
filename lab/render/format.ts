/** Text helpers shared by the renderers: IOS's durations, dates and column padding. */

export function pad(s: string | number, width: number): string {
  return String(s).padEnd(width);
}

export function padLeft(s: string | number, width: number): string {
  return String(s).padStart(width);
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** IOS's elapsed time: `00:03:05` under a day, then `1d02h`, then `2w3d` (show track, show ip route ages). */
export function iosElapsed(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86400);
  if (days === 0) return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
  if (days < 7) return `${days}d${two(Math.floor((s % 86400) / 3600))}h`;
  return `${Math.floor(days / 7)}w${days % 7}d`;
}

/** `hh:mm:ss` for lifetimes (crypto session detail `lifetime:22:03:24`), hours unbounded. */
export function hms(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${two(Math.floor(s / 3600))}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}`;
}

/** `3 days, 4 hours, 17 minutes` as show version prints uptime. */
export function versionUptime(seconds: number): string {
  const units: Array<[string, number]> = [
    ['year', 365 * 86400],
    ['week', 7 * 86400],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  let rest = Math.floor(seconds);
  const parts: string[] = [];
  for (const [name, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0 || (name === 'minute' && parts.length === 0)) parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
  }
  return parts.join(', ');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `14:34:58 UTC Mon Jun 21 2021` (IP SLA start times, show version restart time). */
export function iosDate(ms: number, withMs = false): string {
  const d = new Date(ms);
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}${withMs ? `.${String(d.getUTCMilliseconds()).padStart(3, '0')}` : ''}`;
  return `${time} UTC ${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${d.getUTCFullYear()}`;
}

/** `Mar  3 09:00:31.123 UTC` (`service timestamps log datetime msec show-timezone`). */
export function syslogDate(ms: number): string {
  const d = new Date(ms);
  const ms3 = String(d.getUTCMilliseconds()).padStart(3, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}.${ms3} UTC`;
}

export function lines(...parts: Array<string | string[]>): string {
  return parts.flat().join('\n');
}
