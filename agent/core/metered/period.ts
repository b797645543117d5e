/**
 * Billing periods and days, in UTC: a period starts on `billingDay` (1-28, so
 * every month has it) at 00:00 and runs to the same day of the next month.
 * Calendar arithmetic by hand (pure core: no `Date`), after Howard Hinnant's
 * days-from-civil algorithm (proleptic Gregorian calendar).
 */

const DAY_MS = 86_400_000;

interface Civil {
  year: number;
  month: number;
  day: number;
}

/** Days since 1970-01-01 of a civil date (month 1-12). */
function daysFromCivil({ year, month, day }: Civil): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): Civil {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** `day` of the month `offset` months after (year, month). */
function monthDayMs(year: number, month: number, offset: number, day: number): number {
  const index = year * 12 + (month - 1) + offset;
  return daysFromCivil({ year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1, day }) * DAY_MS;
}

/** Start of the billing period that holds `nowMs`. */
export function periodStartMs(nowMs: number, billingDay: number): number {
  const c = civilFromDays(Math.floor(nowMs / DAY_MS));
  const thisMonth = monthDayMs(c.year, c.month, 0, billingDay);
  return thisMonth <= nowMs ? thisMonth : monthDayMs(c.year, c.month, -1, billingDay);
}

/** Start of the period after the one that starts at `startMs`. */
export function nextPeriodStartMs(startMs: number): number {
  const c = civilFromDays(Math.floor(startMs / DAY_MS));
  return monthDayMs(c.year, c.month, 1, c.day);
}

/** `2026-12-06`: the UTC day of an instant, the key of the per-day count. */
export function dayKey(ms: number): string {
  const c = civilFromDays(Math.floor(ms / DAY_MS));
  return `${String(c.year).padStart(4, '0')}-${String(c.month).padStart(2, '0')}-${String(c.day).padStart(2, '0')}`;
}
