import type { CachedRoute, RouteChange } from '../adapters/sqlite/route-queries.js';
import type { TableId } from '../adapters/sqlite/route-key.js';
import type { Route } from '../../proto/records/routing.js';
import { duration, when } from './human/time.js';

export const tableName = (t: TableId): string =>
  `${t.source === 'ikev2' ? 'IKEv2-pushed ' : ''}${t.family} ${t.vrf === '' ? 'global' : `vrf ${t.vrf}`}`;

/** One route on one line, in the spirit of `show ip route`: code, prefix, [distance/metric], next hops. */
export function formatRoute(r: Route): string {
  const dm = r.distance !== undefined ? ` [${r.distance}/${r.metric ?? 0}]` : '';
  const hops = r.nextHops
    .map((h) => {
      if (h.kind === 'directly-connected') return `is directly connected, ${h.interface ?? ''}`.trim();
      const parts = [h.address ? `via ${h.address}` : undefined, h.interface].filter(Boolean);
      return parts.join(', ');
    })
    .join('; ');
  return `${r.code.padEnd(5)} ${r.prefix}${dm} ${hops}`.trimEnd();
}

export function formatCachedRoute(c: CachedRoute): string {
  return c.ageSec !== undefined ? `${formatRoute(c.route)}  (age ${duration(c.ageSec)})` : formatRoute(c.route);
}

/** One change, with when in local time and how long ago. */
export function formatChange(c: RouteChange, nowMs: number): string {
  const mark = { added: '+', removed: '-', changed: '~' }[c.change];
  const body = c.change === 'changed' ? `${formatRoute(c.before!)}  ->  ${formatRoute(c.after!)}` : formatRoute((c.after ?? c.before)!);
  return `${when(c.tsMs, nowMs)} ${tableName(c.table)} ${mark} ${body}`;
}
