import type { AddressFamily, Route } from '../../../proto/records/routing.js';

/**
 * One cached table: an address family in a VRF ('' = global), read from the
 * routing table (`rib`, the default) or from the subnets the hubs pushed by
 * IKEv2 routing (`ikev2`, from `show crypto ikev2 sa detailed`).
 */
export interface TableId {
  family: AddressFamily;
  vrf: string;
  source?: 'rib' | 'ikev2';
}

export const tableKey = (t: TableId): string => `${t.source === 'ikev2' ? 'ikev2:' : ''}${t.family}/${t.vrf}`;

export function parseTableKey(key: string): TableId {
  const ikev2 = key.startsWith('ikev2:');
  const rest = ikev2 ? key.slice('ikev2:'.length) : key;
  const slash = rest.indexOf('/');
  const table: TableId = { family: rest.slice(0, slash) as AddressFamily, vrf: rest.slice(slash + 1) };
  if (ikev2) table.source = 'ikev2';
  return table;
}

/**
 * A route's identity for change detection: everything but the ages, which
 * grow on every read and would make every route "changed" each time.
 */
export function routeIdentity(route: Route): string {
  return JSON.stringify({ ...route, nextHops: route.nextHops.map(({ ageSec: _age, ...hop }) => hop) });
}

/** The youngest next-hop age, the route's own age as IOS shows it. */
export function routeAgeSec(route: Route): number | undefined {
  let age: number | undefined;
  for (const hop of route.nextHops) if (hop.ageSec !== undefined && (age === undefined || hop.ageSec < age)) age = hop.ageSec;
  return age;
}

/**
 * A cheap identity for the diff of a 100,000-route read: every field but the
 * ages, concatenated (JSON of every route costs several times more). The JSON
 * form is made only for the routes that are stored. A test changes each field
 * of a route and expects the fingerprint to change, so a field added to Route
 * and forgotten here fails it.
 */
export function routeFingerprint(r: Route): string {
  let s = `${r.family}|${r.vrf ?? ''}|${r.code}|${r.protocol}|${r.subtype ?? ''}|${r.candidateDefault ? 1 : 0}|${r.flags?.join(',') ?? ''}|${r.distance ?? ''}|${r.metric ?? ''}|${r.tag ?? ''}`;
  for (const h of r.nextHops) s += `|${h.address ?? ''},${h.interface ?? ''},${h.vrf ?? ''},${h.kind ?? ''},${h.metric ?? ''}`;
  return s;
}
