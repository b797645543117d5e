/**
 * Parameter tokens of the lab's IOS grammar: what each `Token` kind accepts
 * and the value the handler receives. Pure.
 */
import { isIPv6 } from 'node:net';
import { canonicalInterface } from '../../agent/parsers/interface-name.js';
import type { Token } from './grammar.js';

/** One whitespace-separated word of the typed line and where it starts (for the caret). */
export interface LineToken {
  text: string;
  start: number;
}

/** A way a parameter can consume the tokens at a position. */
export interface ParamMatch {
  value: string | number;
  consumed: number;
  /** The line ended inside the parameter (`interface GigabitEthernet`): IOS calls that incomplete. */
  partial?: true;
}

export function tokenize(line: string): LineToken[] {
  const tokens: LineToken[] = [];
  for (const m of line.matchAll(/\S+/g)) tokens.push({ text: m[0], start: m.index });
  return tokens;
}

/**
 * Interface types a spoke can have. IOS completes an abbreviated type against
 * the types the platform has (`g0/0` works on a router whose only `g` type is
 * GigabitEthernet); canonicalInterface knows the customary short forms.
 */
const INTERFACE_TYPES = [
  'GigabitEthernet',
  'TenGigabitEthernet',
  'TwoGigabitEthernet',
  'FastEthernet',
  'Ethernet',
  'AppGigabitEthernet',
  'Wlan-GigabitEthernet',
  'Cellular',
  'Tunnel',
  'Loopback',
  'Dialer',
  'Virtual-Access',
  'Virtual-Template',
  'VirtualPortGroup',
  'Vlan',
  'Serial',
  'Null',
  'Port-channel',
  'Async',
  'NVI',
  'BDI',
  'Embedded-Service-Engine',
];
const KNOWN_TYPES = new Set(INTERFACE_TYPES);
const TYPE_ONLY = /^[A-Za-z][A-Za-z-]*$/;
const TYPE_AND_UNIT = /^([A-Za-z][A-Za-z-]*?)(\d+(?:\/\d+)*(?:[.:]\d+)?)$/;
const UNIT = /^\d+(?:\/\d+)*(?:[.:]\d+)?$/;

/** Canonical interface name, or undefined when the type is not one IOS would accept. */
export function interfaceName(type: string, unit: string): string | undefined {
  const canon = canonicalInterface(type + unit);
  const canonType = canon.slice(0, canon.length - unit.length);
  if (KNOWN_TYPES.has(canonType)) return canonType + unit;
  const lower = type.toLowerCase();
  const byPrefix = INTERFACE_TYPES.filter((t) => t.toLowerCase().startsWith(lower));
  return byPrefix.length === 1 ? byPrefix[0]! + unit : undefined;
}

function parseIpv4(text: string): string | undefined {
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(text)) return undefined;
  const octets = text.split('.').map(Number);
  return octets.every((o) => o <= 255) ? octets.join('.') : undefined;
}

/**
 * The ways `param` can consume tokens starting at `tokens[i]` (empty when it
 * cannot). Only an interface has two: `Gi0/0` and `GigabitEthernet 0/0`.
 */
export function acceptParam(
  param: Exclude<Token, { kind: 'keyword' }>,
  tokens: readonly LineToken[],
  i: number,
  line: string,
): ParamMatch[] {
  const text = tokens[i]!.text;
  switch (param.kind) {
    case 'number': {
      // IOS rejects an out-of-range number at the number itself (caret under it).
      if (!/^\d+$/.test(text)) return [];
      const n = Number(text);
      return n >= param.min && n <= param.max ? [{ value: n, consumed: 1 }] : [];
    }
    case 'ipv4': {
      const v4 = parseIpv4(text);
      return v4 ? [{ value: v4, consumed: 1 }] : [];
    }
    case 'ip': {
      const v4 = parseIpv4(text);
      if (v4) return [{ value: v4, consumed: 1 }];
      return isIPv6(text) ? [{ value: text.toUpperCase(), consumed: 1 }] : [];
    }
    case 'word':
      return [{ value: text, consumed: 1 }];
    case 'rest':
      return [{ value: line.slice(tokens[i]!.start).trimEnd(), consumed: tokens.length - i }];
    case 'interface': {
      const ways: ParamMatch[] = [];
      const joined = TYPE_AND_UNIT.exec(text);
      if (joined) {
        const name = interfaceName(joined[1]!, joined[2]!);
        if (name) ways.push({ value: name, consumed: 1 });
      }
      const unit = tokens[i + 1]?.text;
      if (TYPE_ONLY.test(text) && interfaceName(text, '0') !== undefined) {
        if (unit === undefined) ways.push({ value: '', consumed: 1, partial: true });
        else if (UNIT.test(unit)) ways.push({ value: interfaceName(text, unit)!, consumed: 2 });
      }
      return ways;
    }
  }
}
