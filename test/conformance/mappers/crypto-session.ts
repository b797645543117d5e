import type { CryptoSession } from '../../../proto/records/crypto.js';
import { maskToLength } from '../../../agent/parsers/address.js';
import { parseDuration } from '../../../agent/parsers/duration.js';
import { canonicalInterface } from '../../../agent/parsers/interface-name.js';
import { Facts } from '../facts.js';
import type { Json, Mapper, NtcRow } from '../mapper.js';

const none = (v: unknown) => (typeof v === 'string' && /^\(?none\)?$/i.test(v.trim()) ? undefined : v);
const duration = (v: unknown) => (typeof v === 'string' ? parseDuration(v) : undefined);
const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : undefined);
/** Only numbers: genie keeps `KB Vol Rekey Disabled` where IOS prints no kilobytes. */
const numeric = (v: unknown) => (typeof v === 'number' || (typeof v === 'string' && /^\d+$/.test(v)) ? v : undefined);
const VERSION: Record<string, string> = { ikev1: 'ikev1', ikev2: 'ikev2' };
/** What genie's IOS parser keeps of a description: it stops at the first punctuation. */
const descLead = (v: string) => /^[\w\s]*/.exec(v)![0].trim();

const sessionKey = (iface: string, peer: string | undefined) => `session[${canonicalInterface(iface)}|${peer ?? ''}]`;

/**
 * genie nests interface -> peer -> port -> (`ike_sa` | `ikev1_sa`) by 1-based index and
 * `ipsec_flow` by the selector text. Its IOS parser files every SA under `ikev1_sa`
 * and labels none with a version, so versions are compared only where genie has one.
 */
function genie(expected: Json): Facts {
  const f = new Facts();
  let count = 0;
  for (const [iface, intf] of Object.entries<Json>(expected.interface ?? {})) {
    for (const [peer, byPort] of Object.entries<Json>(intf.peer ?? {})) {
      for (const [port, p] of Object.entries<Json>(byPort.port ?? {})) {
        count++;
        const k = sessionKey(iface, peer);
        f.set(`${k}.status`, lower(intf.session_status)).set(`${k}.profile`, intf.profile);
        f.set(`${k}.username`, intf.user_name).set(`${k}.group`, intf.group).set(`${k}.assignedAddress`, intf.assigned_address);
        f.set(`${k}.uptimeSec`, duration(intf.uptime)).set(`${k}.peerPort`, port);
        f.set(`${k}.fvrf`, none(p.fvrf)).set(`${k}.ivrf`, none(p.ivrf)).set(`${k}.phase1Id`, none(p.phase1_id));
        const desc = none(p.desc);
        if (typeof desc === 'string') {
          f.set(`${k}.descriptionLead`, descLead(desc));
          // Compare the whole text only where genie evidently kept it whole.
          if (desc !== descLead(desc)) f.set(`${k}.description`, desc);
        }
        const sas = Object.entries<Json>(p.ike_sa ?? p.ikev1_sa ?? {}).sort(([a], [b]) => Number(a) - Number(b));
        sas.forEach(([, sa], i) => {
          const s = `${k}.ike[${i}]`;
          f.set(`${s}.localAddress`, sa.local).set(`${s}.localPort`, sa.local_port);
          f.set(`${s}.remoteAddress`, sa.remote).set(`${s}.remotePort`, sa.remote_port);
          f.set(`${s}.status`, lower(sa.sa_status)).set(`${s}.version`, VERSION[lower(sa.version) ?? '']);
          f.set(`${s}.sessionId`, sa.session_id).set(`${s}.capabilities`, none(sa.capabilities));
          f.set(`${s}.connId`, sa.conn_id).set(`${s}.lifetimeRemainingSec`, duration(sa.lifetime));
        });
        f.set(`${k}.ike.count`, sas.length);
        const flows = Object.entries<Json>(p.ipsec_flow ?? {});
        for (const [acl, fl] of flows) {
          const s = `${k}.flow[${acl.trim()}]`;
          f.set(`${s}.activeSas`, fl.active_sas).set(`${s}.origin`, fl.origin);
          f.set(`${s}.inboundPktsDecrypted`, fl.inbound_pkts_decrypted).set(`${s}.inboundPktsDropped`, fl.inbound_pkts_drop);
          f.set(`${s}.inboundLifeKb`, numeric(fl.inbound_life_kb)).set(`${s}.inboundLifeSec`, numeric(fl.inbound_life_secs));
          f.set(`${s}.outboundPktsEncrypted`, fl.outbound_pkts_encrypted).set(`${s}.outboundPktsDropped`, fl.outbound_pkts_drop);
          f.set(`${s}.outboundLifeKb`, numeric(fl.outbound_life_kb)).set(`${s}.outboundLifeSec`, numeric(fl.outbound_life_secs));
        }
        f.set(`${k}.flow.count`, flows.length);
      }
    }
  }
  return f.set('session.count', count + genieByInterface(f, expected.interfaces ?? {}));
}

/**
 * `show crypto session {remote | local} ADDR [detail]` (ShowCryptoSessionRemote / Detail, IOS-XE):
 * one session per interface, the peer and its port flat, the IKE SA under `IKEv2` or `IKEv1`,
 * flows numbered with their selector text in `flow`.
 */
function genieByInterface(f: Facts, interfaces: Json): number {
  let count = 0;
  for (const [iface, s] of Object.entries<Json>(interfaces)) {
    count++;
    const k = sessionKey(iface, s.peer_ip);
    f.set(`${k}.status`, lower(s.session_status)).set(`${k}.profile`, s.profile).set(`${k}.uptimeSec`, duration(s.uptime));
    f.set(`${k}.peerPort`, s.peer_port)
      .set(`${k}.fvrf`, none(s.fvrf))
      .set(`${k}.ivrf`, none(s.ivrf))
      .set(`${k}.phase1Id`, none(s.phase_id));
    const sas = (['IKEv2', 'IKEv1'] as const).filter((v) => s[v]);
    sas.forEach((version, i) => {
      const sa = s[version];
      const x = `${k}.ike[${i}]`;
      f.set(`${x}.localAddress`, sa.local_ip).set(`${x}.localPort`, sa.local_port);
      f.set(`${x}.remoteAddress`, sa.remote_ip).set(`${x}.remotePort`, sa.remote_port);
      f.set(`${x}.version`, version.toLowerCase()).set(`${x}.capabilities`, none(sa.capabilities));
      f.set(`${x}.connId`, sa.connid).set(`${x}.lifetimeRemainingSec`, duration(sa.lifetime));
    });
    f.set(`${k}.ike.count`, sas.length);
    const flows = Object.values<Json>(s.ipsec_flow ?? {});
    for (const fl of flows) {
      const x = `${k}.flow[${String(fl.flow).trim()}]`;
      f.set(`${x}.activeSas`, fl.active_sa).set(`${x}.origin`, fl.origin);
      f.set(`${x}.inboundPktsDecrypted`, fl.inbound?.decrypted).set(`${x}.inboundPktsDropped`, fl.inbound?.dropped);
      f.set(`${x}.inboundLifeKb`, numeric(fl.inbound?.life_in_kb)).set(`${x}.inboundLifeSec`, numeric(fl.inbound?.life_in_sec));
      f.set(`${x}.outboundPktsEncrypted`, fl.outbound?.encrypted).set(`${x}.outboundPktsDropped`, fl.outbound?.dropped);
      f.set(`${x}.outboundLifeKb`, numeric(fl.outbound?.life_in_kb)).set(`${x}.outboundLifeSec`, numeric(fl.outbound?.life_in_sec));
    }
    f.set(`${k}.flow.count`, flows.length);
  }
  return count;
}

/** `host` selectors have an empty mask in ntc-templates. */
const ntcPrefix = (host: unknown, mask: unknown) => {
  if (typeof host !== 'string' || host === '') return undefined;
  const len = typeof mask === 'string' && mask !== '' ? maskToLength(mask) : 32;
  return `${host}/${len}`;
};

/**
 * ntc-templates gives one row per session with scalar SA and flow fields, which
 * hold the last IKE SA and the last flow of the session. Its `ikev1_status` is
 * the SA status whatever the IKE version.
 */
function ntc(rows: NtcRow[]): Facts {
  const f = new Facts();
  for (const r of rows) {
    const k = sessionKey(String(r.interface), String(r.peer));
    f.set(`${k}.status`, lower(r.session_status)).set(`${k}.profile`, r.profile).set(`${k}.uptimeSec`, duration(r.uptime));
    f.set(`${k}.peerPort`, r.port).set(`${k}.fvrf`, none(r.fvrf)).set(`${k}.ivrf`, none(r.ivrf));
    f.set(`${k}.phase1Id`, none(r.phase1_id)).set(`${k}.description`, none(r.description));
    const s = `${k}.lastIke`;
    f.set(`${s}.localAddress`, r.local_ip).set(`${s}.localPort`, r.local_port);
    f.set(`${s}.remoteAddress`, r.remote_ip).set(`${s}.remotePort`, r.remote_port);
    f.set(`${s}.status`, lower(r.ikev1_status)).set(`${s}.sessionId`, r.session_id);
    f.set(`${s}.capabilities`, none(r.capabilities)).set(`${s}.connId`, r.conn_id).set(`${s}.lifetimeRemainingSec`, duration(r.lifetime));
    const fl = `${k}.lastFlow`;
    f.set(`${fl}.protocol`, r.permit).set(`${fl}.activeSas`, r.active_sa).set(`${fl}.origin`, r.origin);
    f.set(`${fl}.localPrefix`, ntcPrefix(r.src_host, r.src_mask)).set(`${fl}.remotePrefix`, ntcPrefix(r.dst_host, r.dst_mask));
  }
  return f.set('session.count', rows.length);
}

function ours(records: CryptoSession[]): Facts {
  const f = new Facts();
  for (const r of records) {
    const k = sessionKey(r.interface, r.peerAddress);
    for (const [key, value] of Object.entries(r)) if (typeof value !== 'object') f.set(`${k}.${key}`, value);
    if (r.description !== undefined) f.set(`${k}.descriptionLead`, descLead(r.description));
    r.ikeSas.forEach((sa, i) => {
      for (const [key, value] of Object.entries(sa)) f.set(`${k}.ike[${i}].${key}`, value);
      if (i === r.ikeSas.length - 1) for (const [key, value] of Object.entries(sa)) f.set(`${k}.lastIke.${key}`, value);
    });
    f.set(`${k}.ike.count`, r.ikeSas.length);
    r.flows.forEach((fl, i) => {
      for (const [key, value] of Object.entries(fl)) f.set(`${k}.flow[${fl.acl}].${key}`, value);
      if (i === r.flows.length - 1) for (const [key, value] of Object.entries(fl)) f.set(`${k}.lastFlow.${key}`, value);
    });
    f.set(`${k}.flow.count`, r.flows.length);
  }
  return f.set('session.count', records.length);
}

export const cryptoSessionMapper: Mapper = { genie, ntc, ours };
