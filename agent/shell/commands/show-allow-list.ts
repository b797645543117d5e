/**
 * `run-show` runs only read-only show commands from this list, written in full
 * (no abbreviations, no pipes, no `| redirect`/`| tee`, which can write files),
 * with arguments checked against strict grammars. Anything else is refused.
 */
const FIXED = new Set([
  'show version',
  'show clock',
  'show logging',
  'show crypto ikev2 sa',
  'show crypto ikev2 sa detailed',
  'show crypto ikev2 client flexvpn',
  'show crypto session',
  'show crypto session detail',
  'show crypto ipsec sa',
  'show crypto ipsec sa detail',
  'show ip sla statistics',
  'show ip sla statistics details',
  'show ip sla statistics aggregated',
  'show ip sla summary',
  'show ip sla configuration',
  'show track',
  'show track brief',
  'show ip interface brief',
  'show interfaces',
  'show ip route',
  'show ipv6 route',
  'show ip bgp summary',
  'show bgp ipv4 unicast summary',
  'show bgp ipv6 unicast summary',
  'show ip nhrp',
  'show dmvpn',
  'show dmvpn detail',
  'show ip bgp',
  'show bgp ipv4 unicast',
  'show bgp ipv6 unicast',
  'show ip bgp neighbors',
  'show bgp ipv4 unicast neighbors',
  'show route-map',
]);

const NAME = /^[A-Za-z0-9._-]{1,32}$/;
const NUMBER = /^[0-9]{1,10}$/;
const IFNAME = /^[A-Z][A-Za-z-]*[0-9]+(\/[0-9]+)*(\.[0-9]+)?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** Commands with one argument: the fixed words, then a grammar for the last token. */
const WITH_ARGUMENT: ReadonlyArray<readonly [string, RegExp]> = [
  ['show ip route vrf', NAME],
  ['show ipv6 route vrf', NAME],
  ['show ip route', IPV4],
  ['show interfaces', IFNAME],
  ['show ip sla statistics', NUMBER],
  ['show track', NUMBER],
  ['show ip nhrp vrf', NAME],
  ['show ip bgp neighbors', IPV4],
  ['show bgp ipv4 unicast neighbors', IPV4],
  ['show route-map', NAME],
];

/** The command as it will be sent (normalised), or undefined when it is not allowed. */
export function allowedShowCommand(text: string): string | undefined {
  if (text.length > 200 || !/^[\x20-\x7e]+$/.test(text)) return undefined;
  const tokens = text.trim().split(/ +/);
  if (tokens.some((t) => !/^[A-Za-z0-9./:_-]+$/.test(t))) return undefined;
  const keywords = tokens.map((t) => t.toLowerCase());
  const whole = keywords.join(' ');
  if (FIXED.has(whole)) return whole;
  const head = keywords.slice(0, -1).join(' ');
  const last = tokens[tokens.length - 1]!;
  for (const [prefix, grammar] of WITH_ARGUMENT) {
    if (head === prefix && grammar.test(last)) return `${prefix} ${last}`;
  }
  return undefined;
}
