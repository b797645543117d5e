import type { CryptoSession, CryptoSessionFlow, CryptoSessionIkeSa, CryptoSessionStatus } from '../../../proto/records/crypto.js';
import type { ParseResult } from '../../../proto/records/common.js';
import { parseDuration } from '../duration.js';
import { canonicalInterface } from '../interface-name.js';
import { splitLines, Warnings, type Line } from '../lines.js';
import { parseFlowSelector } from './flow-selector.js';

const SESSION_STATUS: Record<string, CryptoSessionStatus> = {
  'UP-ACTIVE': 'up-active',
  'UP-IDLE': 'up-idle',
  'UP-NO-IKE': 'up-no-ike',
  'DOWN-NEGOTIATING': 'down-negotiating',
  DOWN: 'down',
};

const IKE_VERSION: Record<string, CryptoSessionIkeSa['version']> = { IKEV1: 'ikev1', IKEV2: 'ikev2' };

// `IKEv2 SA: local A/500 remote B/500 Active`; IPv6 SAs wrap before `remote`
// (corpus: genieparser iosxe ShowCryptoSession golden_output3).
const IKE_SA = /^(IKE|IKEv1|IKEv2) SA:\s*local\s+(\S+)\/(\d+)(?:\s+remote\s+(\S+)\/(\d+)\s+(\S.*))?$/i;
const IKE_SA_REMOTE = /^remote\s+(\S+)\/(\d+)\s+(\S.*)$/;
const PEER = /^Peer:\s*(\S+)\s+port\s+(\d+)(?:\s+fvrf:\s*(\S+)\s+ivrf:\s*(\S+))?$/;
const CAPABILITIES = /^Capabilities:\s*(\S+)\s+connid:\s*(\d+)\s+lifetime:\s*(\S+)$/;
// `Inbound:  #pkts dec'ed 449282 drop 0 life (KB/Sec) KB Vol Rekey Disabled/3060`
// (corpus: genieparser ShowCryptoSessionDetail golden_output).
const COUNTERS = /^(Inbound|Outbound):\s+#pkts (?:dec|enc)'ed (\d+) drop (\d+) life \(KB\/Sec\) (\S.*)\/(\d+)$/;

/** `(none)` and `none` mean absent. */
const orNone = (v: string | undefined): string | undefined => (v === undefined || /^\(?none\)?$/i.test(v) ? undefined : v);

/**
 * `show crypto session` and `show crypto session detail`: one record per peer
 * of each `Interface:` block. Session-level lines (profile, uptime, status) come
 * before `Peer:`; a second `Peer:` in the same block starts a record that
 * shares them.
 */
export function parseCryptoSession(text: string): ParseResult<CryptoSession> {
  const warnings = new Warnings(
    "an 'Interface:' line, then its 'Session status:', 'Peer:', 'IKEv2 SA:' / 'IPSEC FLOW:' and 'Active SAs:' lines",
  );
  const records: CryptoSession[] = [];
  let session: CryptoSession | undefined;
  let ikeSa: CryptoSessionIkeSa | undefined;
  /** The `IKEv2 SA: local A/500` line whose `remote B/500 Active` continuation is due. */
  let awaitingRemote: Line | undefined;
  let flow: CryptoSessionFlow | undefined;
  let sessionId: number | undefined;

  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '' || /^Crypto session current status$/i.test(t) || isLegend(t)) continue;

    let m = /^Interface:\s*(\S+)$/.exec(t);
    if (m) {
      if (awaitingRemote) warnings.add(awaitingRemote, 'IKE SA without its remote endpoint');
      session = { interface: canonicalInterface(m[1]!), status: 'unknown', statusRaw: '', ikeSas: [], flows: [] };
      records.push(session);
      ikeSa = undefined;
      flow = undefined;
      sessionId = undefined;
      awaitingRemote = undefined;
      continue;
    }
    if (!session) {
      warnings.add(line, 'line outside any session');
      continue;
    }

    if (awaitingRemote && ikeSa) {
      const pendingSaLine = awaitingRemote;
      awaitingRemote = undefined;
      m = IKE_SA_REMOTE.exec(t);
      if (m) {
        setRemote(ikeSa, m[1]!, m[2]!, m[3]!);
        continue;
      }
      warnings.add(pendingSaLine, 'IKE SA without its remote endpoint');
    }

    m = PEER.exec(t);
    if (m) {
      if (session.peerAddress !== undefined) {
        session = { ...sessionLevel(session), ikeSas: [], flows: [] };
        records.push(session);
        ikeSa = undefined;
        flow = undefined;
        sessionId = undefined;
      }
      session.peerAddress = m[1]!;
      session.peerPort = Number(m[2]);
      setIf(session, 'fvrf', orNone(m[3]));
      setIf(session, 'ivrf', orNone(m[4]));
      continue;
    }
    m = IKE_SA.exec(t);
    if (m) {
      ikeSa = { localAddress: m[2]!, localPort: Number(m[3]), remoteAddress: '', remotePort: 0, status: 'unknown', statusRaw: '' };
      const version = IKE_VERSION[m[1]!.toUpperCase()];
      if (version) ikeSa.version = version;
      if (sessionId !== undefined) ikeSa.sessionId = sessionId;
      sessionId = undefined;
      if (m[4] !== undefined) setRemote(ikeSa, m[4], m[5]!, m[6]!);
      else awaitingRemote = line;
      session.ikeSas.push(ikeSa);
      continue;
    }
    m = /^IPSEC FLOW:\s*(\S.*)$/i.exec(t);
    if (m) {
      const selector = parseFlowSelector(m[1]!);
      flow = { acl: m[1]!, action: selector?.action ?? '', protocol: selector?.protocol ?? '', ...selector };
      session.flows.push(flow);
      if (!selector) warnings.add(line, 'unrecognised flow selector');
      continue;
    }
    if (
      !sessionLine(session, t) &&
      !saLine(t, ikeSa, flow, (id) => {
        sessionId = id;
      })
    ) {
      warnings.add(line, 'unrecognised session line');
    }
  }
  if (awaitingRemote) warnings.add(awaitingRemote, 'IKE SA without its remote endpoint');
  return { records, warnings: warnings.list };
}

/** Lines about the session itself; false when `t` is none of them. */
function sessionLine(s: CryptoSession, t: string): boolean {
  const m = /^(Username|Profile|Group|Assigned address|Uptime|Session status|Desc|Phase1_id|System IP):\s*(.*)$/i.exec(t);
  if (!m) return false;
  const value = m[2]!.trim();
  switch (m[1]!.toLowerCase()) {
    case 'username':
      s.username = value;
      return true;
    case 'profile':
      s.profile = value;
      return true;
    case 'group':
      s.group = value;
      return true;
    case 'assigned address':
      s.assignedAddress = value;
      return true;
    case 'uptime':
      setIf(s, 'uptimeSec', parseDuration(value));
      return true;
    case 'session status':
      s.statusRaw = value;
      s.status = SESSION_STATUS[value.toUpperCase()] ?? 'unknown';
      return true;
    case 'desc':
      setIf(s, 'description', orNone(value));
      return true;
    case 'phase1_id':
      setIf(s, 'phase1Id', orNone(value));
      return true;
    default: {
      // `System IP: 13.13.13.11  Interface: Tu1` (SD-WAN; golden_output3).
      const sys = /^(\S+)(?:\s+Interface:\s*\S+)?$/.exec(value);
      if (!sys) return false;
      s.systemIp = sys[1]!;
      return true;
    }
  }
}

/**
 * Lines that belong to the current IKE SA or IPsec flow (`Session ID:`, `Capabilities:`,
 * `Active SAs:`, `Inbound:` / `Outbound:` counters); also read under `show dmvpn detail`.
 */
export function saLine(
  t: string,
  ikeSa: CryptoSessionIkeSa | undefined,
  flow: CryptoSessionFlow | undefined,
  setSessionId: (id: number) => void,
): boolean {
  let m = /^Session ID:\s*(\d+)$/i.exec(t);
  if (m) {
    setSessionId(Number(m[1]));
    return true;
  }
  m = CAPABILITIES.exec(t);
  if (m && ikeSa) {
    setIf(ikeSa, 'capabilities', orNone(m[1]));
    ikeSa.connId = Number(m[2]);
    setIf(ikeSa, 'lifetimeRemainingSec', parseDuration(m[3]!));
    return true;
  }
  if (!flow) return false;
  m = /^Active SAs:\s*(\d+),\s*origin:\s*(.+)$/.exec(t);
  if (m) {
    flow.activeSas = Number(m[1]);
    flow.origin = m[2]!;
    return true;
  }
  m = COUNTERS.exec(t);
  if (!m) return false;
  const kb = /^\d+$/.test(m[4]!) ? Number(m[4]) : undefined;
  if (m[1] === 'Inbound') {
    flow.inboundPktsDecrypted = Number(m[2]);
    flow.inboundPktsDropped = Number(m[3]);
    setIf(flow, 'inboundLifeKb', kb);
    flow.inboundLifeSec = Number(m[5]);
  } else {
    flow.outboundPktsEncrypted = Number(m[2]);
    flow.outboundPktsDropped = Number(m[3]);
    setIf(flow, 'outboundLifeKb', kb);
    flow.outboundLifeSec = Number(m[5]);
  }
  return true;
}

/** A one-line `IKEv2 SA: local A/500 remote B/500 Active` (as `show dmvpn detail` prints it). */
export function ikeSaLine(t: string): CryptoSessionIkeSa | undefined {
  const m = IKE_SA.exec(t);
  if (!m || m[4] === undefined) return undefined;
  const sa: CryptoSessionIkeSa = {
    localAddress: m[2]!,
    localPort: Number(m[3]),
    remoteAddress: '',
    remotePort: 0,
    status: 'unknown',
    statusRaw: '',
  };
  const version = IKE_VERSION[m[1]!.toUpperCase()];
  if (version) sa.version = version;
  setRemote(sa, m[4], m[5]!, m[6]!);
  return sa;
}

/** `UP-ACTIVE` -> `up-active`; a status not documented -> `unknown`. */
export function sessionStatusOf(raw: string): CryptoSessionStatus {
  return SESSION_STATUS[raw.toUpperCase()] ?? 'unknown';
}

function setRemote(sa: CryptoSessionIkeSa, address: string, port: string, statusRaw: string): void {
  sa.remoteAddress = address;
  sa.remotePort = Number(port);
  sa.statusRaw = statusRaw.trim();
  const s = sa.statusRaw.toLowerCase();
  sa.status = s === 'active' ? 'active' : s === 'inactive' ? 'inactive' : 'unknown';
}

/** The fields a second peer of the same `Interface:` block shares with the first. */
function sessionLevel(s: CryptoSession): Omit<CryptoSession, 'ikeSas' | 'flows'> {
  const {
    peerAddress: _a,
    peerPort: _p,
    fvrf: _f,
    ivrf: _i,
    phase1Id: _id,
    description: _d,
    systemIp: _s,
    ikeSas: _k,
    flows: _l,
    ...shared
  } = s;
  return shared;
}

/** Sets `key` only when there is a value, so absent stays absent (common.ts). */
function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/**
 * The `Code:` legend of the detail form: `Code: C - IKE Configuration mode, D - Dead Peer Detection`,
 * `K - Keepalives, N - NAT-traversal, ...`, `S - SIP VPN`.
 */
function isLegend(t: string): boolean {
  const body = t.replace(/^Code:\s*/, '');
  return body.split(',').every((part) => /^[A-Z] - \S/.test(part.trim()));
}
