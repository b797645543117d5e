import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../../agent/parsers/registry.js';
import type { BgpNeighborState, BgpNeighborSummary } from '../../../../proto/records/routing.js';
import { Gen, fieldsOf } from './grammar-gen.js';

/**
 * Issue 18 item 3 for `show ip bgp summary` / `show bgp all summary`: random
 * summaries from the documented line kinds (router-id and table lines, memory
 * and activity statistics, the column header, neighbour rows of IPv4 and IPv6
 * peers, a long IPv6 address wrapping its row, asplain and asdot AS numbers,
 * established and every idle/active state, `never` and every Up/Down spelling,
 * listen-range neighbours with their legend, counts and ranges), read back exactly.
 */
const STATISTICS = [
  '3 network entries using 744 bytes of memory',
  '3 path entries using 408 bytes of memory',
  '2/2 BGP path/bestpath attribute entries using 576 bytes of memory',
  '1 BGP AS-PATH entries using 24 bytes of memory',
  '0 BGP route-map cache entries using 0 bytes of memory',
  '0 BGP filter-list cache entries using 0 bytes of memory',
  'BGP using 1752 total bytes of memory',
  'BGP activity 12/9 prefixes, 14/11 paths, scan interval 60 secs',
  '3 networks peaked at 10:12:01 Mar 3 2024 (1w0d ago)',
];
const STATES = [
  ['Idle', 'idle'],
  ['Active', 'active'],
  ['Connect', 'connect'],
  ['OpenSent', 'opensent'],
  ['OpenConfirm', 'openconfirm'],
  ['Idle (Admin)', 'idle-admin'],
  ['Idle (PfxCt)', 'idle'],
] as const;

function neighborAddress(g: Gen, v6: boolean): string {
  if (!v6) return g.ipv4();
  const h = () => g.int(0x10000).toString(16).toUpperCase();
  return g.pick([`2001:DB8::${h()}`, `2001:DB8:${h()}:${h()}::${h()}`, `FE80::${h()}:${h()}`]);
}

describe('show ip bgp summary property: generated summaries read back', () => {
  it('holds for 400 generated summaries', () => {
    const g = new Gen(18_403);
    for (let n = 0; n < 400; n++) {
      const v6 = g.chance(0.3);
      const family = v6 ? 'IPv6 Unicast' : g.pick(['IPv4 Unicast', 'VPNv4 Unicast']);
      const routerId = g.ipv4();
      const localAs: number | string = g.chance(0.2) ? `${g.between(1, 65535)}.${g.between(0, 65535)}` : g.between(1, 4_294_967_295);
      const tableVersion = g.between(1, 100000);
      const mainVersion = g.between(1, tableVersion);
      const lines = [
        `For address family: ${family}`,
        `BGP router identifier ${routerId}, local AS number ${localAs}`,
        `BGP table version is ${tableVersion}, main routing table version ${mainVersion}`,
      ];
      for (const s of STATISTICS) if (g.chance(0.6)) lines.push(s);
      lines.push('', 'Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd');
      const want: Partial<BgpNeighborSummary>[] = [];
      let dynamicCount = 0;
      for (let r = g.between(1, 12); r > 0; r--) {
        const neighbor = neighborAddress(g, v6);
        // A neighbour a `bgp listen range` created: `*` before its address.
        const dynamic = g.chance(0.2);
        if (dynamic) dynamicCount++;
        const printed = dynamic ? `*${neighbor}` : neighbor;
        const remoteAs: number | string = g.chance(0.15) ? `${g.between(1, 65535)}.${g.between(0, 65535)}` : g.between(1, 4_294_967_295);
        const [msgRcvd, msgSent, tblVer, inQ, outQ] = [g.int(10_000_000), g.int(10_000_000), g.int(100000), g.int(50), g.int(50)];
        const up = g.pick<() => { text: string; sec?: number }>([() => ({ text: 'never' }), () => g.age()])();
        const established = g.chance(0.6);
        const pfx = g.int(100000);
        const [stateText, state]: readonly [string, BgpNeighborState] = established ? [String(pfx), 'established'] : g.pick(STATES);
        const cells = `4 ${String(remoteAs).padStart(12)} ${String(msgRcvd).padStart(7)} ${String(msgSent).padStart(7)} ${String(tblVer).padStart(8)} ${String(inQ).padStart(4)} ${String(outQ).padStart(4)} ${up.text.padEnd(8)} ${stateText}`;
        // An address longer than the 15-character column wraps the rest of the row onto the next line.
        // (An IPv4 address the star makes 16 characters long runs into the next column.)
        if (printed.length > 15 && v6) lines.push(printed, `${' '.repeat(16)}${cells}`);
        else lines.push(`${printed.padEnd(15)} ${cells}`);
        want.push({
          // IPv6 addresses are recorded in lower case, as RFC 5952 writes them.
          neighbor: neighbor.toLowerCase(),
          dynamic: dynamic || undefined,
          version: 4,
          remoteAs,
          msgRcvd,
          msgSent,
          tblVer,
          inQ,
          outQ,
          upDownSec: up.sec,
          state,
          stateRaw: stateText,
          prefixesReceived: established ? pfx : undefined,
          routerId,
          localAs,
          tableVersion,
          mainTableVersion: mainVersion,
          addressFamily: family.toLowerCase(),
        });
      }
      if (dynamicCount > 0) {
        const range = v6 ? '2001:DB8::/32' : `${g.ipv4()}/${g.between(8, 30)}`;
        lines.push(
          '* Dynamically created based on a listen range command',
          `Dynamically created neighbors: ${dynamicCount}${g.chance(0.3) ? '/(200 max)' : ''}, Subnet ranges: 1`,
          '',
          `BGP peergroup ${g.pick(['SPOKES', 'flex_hub', 'PG1'])} listen range group members: `,
          `  ${range} `,
          '',
          `Total dynamically created neighbors: ${dynamicCount}/(${g.pick([100, 500])} max), Subnet ranges: 1`,
        );
      }
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput('show bgp all summary', text);
      expect(warnings, text).toEqual([]);
      expect(records.length, text).toBe(want.length);
      (records as BgpNeighborSummary[]).forEach((r, i) => {
        const w = want[i]!;
        const got = fieldsOf(r, w);
        expect(got, text).toEqual(w);
      });
    }
  });
});
