import type { SyslogRecord } from '../../../proto/records/system.js';

/**
 * `tracks`: a dual-cloud spoke's hub quality tracks, read on their own (PathDesign.readQualityTracks);
 * `probes`: its IP SLA statistics, read when a threshold line wakes them (the `sla` family's periodic read's).
 */
export type Family = 'sla' | 'flexvpn' | 'interfaces' | 'crypto' | 'routes' | 'tracks' | 'probes';

/**
 * Which reads a syslog line should wake early. A track change can move the
 * FlexVPN client; a line-protocol or link change can too; crypto and IKEv2
 * session messages are about the tunnel; a BGP adjacency change changes routes
 * and, on a dual-cloud spoke, the hub in use (its `flexvpn` family reads BGP).
 */
export function familiesFor(record: SyslogRecord, topology: 'failover' | 'dual-cloud' = 'failover'): Family[] {
  switch (record.detail?.kind) {
    case 'track-state':
      // On a dual-cloud spoke the track is a hub's quality track, read alone: a read of the probes
      // or of BGP first would hold the steer the track calls for (the steer reads BGP back itself).
      return topology === 'dual-cloud' ? ['tracks'] : ['sla', 'flexvpn'];
    case 'line-protocol':
    case 'link':
      return ['interfaces', 'flexvpn'];
    case 'crypto-session':
    case 'ikev2-sa':
      return ['flexvpn', 'crypto'];
    case 'bgp-adjacency':
      return ['routes', 'flexvpn'];
    case 'sla-threshold':
      // A threshold reaction fires as a run ends: a dual-cloud hub fails on its latest probes, so
      // they are read at once. A failover spoke's own tracks act on such reactions; its windows wait.
      return topology === 'dual-cloud' ? ['probes'] : [];
    default:
      return [];
  }
}
