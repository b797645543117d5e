/** `show ip bgp summary` for `router bgp` (layout as lab/render/bgp-summary.ts, from ntc-templates' captures). */
import type { RouterModel } from '../../router/model.js';
import { bgpTable, routerId } from '../../router/bgp/speaker.js';
import { totalMessages } from '../../router/bgp/runtime.js';
import { iosElapsed, pad, padLeft } from '../format.js';
import { elapsedSec } from '../view.js';

export function renderRouterBgpSummary(m: RouterModel): string {
  const cfg = m.config.bgp!;
  const version = m.rt.tableVersion;
  const table = bgpTable(m);
  const paths = table.reduce((n, e) => n + e.paths.length, 0);
  const out = [
    `BGP router identifier ${routerId(m)}, local AS number ${cfg.asn}`,
    `BGP table version is ${version}, main routing table version ${version}`,
  ];
  if (table.length > 0) {
    out.push(
      `${table.length} network entries using ${table.length * 248} bytes of memory`,
      `${paths} path entries using ${paths * 136} bytes of memory`,
      `${table.length}/${table.length} BGP path/bestpath attribute entries using ${table.length * 304} bytes of memory`,
      `0 BGP route-map cache entries using 0 bytes of memory`,
      `0 BGP filter-list cache entries using 0 bytes of memory`,
      `BGP using ${table.length * 552 + paths * 136} total bytes of memory`,
      `BGP activity ${table.length}/0 prefixes, ${paths}/0 paths, scan interval 60 secs`,
    );
  }
  out.push('', 'Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd');
  for (const n of cfg.neighbors.values()) {
    const s = m.rt.bgpSessions.get(n.address);
    if (!s) continue;
    const up = s.state === 'Established';
    const upDown = up || s.establishedCount > 0 ? iosElapsed(elapsedSec(m, s.upDownAt)) : 'never';
    const state = up ? padLeft(s.received.length, 12) : s.state;
    out.push(
      `${pad(n.address, 16)}4 ${padLeft(n.remoteAs, 12)} ${padLeft(totalMessages(s.rcvd), 7)} ${padLeft(totalMessages(s.sent), 7)} ${padLeft(up ? version : 1, 8)}    0    0 ${pad(upDown, 8)} ${state}`,
    );
  }
  return out.join('\n');
}
