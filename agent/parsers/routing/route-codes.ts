import type { RouteFlag, RouteProtocol, RouteSubtype } from '../../../proto/records/routing.js';
import { lookup } from './record-helpers.js';

/** What a route's code column means; resolved once per distinct spelling (see CodeResolver). */
export interface RouteCode {
  code: string;
  protocol: RouteProtocol;
  subtype?: RouteSubtype;
  candidateDefault: boolean;
  flags?: RouteFlag[];
}

type Meaning = readonly [RouteProtocol, RouteSubtype?];

// `show ip route` legend (IOS 15 and IOS-XE 17, corpus genieparser ShowIpRoute golden_output7/13;
// 12.x and earlier add `I - IGRP` and `E - EGP`, IP Routing Protocol-Independent Command Reference).
const IPV4_MAIN: Record<string, Meaning> = {
  I: ['igrp'],
  E: ['egp'],
  L: ['local'],
  C: ['connected'],
  S: ['static'],
  R: ['rip'],
  M: ['mobile'],
  B: ['bgp'],
  D: ['eigrp'],
  O: ['ospf'],
  i: ['isis'],
  o: ['odr'],
  H: ['nhrp'],
  l: ['lisp'],
  a: ['application'],
  m: ['omp'],
  U: ['static', 'per-user'],
  P: ['static', 'periodic'],
  G: ['nhrp', 'registered'],
  g: ['nhrp', 'registration-summary'],
  n: ['nat'],
  Ni: ['nat', 'inside'],
  No: ['nat', 'outside'],
  Nd: ['nat', 'dia'],
};

// Second part of an IPv4 code: `O IA`, `O*E2`, `D EX`, `i L1`, `i su`.
const IPV4_SUBTYPE: Record<string, RouteSubtype> = {
  IA: 'inter-area',
  E1: 'external-1',
  E2: 'external-2',
  N1: 'nssa-external-1',
  N2: 'nssa-external-2',
  EX: 'external',
  L1: 'level-1',
  L2: 'level-2',
  ia: 'inter-area',
  su: 'summary',
  // A NAT route prints its kind after the `n` and the candidate-default mark: `n*Nd 0.0.0.0/0` (SD-WAN DIA).
  Ni: 'inside',
  No: 'outside',
  Nd: 'dia',
};

// `show ipv6 route` legend: one token per code (corpus ShowIpv6Route golden_output6/9,
// ShowIpv6RouteDistributor golden_output4, ntc cisco_ios_show_ipv6_route).
const IPV6_CODE: Record<string, Meaning> = {
  C: ['connected'],
  L: ['local'],
  LC: ['local'],
  S: ['static'],
  U: ['static', 'per-user'],
  B: ['bgp'],
  R: ['rip'],
  H: ['nhrp'],
  HG: ['nhrp', 'registered'],
  Hg: ['nhrp', 'registration-summary'],
  HE: ['nhrp', 'external'],
  I1: ['isis', 'level-1'],
  I2: ['isis', 'level-2'],
  IA: ['isis', 'inter-area'],
  IS: ['isis', 'summary'],
  D: ['eigrp'],
  EX: ['eigrp', 'external'],
  ND: ['nd', 'default'],
  NDp: ['nd', 'prefix'],
  NDr: ['nd', 'redirect'],
  DCE: ['nd', 'destination'],
  RL: ['rpl'],
  O: ['ospf'],
  OI: ['ospf', 'inter-area'],
  OE1: ['ospf', 'external-1'],
  OE2: ['ospf', 'external-2'],
  ON1: ['ospf', 'nssa-external-1'],
  ON2: ['ospf', 'nssa-external-2'],
  // `ls` means "LISP site" on older releases and "LISP destinations-summary" on newer ones.
  l: ['lisp'],
  la: ['lisp', 'alt'],
  lr: ['lisp', 'site-registrations'],
  ld: ['lisp', 'dyn-eid'],
  lA: ['lisp', 'away'],
  le: ['lisp', 'extranet-policy'],
  lp: ['lisp', 'publications'],
  ls: ['lisp'],
  a: ['application'],
  m: ['omp'],
  M: ['mobile'],
  HA: ['mobile', 'home-agent'],
  MR: ['mobile', 'mobile-router'],
  // `NM - NEMO` (network mobility) in IOS 15 legends (IPv6 Command Reference, show ipv6 route).
  NM: ['mobile', 'nemo'],
  // NAT routes, as in the IPv4 legend of IOS-XE 17 (SD-WAN direct internet access).
  n: ['nat'],
  Ni: ['nat', 'inside'],
  No: ['nat', 'outside'],
  Nd: ['nat', 'dia'],
};

const FLAG: Record<string, RouteFlag> = {
  '+': 'replicated',
  '%': 'next-hop-override',
  p: 'pfr-override',
  '&': 'connected-override',
};

const FLAG_TOKEN = /^[+%&p]+$/;
const FIRST_TOKEN = /^([A-Za-z]+)(\*?)([A-Za-z0-9]*)$/;

/** The IPv4 code column: `O`, `S*`, `O IA`, `i*L1`, `S   %`, `C   p`. Shared with ROUTE_V4. */
export const IPV4_CODE_FRAGMENT = String.raw`[A-Za-z]{1,2}\*?[A-Za-z0-9]{0,2}(?:\s{1,4}[A-Za-z][A-Za-z0-9]?)?(?:\s+[+%&p]{1,4})?`;

/**
 * Resolves code columns, caching by spelling: a 100k-route table holds a
 * handful of distinct codes, so each is worked out once.
 */
export class CodeResolver {
  private readonly v4 = new Map<string, RouteCode>();
  private readonly v6 = new Map<string, RouteCode>();

  /** `O IA`, `i*L1`, `S   %`, `C   p` (genieparser ShowIpRouteDistributor golden_output3). */
  ipv4(area: string): RouteCode {
    let hit = this.v4.get(area);
    if (hit === undefined) {
      hit = resolve(area, IPV4_MAIN, IPV4_SUBTYPE);
      this.v4.set(area, hit);
    }
    return hit;
  }

  ipv6(area: string): RouteCode {
    let hit = this.v6.get(area);
    if (hit === undefined) {
      hit = resolve(area, IPV6_CODE, {});
      this.v6.set(area, hit);
    }
    return hit;
  }
}

/**
 * The first token holds the code, a `*` and sometimes the subtype glued on
 * (`i*L1`, `O*E2`); later tokens are a subtype (`O IA`) or flag marks (`S   %`).
 * The printed code keeps everything but the flags, whitespace collapsed.
 */
function resolve(area: string, mains: Record<string, Meaning>, subtypes: Record<string, RouteSubtype>): RouteCode {
  const tokens = area.trim().split(/\s+/);
  // A code that is one legend entry as a whole (`I1`, `OE2`, `NDp`) is never split.
  const whole = /^([A-Za-z][A-Za-z0-9]*)(\*?)$/.exec(tokens[0]!);
  const first =
    whole && lookup(mains, whole[1]!) !== undefined ? ([whole[0], whole[1]!, whole[2]!, ''] as const) : FIRST_TOKEN.exec(tokens[0]!);
  const meaning = first ? lookup(mains, first[1]!) : undefined;
  const out: RouteCode = { code: '', protocol: meaning ? meaning[0] : 'unknown', candidateDefault: first?.[2] === '*' };
  if (meaning?.[1] !== undefined) out.subtype = meaning[1];
  const printed = [tokens[0]!];
  const rest = first?.[3] ? [first[3], ...tokens.slice(1)] : tokens.slice(1);
  rest.forEach((token, i) => {
    const subtype = lookup(subtypes, token);
    if (FLAG_TOKEN.test(token) && subtype === undefined) {
      for (const ch of token) (out.flags ??= []).push(FLAG[ch]!);
      return;
    }
    out.subtype = subtype ?? 'unknown';
    if (i > 0 || !first?.[3]) printed.push(token);
  });
  out.code = printed.join(' ');
  return out;
}

const FLAG_CHAR: Record<RouteFlag, string> = {
  replicated: '+',
  'next-hop-override': '%',
  'pfr-override': 'p',
  'connected-override': '&',
};

/** The flag marks as IOS prints them, for display and comparison. */
export function flagChars(flags: readonly RouteFlag[] | undefined): string {
  return flags ? flags.map((f) => FLAG_CHAR[f]).join('') : '';
}
