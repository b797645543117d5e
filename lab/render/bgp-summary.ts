/** `show ip bgp summary` (corpus: ntc-templates cisco_ios_show_ip_bgp_summary). */
import type { RouterModel } from '../router/model.js';
import { iosElapsed, pad, padLeft } from './format.js';
import { elapsedSec } from './view.js';

export function renderBgpSummary(m: RouterModel): string {
  const bgp = m.opts.bgp;
  if (!bgp) return '% BGP not active';
  const neighbors = [...m.rt.bgp.values()].sort((a, b) => a.address.localeCompare(b.address));
  const prefixes = neighbors.reduce((n, x) => n + x.prefixes, 0);
  const routerId = bgp.routerId ?? m.world.wans()[0]?.address ?? '0.0.0.0';
  const version = m.rt.tableVersion;
  const out = [
    `BGP router identifier ${routerId}, local AS number ${bgp.localAs}`,
    `BGP table version is ${version}, main routing table version ${version}`,
  ];
  if (prefixes > 0) {
    out.push(
      `${prefixes} network entries using ${prefixes * 144} bytes of memory`,
      `${prefixes} path entries using ${prefixes * 80} bytes of memory`,
      `1/1 BGP path/bestpath attribute entries using 152 bytes of memory`,
      `1 BGP AS-PATH entries using 24 bytes of memory`,
      `0 BGP route-map cache entries using 0 bytes of memory`,
      `0 BGP filter-list cache entries using 0 bytes of memory`,
      `BGP using ${prefixes * 224 + 176} total bytes of memory`,
      `BGP activity ${prefixes}/0 prefixes, ${prefixes}/0 paths, scan interval 60 secs`,
    );
  }
  out.push('', 'Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd');
  for (const n of neighbors) {
    const upDown = n.state === 'Established' || n.msgRcvd > 0 ? iosElapsed(elapsedSec(m, n.upDownAt)) : 'never';
    const state = n.state === 'Established' ? padLeft(n.prefixes, 12) : n.state;
    out.push(
      `${pad(n.address, 16)}4 ${padLeft(n.remoteAs, 12)} ${padLeft(n.msgRcvd, 7)} ${padLeft(n.msgSent, 7)} ${padLeft(n.state === 'Established' ? version : 0, 8)}    0    0 ${pad(upDown, 8)} ${state}`,
    );
  }
  return out.join('\n');
}
