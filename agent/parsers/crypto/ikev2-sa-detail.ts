import type { IkeV2Sa } from '../../../proto/records/crypto.js';
import { isIpv4, isIpv6, maskToLength } from '../address.js';

type Apply = (sa: IkeV2Sa, m: RegExpExecArray) => void;

const NAT_T: Record<string, IkeV2Sa['natT']> = {
  'not detected': 'not-detected',
  'detected inside': 'detected-inside',
  'detected outside': 'detected-outside',
};

const MSG_COUNTERS: Record<
  string,
  readonly [
    'localReqMsgId' | 'localNextMsgId' | 'localReqQueued' | 'localWindow',
    'remoteReqMsgId' | 'remoteNextMsgId' | 'remoteReqQueued' | 'remoteWindow',
  ]
> = {
  'req msg id': ['localReqMsgId', 'remoteReqMsgId'],
  'next msg id': ['localNextMsgId', 'remoteNextMsgId'],
  'req queued': ['localReqQueued', 'remoteReqQueued'],
  // AnyConnect-era wording of the same queue (`Local queue msg id: 0   Remote req queue id: 26`).
  'queue msg id': ['localReqQueued', 'remoteReqQueued'],
  window: ['localWindow', 'remoteWindow'],
};

/**
 * Lines only `show crypto ikev2 sa detailed` prints, one anchored pattern each
 * (corpus: genieparser ShowCryptoIkev2SaDetail golden_output, _2, _3, _5, _6).
 * IOS pads some with runs of spaces (`Fragmentation not  configured.`).
 */
const DETAIL_LINES: ReadonlyArray<readonly [RegExp, Apply]> = [
  [
    /^Status Description:\s*(.+)$/,
    (sa, m) => {
      sa.statusDescription = m[1]!;
    },
  ],
  [
    /^Local id:\s*(.+)$/,
    (sa, m) => {
      sa.localId = m[1]!;
    },
  ],
  [
    /^Remote id:\s*(.+)$/,
    (sa, m) => {
      sa.remoteId = m[1]!;
    },
  ],
  [
    /^Remote EAP id:\s*(.+)$/,
    (sa, m) => {
      sa.remoteEapId = m[1]!;
    },
  ],
  [
    /^Local ([a-z][a-z ]*?):\s*(\d+)\s+Remote ([a-z][a-z ]*?):\s*(\d+)$/i,
    (sa, m) => {
      const pair = MSG_COUNTERS[m[1]!.toLowerCase()];
      if (!pair) {
        otherAttribute(sa, `Local ${m[1]}`, m[2]!);
        otherAttribute(sa, `Remote ${m[3]}`, m[4]!);
        return;
      }
      sa[pair[0]] = Number(m[2]);
      sa[pair[1]] = Number(m[4]);
    },
  ],
  // `retry` on IOS-XE; `entry` in some AnyConnect-era output; trailing items (a DPD mode) kept aside.
  [
    /^DPD configured for (\d+) seconds?, (?:retry|entry) (\d+)(?:,\s*(.+))?$/,
    (sa, m) => {
      sa.dpdIntervalSec = Number(m[1]);
      sa.dpdRetries = Number(m[2]);
      if (m[3] !== undefined) otherAttribute(sa, 'DPD', m[3]);
    },
  ],
  // Cisco's own fragmentation (`Fragmentation not  configured.`) and RFC 7383's
  // (`IETF Std Fragmentation  enabled.`, 17.x), with the MTU it settled on.
  [
    /^(IETF Std )?Fragmentation\s+(not\s+configured|configured|enabled|disabled)\.?$/i,
    (sa, m) => {
      sa.fragmentation = m[2]!.toLowerCase().replace(/\s+/g, '-') as NonNullable<IkeV2Sa['fragmentation']>;
      sa.fragmentationKind = m[1] ? 'ietf' : 'cisco';
    },
  ],
  [
    /^(?:IETF Std )?Fragmentation MTU in use:\s*(\d+)(?: bytes)?\.?$/i,
    (sa, m) => {
      sa.fragmentationMtuBytes = Number(m[1]);
    },
  ],
  [
    /^Dynamic Route Update:\s*(enabled|disabled)$/i,
    (sa, m) => {
      sa.dynamicRouteUpdate = m[1]!.toLowerCase() as 'enabled' | 'disabled';
    },
  ],
  [
    /^Extended Authentication (not\s+)?configured\.?$/,
    (sa, m) => {
      sa.extendedAuthentication = m[1] ? 'not-configured' : 'configured';
    },
  ],
  [
    /^NAT-T is (\S.*)$/,
    (sa, m) => {
      const raw = m[1]!.replace(/\s+/g, ' ');
      sa.natT = NAT_T[raw.toLowerCase()] ?? 'unknown';
      if (sa.natT === 'unknown') sa.natTRaw = raw;
    },
  ],
  [
    /^Cisco Trust Security SGT is (enabled|disabled)$/i,
    (sa, m) => {
      sa.ctsSgt = m[1]!.toLowerCase() as 'enabled' | 'disabled';
    },
  ],
  [
    /^Initiator of SA\s*:\s*(Yes|No)$/i,
    (sa, m) => {
      sa.role = m[1]!.toLowerCase() === 'yes' ? 'initiator' : 'responder';
    },
  ],
  [
    /^Pushed IP address:\s*(\S+)$/,
    (sa, m) => {
      sa.pushedAddress = m[1]!;
    },
  ],
  [
    /^Assigned host addr:\s*(\S+)$/,
    (sa, m) => {
      sa.assignedPeerAddress = m[1]!;
    },
  ],
  // golden_output3: older wording; golden_output5/6: newer ones.
  [
    /^Quantum Resistance Enabled$/i,
    (sa) => {
      sa.quantumSafePpk = 'enabled';
    },
  ],
  [
    /^Quantum-Safe Encryption using PPK is enabled$/i,
    (sa) => {
      sa.quantumSafePpk = 'enabled';
    },
  ],
  [
    /^Quantum-Safe Encryption using (Manual|Dynamic) PPK$/i,
    (sa, m) => {
      sa.quantumSafePpk = m[1]!.toLowerCase() as 'manual' | 'dynamic';
    },
  ],
  [
    /^Local Sys Id:\s*(\S+)\s+Remote Sys Id:\s*(\S+)$/,
    (sa, m) => {
      sa.localSysId = m[1]!;
      sa.remoteSysId = m[2]!;
    },
  ],
  [
    /^PEER TYPE:\s*(.+)$/i,
    (sa, m) => {
      sa.peerType = m[1]!;
    },
  ],
  // 17.x post-quantum key exchange (ML-KEM), said again under the detailed lines.
  [
    /^Quantum-safe Encryption using PQC:\s*(\S+)$/i,
    (sa, m) => {
      sa.pqcKeyExchange = m[1]!;
    },
  ],
];

/**
 * The shapes every detailed line IOS prints takes: `Label: value`, `Label is
 * value`, `Label [not] configured|enabled|disabled.`. A line of one of them
 * that no rule above names (a later release's new attribute) is kept as
 * printed in `otherAttributes` rather than lost or warned about.
 */
const GENERIC_SHAPES: readonly RegExp[] = [
  /^([A-Za-z][\w ./()-]*?)\s*:\s*(\S.*)$/,
  /^([A-Za-z][\w ./()-]*?) is (\S.*)$/,
  /^([A-Za-z][\w ./()-]*?)\s+((?:not\s+)?(?:configured|enabled|disabled))\.?$/i,
];

/** Keeps a line of a known shape that no rule reads; try it last. False when the line has none of the shapes. */
export function genericDetailLine(sa: IkeV2Sa, t: string): boolean {
  for (const re of GENERIC_SHAPES) {
    const m = re.exec(t);
    if (m) {
      otherAttribute(sa, m[1]!, m[2]!);
      return true;
    }
  }
  return false;
}

export function otherAttribute(sa: IkeV2Sa, label: string, value: string): void {
  (sa.otherAttributes ??= {})[label.replace(/\s+/g, ' ').trim()] = value.replace(/\s+/g, ' ').trim();
}

/**
 * Reads the detailed lines of the SA being parsed. Stateful only for the
 * `Remote subnets:` list, whose entries follow it one per line with no label
 * (golden_output: `10.0.0.0 255.0.0.0`).
 */
export class DetailedLines {
  private subnetsOf: IkeV2Sa | undefined;

  /** Applies one trimmed line to `sa`; false when the line is not a detailed line. */
  apply(sa: IkeV2Sa, t: string): boolean {
    if (this.subnetsOf === sa) {
      const prefix = subnet(t);
      if (prefix) {
        sa.remoteSubnets!.push(prefix);
        return true;
      }
    }
    this.subnetsOf = undefined;
    if (/^Remote subnets:$/i.test(t)) {
      sa.remoteSubnets ??= [];
      this.subnetsOf = sa;
      return true;
    }
    for (const [re, apply] of DETAIL_LINES) {
      const m = re.exec(t);
      if (m) {
        apply(sa, m);
        return true;
      }
    }
    return false;
  }
}

/** `10.0.0.0 255.0.0.0` or `2001:db8::/64` -> CIDR; undefined otherwise. */
function subnet(t: string): string | undefined {
  const m = /^(\S+)\s+(\S+)$/.exec(t);
  if (m && isIpv4(m[1]!)) {
    const len = maskToLength(m[2]!);
    return len === undefined ? undefined : `${m[1]}/${len}`;
  }
  const cidr = /^(\S+)\/(\d{1,3})$/.exec(t);
  if (cidr && (isIpv4(cidr[1]!) || isIpv6(cidr[1]!))) return t;
  return undefined;
}
