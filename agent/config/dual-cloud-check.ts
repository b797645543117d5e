import type { SchemaValidConfig } from './types.js';
import type { ConfigIssue } from './validate.js';
import { duplicates } from './cross-check.js';

/**
 * Cross-field checks of `topology: dual-cloud` (agent/core/dual-cloud/config.ts):
 * each candidate is one hub's (neighbour, tunnel) pair, every hub has its own
 * tunnel and its own pair of route-maps, and the return path is tagged one way.
 */
export function dualCloudIssues(c: SchemaValidConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const d = c.dualCloud;
  if (!d) return [{ path: 'dualCloud', message: 'is required with topology: dual-cloud (hubs, prefixes, returnPath)' }];
  if (c.flexvpn)
    add('flexvpn', 'is for topology failover: a dual-cloud spoke has no FlexVPN client block to steer (its tunnels are in dualCloud.hubs)');
  duplicates(d.hubs.map((h) => h.neighbor)).forEach((n) => add('dualCloud.hubs', `neighbor ${n} is listed twice`));
  duplicates(d.hubs.map((h) => h.tunnel)).forEach((t) => add('dualCloud.hubs', `tunnel ${t} is listed twice: each hub has its own tunnel`));
  duplicates(d.hubs.flatMap((h) => [h.routeMapIn, h.routeMapOut])).forEach((n) =>
    add('dualCloud.hubs', `route-map ${n} is used twice: each hub needs its own inbound and outbound route-map`),
  );
  const tags = ['community', 'med'].filter((k) => k in d.returnPath);
  if (tags.length !== 1)
    add(
      'dualCloud.returnPath',
      `needs exactly one of community (AA:NN the hubs map to a lower local preference) or med; got ${tags.length === 0 ? 'neither' : 'both'}`,
    );
  c.candidates.forEach((cand, i) => {
    const hub = d.hubs.find((h) => h.neighbor === cand.peer);
    if (!hub) add(`candidates[${i}].peer`, `${cand.peer} is not one of dualCloud.hubs' neighbors`);
    else if (hub.tunnel !== cand.source) add(`candidates[${i}].source`, `${cand.source} is not hub ${cand.peer}'s tunnel (${hub.tunnel})`);
  });
  duplicates(c.candidates.map((x) => x.id)).forEach((id) => add('candidates', `id "${id}" is used twice`));
  duplicates(c.candidates.map((x) => x.peer)).forEach((p) =>
    add('candidates', `hub ${p} is listed twice: one candidate per hub (its tunnel is fixed)`),
  );
  return issues;
}
