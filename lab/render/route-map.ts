/**
 * `show route-map [NAME]` in IOS's layout (public captures of IOS 15):
 * `route-map NAME, permit, sequence N`, the match and set clauses indented,
 * then the policy-routing counters (always zero: the lab routes no packets
 * by policy).
 */
import type { RouterModel } from '../router/model.js';
import type { RouteMapEntry } from '../router/route-map/config.js';

/** Without `ip bgp-community new-format`, IOS prints a community as one 32-bit number. */
function community(c: string, newFormat: boolean): string {
  const pair = /^(\d+):(\d+)$/.exec(c);
  return !pair || newFormat ? c : String(Number(pair[1]) * 65536 + Number(pair[2]));
}

function entryLines(name: string, e: RouteMapEntry, newFormat: boolean): string[] {
  const out = [`route-map ${name}, ${e.action}, sequence ${e.seq}`, '  Match clauses:'];
  if (e.match.prefixLists) out.push(`    ip address prefix-lists: ${e.match.prefixLists.join(' ')} `);
  if (e.match.communityLists) out.push(`    community (community-list filter): ${e.match.communityLists.join(' ')} `);
  out.push('  Set clauses:');
  const s = e.set;
  if (s.metric !== undefined) out.push(`    metric ${s.metric}`);
  if (s.localPref !== undefined) out.push(`    local-preference ${s.localPref}`);
  if (s.weight !== undefined) out.push(`    weight ${s.weight}`);
  if (s.community)
    out.push(`    community ${s.community.values.map((c) => community(c, newFormat)).join(' ')}${s.community.additive ? ' additive' : ''}`);
  if (s.prepend) out.push(`    as-path prepend ${s.prepend.join(' ')}`);
  out.push('  Policy routing matches: 0 packets, 0 bytes');
  return out;
}

export function renderRouteMap(m: RouterModel, name?: string): string {
  const { routeMaps, newFormat } = m.config.policy;
  // A name no route-map has prints nothing (no capture of IOS's answer found; unverified).
  const names = name === undefined ? [...routeMaps.keys()] : [name];
  return names.flatMap((n) => (routeMaps.get(n) ?? []).flatMap((e) => entryLines(n, e, newFormat))).join('\n');
}
