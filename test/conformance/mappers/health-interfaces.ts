import type { InterfaceCounters, InterfaceDetail, InterfaceQueues, InterfaceRates } from '../../../proto/records/health.js';
import { canonicalInterface } from '../../../agent/parsers/interface-name.js';
import { durationOrNever } from '../../../agent/parsers/health/common.js';
import { Facts } from '../facts.js';
import type { Json, Mapper, NtcRow } from '../mapper.js';

/** Interface keys compare canonical and case-free: genie writes `Ucse1/0/1` for IOS's `ucse1/0/1`. */
export const ifKey = (name: string): string => `if[${canonicalInterface(name).toLowerCase()}]`;

const GENIE_COUNTERS: Record<string, keyof InterfaceCounters> = {
  in_pkts: 'packetsInput',
  in_octets: 'bytesInput',
  in_no_buffer: 'noBuffer',
  in_broadcast_pkts: 'broadcastsReceived',
  in_runts: 'runts',
  in_giants: 'giants',
  in_throttles: 'throttles',
  in_errors: 'inputErrors',
  in_crc_errors: 'crc',
  in_frame: 'frame',
  in_overrun: 'overrun',
  in_ignored: 'ignored',
  in_abort: 'abort',
  in_watchdog: 'watchdog',
  in_mac_pause_frames: 'pauseInput',
  in_with_dribble: 'dribble',
  in_drops: 'inputDrops',
  out_pkts: 'packetsOutput',
  out_octets: 'bytesOutput',
  out_underruns: 'underruns',
  out_broadcast_pkts: 'broadcastsSent',
  out_multicast_pkts: 'multicastsSent',
  out_errors: 'outputErrors',
  out_collision: 'collisions',
  out_interface_resets: 'interfaceResets',
  out_unknown_protocl_drops: 'unknownProtocolDrops',
  out_babble: 'babbles',
  out_late_collision: 'lateCollision',
  out_deferred: 'deferred',
  out_lost_carrier: 'lostCarrier',
  out_no_carrier: 'noCarrier',
  out_mac_pause_frames: 'pauseOutput',
  out_buffer_failure: 'outputBufferFailures',
  out_buffers_swapped: 'outputBuffersSwappedOut',
  out_drops: 'outputDrops',
};
const GENIE_QUEUES: Record<string, keyof InterfaceQueues> = {
  input_queue_size: 'inputSize',
  input_queue_max: 'inputMax',
  input_queue_drops: 'inputDrops',
  input_queue_flushes: 'inputFlushes',
  total_output_drop: 'totalOutputDrops',
  output_queue_size: 'outputSize',
  output_queue_max: 'outputMax',
  threshold: 'outputThreshold',
  drops: 'outputDrops',
};
const GENIE_RATES: Record<string, keyof InterfaceRates> = {
  load_interval: 'intervalSec',
  in_rate: 'inputBitsPerSec',
  in_rate_pkts: 'inputPacketsPerSec',
  out_rate: 'outputBitsPerSec',
  out_rate_pkts: 'outputPacketsPerSec',
};
const GENIE_TOP: Record<string, string> = {
  type: 'hardware',
  mac_address: 'macAddress',
  phys_address: 'burnedInAddress',
  description: 'description',
  mtu: 'mtu',
  delay: 'delayUsec',
  keepalive: 'keepaliveSec',
  duplex_mode: 'duplex',
  link_type: 'linkType',
  arp_type: 'arpType',
  peer_ip: 'peerAddress',
  vc_id: 'vcId',
  dtr_pulsed: 'dtrPulseSec',
  carrier_delay_up: 'carrierDelayUpSec',
  carrier_delay_down: 'carrierDelayDownSec',
  carrier_transitions: 'counters.carrierTransitions',
  tunnel_source_interface: 'tunnel.sourceInterface',
  tunnel_protocol: 'tunnel.protocolTransport',
  tunnel_ttl: 'tunnel.ttl',
  tunnel_transport_mtu: 'tunnel.transportMtu',
  tunnel_transmit_bandwidth: 'tunnel.transmitBandwidthKbps',
  tunnel_receive_bandwidth: 'tunnel.receiveBandwidthKbps',
};

const time = (v: unknown) => (typeof v === 'string' ? durationOrNever(v) : undefined);
// genie rewrites or truncates some words; every side goes through the same normaliser so
// the three spellings compare by meaning:
// the queueing strategy keeps its first word (`Class-based` for `Class-based queueing`);
const firstWord = (v: unknown) => (typeof v === 'string' ? v.split(' ')[0] : undefined);
// `auto` for `Auto-speed`, `auto speed` for `Auto Speed`;
const speed = (v: unknown) => (typeof v === 'string' ? (/^auto/i.test(v) ? 'auto' : v) : undefined);
// `dot1q` for `802.1Q Virtual LAN` but `802.1q vlan` for `802.1Q VLAN`;
const encapsulation = (v: unknown) => (typeof v === 'string' ? (/^(802\.1Q|dot1q)/i.test(v) ? 'dot1q' : v.toLowerCase()) : undefined);
// `unknown` for `unknown media type` (corpus: golden_output_1, golden_output).
const media = (v: unknown) => (typeof v === 'string' && /^unknown( media type)?$/i.test(v) ? 'unknown' : v);
const outOf255 = (v: unknown) => (typeof v === 'string' ? Number(v.split('/')[0]) : undefined);

function genieInterface(f: Facts, name: string, v: Json): void {
  const k = ifKey(name);
  for (const [from, to] of Object.entries(GENIE_TOP)) f.set(`${k}.${to}`, v[from]);
  f.set(`${k}.adminState`, v.enabled === undefined ? undefined : v.enabled ? 'up' : 'down');
  f.set(`${k}.lineProtocol`, v.line_protocol).set(`${k}.lineProtocol`, v.oper_status);
  f.set(`${k}.deleted`, v.is_deleted).set(`${k}.hardwarePresent`, v.is_present);
  f.set(`${k}.connected`, v.connected).set(`${k}.errDisabled`, v.err_disabled).set(`${k}.suspended`, v.suspended);
  f.set(`${k}.autostate`, v.autostate === undefined ? undefined : v.autostate ? 'enabled' : 'disabled');
  f.set(`${k}.bandwidthKbps`, typeof v.bandwidth === 'number' ? v.bandwidth : undefined);
  f.set(`${k}.reliability`, outOf255(v.reliability)).set(`${k}.txLoad`, outOf255(v.txload)).set(`${k}.rxLoad`, outOf255(v.rxload));
  f.set(`${k}.speed`, speed(v.port_speed)).set(`${k}.linkAuto`, v.auto_negotiate);
  f.set(`${k}.inputFlowControlOn`, v.flow_control?.receive).set(`${k}.outputFlowControlOn`, v.flow_control?.send);
  f.set(`${k}.arpTimeoutSec`, time(v.arp_timeout)).set(`${k}.lastInputSec`, time(v.last_input));
  f.set(`${k}.lastOutputSec`, time(v.last_output)).set(`${k}.outputHangSec`, time(v.output_hang));
  f.set(`${k}.encapsulation`, encapsulation(v.encapsulations?.encapsulation)).set(`${k}.mediaType`, media(v.media_type));
  f.set(`${k}.vlan.first`, v.encapsulations?.first_dot1q).set(`${k}.vlan.second`, v.encapsulations?.second_dot1q);
  // genie writes UNKNOWN and `::` where IOS has no address yet (corpus: golden_interface_output_10, golden_output2).
  if (v.tunnel_source_ip !== 'UNKNOWN') f.set(`${k}.tunnel.sourceAddress`, v.tunnel_source_ip);
  if (v.tunnel_destination_ip !== '::') f.set(`${k}.tunnel.destinationAddress`, v.tunnel_destination_ip);
  for (const [cidr, a] of Object.entries<Json>(v.ipv4 ?? {})) {
    if (cidr === 'unnumbered') f.set(`${k}.unnumberedInterface`, a.interface_ref);
    // An unnumbered interface borrows its address; genie also gives it the lender's prefix length.
    else if (v.ipv4.unnumbered) f.set(`${k}.unnumberedAddress`, a.ip);
    else f.set(`${k}.ipAddress`, cidr);
  }
  const pc = v.port_channel ?? {};
  f.set(`${k}.portChannelMember`, pc.port_channel_member).set(`${k}.memberOf`, pc.port_channel_int);
  f.set(`${k}.members`, pc.port_channel_member_intfs?.map(canonicalInterface).join(' '));
  f.set(`${k}.activeMemberCount`, pc.active_members).set(`${k}.jumboCapableMemberCount`, pc.num_of_pf_jumbo_supported_members);
  const q = v.queues ?? {};
  for (const [from, to] of Object.entries(GENIE_QUEUES)) f.set(`${k}.queues.${to}`, q[from]);
  // genie keeps the first word of the strategy (`Class-based` for `Class-based queueing`).
  f.set(`${k}.queues.strategy`, firstWord(q.queue_strategy));
  const c = v.counters ?? {};
  for (const [from, to] of Object.entries(GENIE_COUNTERS)) f.set(`${k}.counters.${to}`, c[from]);
  f.set(`${k}.counters.multicast`, c.in_multicast_pkts).set(`${k}.countersClearedSec`, time(c.last_clear));
  for (const [from, to] of Object.entries(GENIE_RATES)) f.set(`${k}.rates.${to}`, c.rate?.[from]);
}

function ourInterface(f: Facts, r: InterfaceDetail): void {
  const k = ifKey(r.name);
  for (const [key, value] of Object.entries(r)) {
    if (value === undefined || typeof value === 'object') continue;
    f.set(`${k}.${key}`, value);
  }
  for (const group of ['queues', 'rates', 'counters', 'tunnel'] as const) {
    for (const [key, value] of Object.entries(r[group] ?? {})) f.set(`${k}.${group}.${key}`, value);
  }
  f.set(`${k}.deleted`, r.operState === 'deleted').set(`${k}.hardwarePresent`, r.hardwarePresent ?? true);
  const detail = r.lineProtocolDetail;
  if (detail !== undefined) {
    f.set(`${k}.connected`, detail === 'connected').set(`${k}.errDisabled`, detail === 'err-disabled');
    f.set(`${k}.suspended`, detail === 'suspended');
  }
  f.set(`${k}.speed`, speed(r.speed)).set(`${k}.linkAuto`, r.linkType === undefined ? undefined : r.linkType === 'auto');
  f.set(`${k}.inputFlowControlOn`, r.inputFlowControl === undefined ? undefined : r.inputFlowControl === 'on');
  f.set(`${k}.outputFlowControlOn`, r.outputFlowControl === undefined ? undefined : r.outputFlowControl === 'on');
  f.set(`${k}.encapsulation`, encapsulation(r.encapsulation)).set(`${k}.mediaType`, media(r.mediaType));
  f.set(`${k}.vlan.first`, r.vlanId ?? r.outerVlanId).set(`${k}.vlan.second`, r.innerVlanId);
  f.set(`${k}.portChannelMember`, (r.members?.length ?? 0) > 0 || r.memberOf !== undefined);
  f.set(`${k}.members`, r.members?.join(' ')).set(`${k}.queues.strategy`, firstWord(r.queues?.strategy));
  // genie's in_multicast_pkts is the watchdog line's `N multicast` when printed, else `(N multicasts)`.
  f.set(`${k}.counters.multicast`, r.counters?.multicast ?? r.counters?.multicastsReceived);
}

function ntcInterface(f: Facts, r: NtcRow): void {
  const s = (key: string) => (r[key] === undefined ? undefined : String(r[key]));
  const k = ifKey(String(r.interface));
  f.set(`${k}.operStateRaw`, s('link_status')).set(`${k}.lineProtocolFull`, s('protocol_status'));
  f.set(`${k}.hardware`, s('hardware_type')).set(`${k}.macAddress`, s('mac_address')).set(`${k}.burnedInAddress`, s('bia'));
  f.set(`${k}.description`, s('description')).set(`${k}.mtu`, s('mtu'));
  if (s('ip_address')) f.set(`${k}.ipAddress`, `${s('ip_address')}/${s('prefix_length')}`);
  f.set(`${k}.duplexRaw`, s('duplex'))
    .set(`${k}.speed`, speed(s('speed')))
    .set(`${k}.mediaType`, media(s('media_type')));
  f.set(`${k}.bandwidthKbps`, s('bandwidth')?.replace(/ Kbit$/, '')).set(`${k}.delayUsec`, s('delay')?.replace(/ usec$/, ''));
  f.set(`${k}.encapsulation`, encapsulation(s('encapsulation'))).set(`${k}.vlanId`, s('vlan_id'));
  f.set(`${k}.outerVlanId`, s('vlan_id_outer')).set(`${k}.innerVlanId`, s('vlan_id_inner'));
  f.set(`${k}.lastInputSec`, time(s('last_input'))).set(`${k}.lastOutputSec`, time(s('last_output')));
  f.set(`${k}.outputHangSec`, time(s('last_output_hang'))).set(`${k}.queues.strategy`, firstWord(s('queue_strategy')));
  f.set(`${k}.queues.inputSize`, s('queue_size')).set(`${k}.queues.inputMax`, s('queue_max'));
  f.set(`${k}.queues.inputDrops`, s('queue_drops')).set(`${k}.queues.inputFlushes`, s('queue_flushes'));
  f.set(`${k}.queues.totalOutputDrops`, s('queue_output_drops'));
  f.set(`${k}.rates.inputBitsPerSec`, s('input_rate')).set(`${k}.rates.inputPacketsPerSec`, s('input_pps'));
  f.set(`${k}.rates.outputBitsPerSec`, s('output_rate')).set(`${k}.rates.outputPacketsPerSec`, s('output_pps'));
  const counters: Record<string, keyof InterfaceCounters> = {
    input_packets: 'packetsInput',
    output_packets: 'packetsOutput',
    runts: 'runts',
    giants: 'giants',
    input_errors: 'inputErrors',
    crc: 'crc',
    frame: 'frame',
    overrun: 'overrun',
    abort: 'abort',
    output_errors: 'outputErrors',
  };
  for (const [from, to] of Object.entries(counters)) f.set(`${k}.counters.${to}`, s(from));
}

export const interfacesMapper: Mapper = {
  genie(expected: Json) {
    const f = new Facts();
    const entries = Object.entries<Json>(expected ?? {});
    for (const [name, v] of entries) genieInterface(f, name, v);
    return f.set('if.count', entries.length);
  },
  ntc(rows: NtcRow[]) {
    const f = new Facts();
    for (const r of rows) ntcInterface(f, r);
    return f.set('if.count', rows.length);
  },
  ours(records: InterfaceDetail[]) {
    const f = new Facts();
    for (const r of records) {
      ourInterface(f, r);
      const detail = r.lineProtocolDetail === undefined ? '' : ` (${r.lineProtocolDetail})`;
      f.set(`${ifKey(r.name)}.lineProtocolFull`, r.lineProtocolRaw === undefined ? undefined : `${r.lineProtocolRaw}${detail}`);
    }
    return f.set('if.count', records.length);
  },
};
