import type { IpInterfaceBrief, IpSlaAggregatedStatistics, IpSlaStatistics, IpSlaSummary, Track } from '../../../proto/records/health.js';
import { maskToLength } from '../../../agent/parsers/address.js';
import { parseDuration } from '../../../agent/parsers/duration.js';
import { slaReturnCode } from '../../../agent/parsers/health/common.js';
import { Facts } from '../facts.js';
import type { Json, Mapper, NtcRow } from '../mapper.js';
import { ifKey, interfacesMapper } from './health-interfaces.js';

/** `5 milliseconds` -> 5; `NoConnection/Busy/Timeout` -> 'none' (ours: rttMs absent). */
function genieRtt(v: unknown): number | string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+) milliseconds$/.exec(v);
  return m ? Number(m[1]) : v === 'NoConnection/Busy/Timeout' ? 'none' : undefined;
}

// genie keeps only the first word of a return code (`No` for `No connection`,
// corpus: ShowIpSlaStatistics golden_output_2); compare the meaning, not the word.
const GENIE_TRUNCATED_CODES: Record<string, string> = { No: 'No connection', Over: 'Over threshold' };

const slaStatistics: Mapper = {
  genie(expected: Json) {
    const f = new Facts();
    const ops = Object.values<Json>(expected.ids ?? {});
    for (const op of ops) {
      const k = `op[${op.probe_id}]`;
      f.set(`${k}.rttMs`, genieRtt(op.rtt_stats)).set(`${k}.startTime`, op.start_time);
      if (op.return_code !== undefined) f.set(`${k}.returnCode`, slaReturnCode(GENIE_TRUNCATED_CODES[op.return_code] ?? op.return_code));
      f.set(`${k}.successes`, op.no_of_success).set(`${k}.failures`, op.no_of_failures);
      f.set(`${k}.ttl`, typeof op.ttl === 'string' ? op.ttl.toLowerCase() : op.ttl);
      f.set(`${k}.type`, op.type_of_operation);
      f.set(`${k}.overThresholdOccurred`, op.threshold_occurances === undefined ? undefined : op.threshold_occurances === 'TRUE');
      f.set(`${k}.entryState`, op.state_of_entry).set(`${k}.lastReset`, op.reset_time);
      // genie keeps one multicast receiver row per operation (the last).
      f.set(`${k}.mcast.operId`, op.oper_id).set(`${k}.mcast.delay`, op.delay).set(`${k}.mcast.destination`, op.destination);
    }
    return f.set('op.count', ops.length);
  },
  ours(records: IpSlaStatistics[]) {
    const f = new Facts();
    for (const op of records) {
      const k = `op[${op.operationId}]`;
      f.set(`${k}.rttMs`, op.rttMs ?? 'none')
        .set(`${k}.startTime`, op.startTime)
        .set(`${k}.returnCode`, op.returnCode);
      f.set(`${k}.successes`, op.successes).set(`${k}.failures`, op.failures).set(`${k}.ttl`, op.operationTimeToLiveSec);
      f.set(`${k}.type`, op.type).set(`${k}.overThresholdOccurred`, op.overThresholdOccurred);
      f.set(`${k}.entryState`, op.entryState).set(`${k}.lastReset`, op.lastReset);
      const last = op.multicastResponders?.[op.multicastResponders.length - 1];
      f.set(`${k}.mcast.operId`, last?.operId).set(`${k}.mcast.delay`, last?.delayRaw).set(`${k}.mcast.destination`, last?.destination);
    }
    return f.set('op.count', records.length);
  },
};

/** genie keys each operation's intervals by their `Start Time Index` text; ours is a record per interval. */
const slaAggregated: Mapper = {
  genie(expected: Json) {
    const f = new Facts();
    let intervals = 0;
    for (const [id, op] of Object.entries<Json>(expected.ids ?? {})) {
      for (const [start, b] of Object.entries<Json>(op.start_time ?? {})) {
        const k = `op[${id}][${start}]`;
        intervals++;
        f.set(`${k}.type`, op.type_of_operation).set(`${k}.successes`, b.no_of_success).set(`${k}.failures`, b.no_of_failures);
        f.set(`${k}.dnsRttMs`, b.dns_rtt).set(`${k}.tcpConnectRttMs`, b.tcp_connection_rtt);
        f.set(`${k}.httpTransactionRttMs`, b.http_transaction_rtt);
        // genie keeps one multicast receiver row per interval (the last).
        f.set(`${k}.mcast.operId`, b.oper_id).set(`${k}.mcast.returnCode`, b.status).set(`${k}.mcast.lossSd`, b.loss_sd);
        f.set(`${k}.mcast.delay`, b.delay).set(`${k}.mcast.destination`, b.destination);
      }
    }
    return f.set('interval.count', intervals);
  },
  ours(records: IpSlaAggregatedStatistics[]) {
    const f = new Facts();
    for (const r of records) {
      const k = `op[${r.operationId}][${r.startTimeIndex}]`;
      f.set(`${k}.type`, r.type).set(`${k}.successes`, r.successes).set(`${k}.failures`, r.failures);
      f.set(`${k}.dnsRttMs`, r.dnsRttMs).set(`${k}.tcpConnectRttMs`, r.tcpConnectRttMs);
      f.set(`${k}.httpTransactionRttMs`, r.httpTransactionRttMs);
      const last = r.multicastResponders?.[r.multicastResponders.length - 1];
      f.set(`${k}.mcast.operId`, last?.operId).set(`${k}.mcast.returnCode`, last?.returnCodeRaw).set(`${k}.mcast.lossSd`, last?.lossSd);
      f.set(`${k}.mcast.delay`, last?.delayRaw).set(`${k}.mcast.destination`, last?.destination);
    }
    return f.set('interval.count', records.length);
  },
};

const slaSummary: Mapper = {
  genie(expected: Json) {
    const f = new Facts();
    const ids = Object.entries<Json>(expected.ids ?? {});
    for (const [id, op] of ids) {
      const k = `op[${id}]`;
      f.set(`${k}.state`, op.state).set(`${k}.type`, op.type).set(`${k}.destination`, op.destination);
      f.set(`${k}.statsRaw`, op.rtt_stats).set(`${k}.rttMs`, op.rtt_stats_msecs);
      f.set(`${k}.returnCodeRaw`, op.return_code).set(`${k}.lastRunRaw`, op.last_run);
      const ago = typeof op.last_run === 'string' ? /^(.*) ago$/.exec(op.last_run) : null;
      if (ago) f.set(`${k}.lastRunAgoSec`, parseDuration(ago[1]!));
    }
    return f.set('op.count', ids.length);
  },
  ours(records: IpSlaSummary[]) {
    const f = new Facts();
    for (const op of records) {
      const k = `op[${op.operationId}]`;
      f.set(`${k}.state`, op.state).set(`${k}.type`, op.type).set(`${k}.destination`, op.destination);
      f.set(`${k}.statsRaw`, op.statsRaw).set(`${k}.rttMs`, op.rttMs).set(`${k}.returnCodeRaw`, op.returnCodeRaw);
      f.set(`${k}.lastRunRaw`, op.lastRunRaw).set(`${k}.lastRunAgoSec`, op.lastRunAgoSec);
    }
    return f.set('op.count', records.length);
  },
};

/** genie's `show track` schema describes one track without its number, keyed by object type. */
function genieTrackObject(f: Facts, typeKey: string, obj: Json): void {
  const k = 'track[0]';
  const sla = /^IP_SLA_(\d+)$/.exec(typeKey);
  if (sla) f.set(`${k}.type`, 'ip-sla').set(`${k}.instance`, sla[1]);
  if (typeKey === 'Interface') f.set(`${k}.type`, 'interface').set(`${k}.instance`, obj.name);
  if (typeKey === 'IP route') f.set(`${k}.type`, 'route').set(`${k}.instance`, `${obj.address}/${maskToLength(obj.mask)}`);
  f.set(`${k}.state`, obj.state).set(`${k}.stateDetail`, obj.state_description);
  f.set(`${k}.changes`, obj.change_count).set(`${k}.lastChangeSec`, parseDuration(String(obj.last_change ?? '')));
  f.set(`${k}.delayedState`, obj.delayed?.delayed_state).set(`${k}.delayedRemainingSec`, obj.delayed?.secs_remaining);
  f.set(`${k}.delayedDetail`, obj.delayed?.connection_state);
  f.set(`${k}.latestReturnCodeRaw`, obj.latest_op_return_code).set(`${k}.latestRttMs`, obj.latest_rtt_ms);
}

const track: Mapper = {
  genie(expected: Json) {
    const f = new Facts();
    const k = 'track[0]';
    for (const [typeKey, obj] of Object.entries<Json>(expected.type ?? {})) genieTrackObject(f, typeKey, obj);
    f.set(`${k}.delayUpSec`, expected.delay_up_secs).set(`${k}.delayDownSec`, expected.delay_down_secs);
    f.set(`${k}.firstHopInterface`, expected.first_hop_interface_state);
    f.set(`${k}.previousFirstHopInterface`, expected.prev_first_hop_interface);
    for (const [i, c] of Object.values<Json>(expected.tracked_by ?? {}).entries()) {
      f.set(`${k}.trackedBy[${i}].client`, c.name).set(`${k}.trackedBy[${i}].interface`, c.interface);
      f.set(`${k}.trackedBy[${i}].group`, c.group_id);
    }
    return f.set('track.count', expected.type ? 1 : 0);
  },
  ours(records: Track[]) {
    const f = new Facts();
    for (const [n, t] of records.entries()) {
      const k = `track[${n}]`;
      for (const key of [
        'type',
        'instance',
        'stateDetail',
        'changes',
        'lastChangeSec',
        'delayedState',
        'delayedRemainingSec',
        'delayedDetail',
        'latestReturnCodeRaw',
        'latestRttMs',
        'delayUpSec',
        'delayDownSec',
        'firstHopInterface',
        'previousFirstHopInterface',
      ] as const)
        f.set(`${k}.${key}`, t[key]);
      f.set(`${k}.state`, t.stateRaw);
      for (const [i, c] of (t.trackedBy ?? []).entries()) {
        f.set(`${k}.trackedBy[${i}].client`, c.client).set(`${k}.trackedBy[${i}].interface`, c.interface);
        f.set(`${k}.trackedBy[${i}].group`, c.group);
      }
    }
    return f.set('track.count', records.length);
  },
};

function briefFacts(f: Facts, name: string, v: { ip?: string; ok?: string; method?: string; status?: string; protocol?: string }): void {
  const k = ifKey(name);
  f.set(`${k}.ipAddress`, v.ip).set(`${k}.ok`, v.ok === undefined ? undefined : v.ok === 'YES');
  f.set(`${k}.method`, v.method).set(`${k}.status`, v.status).set(`${k}.protocol`, v.protocol);
}

const ipInterfaceBrief: Mapper = {
  genie(expected: Json) {
    const f = new Facts();
    const rows = Object.entries<Json>(expected.interface ?? {});
    for (const [name, r] of rows) {
      briefFacts(f, name, { ip: r.ip_address, ok: r.interface_is_ok, method: r.method, status: r.status, protocol: r.protocol });
    }
    return f.set('if.count', rows.length);
  },
  ntc(rows: NtcRow[]) {
    const f = new Facts();
    for (const r of rows) {
      briefFacts(f, String(r.interface), { ip: String(r.ip_address), status: String(r.status), protocol: String(r.proto) });
    }
    return f.set('if.count', rows.length);
  },
  ours(records: IpInterfaceBrief[]) {
    const f = new Facts();
    for (const r of records) {
      briefFacts(f, r.name, {
        ip: r.ipAddress ?? 'unassigned',
        ok: r.ok ? 'YES' : 'NO',
        method: r.method,
        status: r.statusRaw,
        protocol: r.protocolRaw,
      });
    }
    return f.set('if.count', records.length);
  },
};

export const healthMappers: Record<string, Mapper> = {
  'show ip sla statistics': slaStatistics,
  'show ip sla statistics details': slaStatistics,
  'show ip sla statistics aggregated': slaAggregated,
  'show ip sla summary': slaSummary,
  'show track': track,
  'show ip interface brief': ipInterfaceBrief,
  'show interfaces': interfacesMapper,
};
