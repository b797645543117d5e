import type { IkeV2Sa } from '../../../proto/records/crypto.js';
import type { Route } from '../../../proto/records/routing.js';
import { tableKey, type TableId } from './route-key.js';

/**
 * The subnets hubs pushed by IKEv2 routing (`show crypto ikev2 sa detailed`,
 * "Remote subnets:"), as route tables per family and inside VRF, so their
 * history is kept and diffed like the routing table's. The global IPv4 and
 * IPv6 tables are always present, so a read with no SA empties them.
 */
export function pushedSubnetTables(sas: readonly IkeV2Sa[]): { table: TableId; routes: Route[] }[] {
  const tables = new Map<string, { table: TableId; routes: Route[] }>();
  const tableFor = (t: TableId) => {
    const key = tableKey(t);
    let entry = tables.get(key);
    if (!entry) tables.set(key, (entry = { table: t, routes: [] }));
    return entry;
  };
  tableFor({ family: 'ipv4', vrf: '', source: 'ikev2' });
  tableFor({ family: 'ipv6', vrf: '', source: 'ikev2' });
  for (const sa of sas) {
    for (const prefix of sa.remoteSubnets ?? []) {
      const family = prefix.includes(':') ? 'ipv6' : 'ipv4';
      const vrf = sa.ivrf ?? '';
      tableFor({ family, vrf, source: 'ikev2' }).routes.push({
        family,
        ...(vrf ? { vrf } : {}),
        prefix,
        // Installed by IKEv2 routing as a static route towards the peer.
        code: 'S',
        protocol: 'static',
        candidateDefault: prefix === '0.0.0.0/0' || prefix === '::/0',
        nextHops: [{ address: sa.remoteAddress }],
      });
    }
  }
  return [...tables.values()];
}
