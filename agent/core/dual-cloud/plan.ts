/**
 * What the router is told to steer a dual-cloud spoke by BGP, built only from
 * validated configuration. Inbound: the chosen hub's routes get a higher
 * local preference, so the spoke sends through it. Outbound: the spoke's
 * prefixes are tagged toward every other hub (a community the hubs map to a
 * lower local preference, or a MED), so the return traffic comes back
 * through the chosen hub too and routing stays symmetric. Only the
 * agent-owned route-maps change, one `permit 10` entry each, by adding or
 * removing a `set` line: the entry always exists, so no update arriving
 * between two lines is ever denied by an undefined route-map. Then soft
 * clears (route refresh in, re-advertisement out): the sessions stay up.
 */
import type { ActuationPlan } from '../actuation/plan.js';
import type { DualCloudConfig, DualCloudHub } from './config.js';

/** The sequence number of the one entry each agent-owned route-map has. */
export const ROUTE_MAP_SEQ = 10;

/** What one agent-owned route-map sets once a plan is applied: nothing when neutral. */
export interface RouteMapIntent {
  name: string;
  localPreference?: number;
  community?: string;
  med?: number;
}

/** Each agent-owned route-map as steering to `chosen` (a neighbour address) leaves it; undefined: released. */
export function routeMapIntents(c: DualCloudConfig, chosen: string | undefined): RouteMapIntent[] {
  return c.hubs.flatMap((h) => {
    const preferred = chosen !== undefined && h.neighbor === chosen;
    const avoided = chosen !== undefined && !preferred;
    const tag = 'community' in c.returnPath ? { community: c.returnPath.community } : { med: c.returnPath.med };
    return [
      { name: h.routeMapIn, ...(preferred ? { localPreference: c.preferLocalPreference } : {}) },
      { name: h.routeMapOut, ...(avoided ? tag : {}) },
    ];
  });
}

/** Steer to the hub at `neighbor`: prefer it inbound, tag the spoke's prefixes toward the others. */
export function planBgpSteer(c: DualCloudConfig, neighbor: string): ActuationPlan {
  if (!c.hubs.some((h) => h.neighbor === neighbor)) throw new Error(`dual-cloud: ${JSON.stringify(neighbor)} is not one of dualCloud.hubs`);
  return planFor(c, neighbor);
}

/** Every agent-owned route-map neutral: BGP decides alone, as without the agent. */
export function planBgpRelease(c: DualCloudConfig): ActuationPlan {
  return planFor(c, undefined);
}

function planFor(c: DualCloudConfig, chosen: string | undefined): ActuationPlan {
  const intents = new Map(routeMapIntents(c, chosen).map((i) => [i.name, i] as const));
  const lines = c.hubs.flatMap((h) => [...entryLines(intents.get(h.routeMapIn)!), ...entryLines(intents.get(h.routeMapOut)!)]);
  return { configLines: lines, execCommands: softClears(c, chosen) };
}

/**
 * One entry, every set line the agent may own said once: set where intended,
 * `no set` otherwise (a `no set` of an absent clause is accepted by IOS and
 * changes nothing), so the result does not depend on what was there before.
 */
function entryLines(i: RouteMapIntent): string[] {
  return [
    `route-map ${i.name} permit ${ROUTE_MAP_SEQ}`,
    i.localPreference !== undefined ? `set local-preference ${i.localPreference}` : 'no set local-preference',
    i.community !== undefined ? `set community ${i.community} additive` : 'no set community',
    i.med !== undefined ? `set metric ${i.med}` : 'no set metric',
  ];
}

/**
 * Route refresh in and re-advertisement out: the new policy applies, the session stays up (never a
 * hard reset). Ordered so that traffic moves on the first commands: the chosen hub's routes are
 * refreshed first (the spoke's own traffic follows its higher preference), then the other hubs
 * re-advertise the tagged prefixes (the return follows), then the rest.
 */
function softClears(c: DualCloudConfig, chosen: string | undefined): string[] {
  const first = c.hubs.filter((h) => h.neighbor === chosen);
  const others = c.hubs.filter((h) => h.neighbor !== chosen);
  const clear = (h: DualCloudHub, dir: 'in' | 'out') => `clear ip bgp ${h.neighbor} soft ${dir}`;
  return [
    ...first.map((h) => clear(h, 'in')),
    ...others.map((h) => clear(h, 'out')),
    ...others.map((h) => clear(h, 'in')),
    ...first.map((h) => clear(h, 'out')),
  ];
}
