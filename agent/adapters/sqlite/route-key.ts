import type { AddressFamily, Route } from '../../../proto/records/routing.js';
import { hash53 } from '../../core/hash.js';
import type { TableId } from '../../ports/store.js';
export type { TableId };

/**
 * One cached table: an address family in a VRF ('' = global), read from the
 * routing table (`rib`, the default) or from the subnets the hubs pushed by
 * IKEv2 routing (`ikev2`, from `show crypto ikev2 sa detailed`).
 */

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
 * The stored form of a route version: its JSON as first read, per-hop ages
 * included (JSON.stringify of the record as it is costs a third of copying it
 * without them). Readers drop those ages with `parseStoredRoute`: a version's
 * age comes from its age_sec column and the time since it was first seen.
 */
export const storedRoute = (route: Route): string => JSON.stringify(route);

export function parseStoredRoute(text: string): Route {
  const route = JSON.parse(text) as Route;
  for (const hop of route.nextHops) delete hop.ageSec;
  return route;
}

/** The youngest next-hop age, the route's own age as IOS shows it. */
export function routeAgeSec(route: Route): number | undefined {
  let age: number | undefined;
  for (const hop of route.nextHops) if (hop.ageSec !== undefined && (age === undefined || hop.ageSec < age)) age = hop.ageSec;
  return age;
}

/**
 * A route's identity for the diff of a 100,000-route read: a 53-bit hash of
 * every field but the ages (which grow on every read and would make every
 * route "changed"). A number, not the text: the worker keeps one per cached
 * route, and 100k concatenated strings held ~80 MB. A change slips past only
 * if both texts hash alike (odds 2^-53). A test changes each field of a route
 * and expects the fingerprint to change, so a field added to Route and
 * forgotten here fails it.
 */
export function routeFingerprint(r: Route): number {
  let s = `${r.family}|${r.vrf ?? ''}|${r.code}|${r.protocol}|${r.subtype ?? ''}|${r.candidateDefault ? 1 : 0}|${r.flags?.join(',') ?? ''}|${r.distance ?? ''}|${r.metric ?? ''}|${r.tag ?? ''}`;
  for (const h of r.nextHops) s += `|${h.address ?? ''},${h.interface ?? ''},${h.vrf ?? ''},${h.kind ?? ''},${h.metric ?? ''}`;
  return hash53(s);
}
