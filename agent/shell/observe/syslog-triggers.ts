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

/**
 * Least time between two syslog-woken reads of a dual-cloud spoke's probes (at most
 * syslog.minReadIntervalSec): each IP SLA threshold line can be the second witness a hub fails
 * on, they come as often as a probe lands, and `show ip sla statistics` is a small table the
 * periodic read fetches every half probe period anyway.
 */
export const PROBES_MIN_TRIGGER_SEC = 1;

/** Least seconds between two reads of `family` that syslog lines wake (flood protection). */
export function minTriggerSec(family: Family, syslog: { minReadIntervalSec: number; minRoutesReadIntervalSec: number }): number {
  if (family === 'routes') return syslog.minRoutesReadIntervalSec;
  if (family === 'probes') return Math.min(syslog.minReadIntervalSec, PROBES_MIN_TRIGGER_SEC);
  return syslog.minReadIntervalSec;
}
