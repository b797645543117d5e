import type { TrackParameter, TrackType } from '../../../proto/records/health.js';

const TYPES: Record<string, TrackType> = {
  'ip sla': 'ip-sla',
  'response time reporter': 'ip-sla',
  rtr: 'ip-sla',
  interface: 'interface',
  list: 'list',
  'stub-object': 'stub-object',
  'ip route': 'route',
  'ipv6 route': 'route',
};

/** `IP SLA` / `ip sla`, `Interface`, `List`, `Stub-object`, `IP route`, `IPv6 route`. */
export function trackType(raw: string): TrackType {
  return TYPES[raw.toLowerCase()] ?? 'unknown';
}

/** Type words as `show track brief` prints them in its Type column, longest first. */
export const BRIEF_TYPE_WORDS: readonly string[][] = [
  ['ipv6', 'route'],
  ['ip', 'route'],
  ['ip', 'sla'],
  ['rtr'],
  ['interface'],
  ['list'],
  ['stub-object'],
  ['application'],
];

const PARAMETERS: Record<string, TrackParameter> = {
  state: 'state',
  reachability: 'reachability',
  'line-protocol': 'line-protocol',
  'ip routing': 'ip-routing',
  'ipv6 routing': 'ip-routing',
  'metric threshold': 'metric-threshold',
  'boolean and': 'boolean-and',
  'boolean or': 'boolean-or',
  boolean: 'boolean',
  'threshold weight': 'threshold-weight',
  'threshold percentage': 'threshold-percentage',
};

export function trackParameter(raw: string): TrackParameter {
  return PARAMETERS[raw.toLowerCase().replace(/\s+/g, ' ')] ?? 'unknown';
}
