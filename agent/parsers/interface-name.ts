/**
 * Canonical interface names. IOS abbreviates freely (`Gi0/0`, `Tu1`, `Cel0/1/0`,
 * `Vi2.1`) and the same interface appears spelled both ways across commands;
 * records always carry the full name so consumers can match them.
 */
const PREFIXES: ReadonlyArray<readonly [string, string]> = [
  // Longest abbreviations first where one is a prefix of another.
  ['AppGigabitEthernet', 'AppGigabitEthernet'],
  ['HundredGigE', 'HundredGigE'],
  ['FortyGigabitEthernet', 'FortyGigabitEthernet'],
  ['TwentyFiveGigE', 'TwentyFiveGigE'],
  ['TwoGigabitEthernet', 'TwoGigabitEthernet'],
  ['TenGigabitEthernet', 'TenGigabitEthernet'],
  ['GigabitEthernet', 'GigabitEthernet'],
  ['FastEthernet', 'FastEthernet'],
  ['Ethernet', 'Ethernet'],
  ['Port-channel', 'Port-channel'],
  ['Virtual-Access', 'Virtual-Access'],
  ['Virtual-Template', 'Virtual-Template'],
  ['VirtualPortGroup', 'VirtualPortGroup'],
  ['Tunnel', 'Tunnel'],
  ['Loopback', 'Loopback'],
  ['Cellular', 'Cellular'],
  ['Dialer', 'Dialer'],
  ['Serial', 'Serial'],
  ['Vlan', 'Vlan'],
  ['Null', 'Null'],
  ['Async', 'Async'],
  ['Embedded-Service-Engine', 'Embedded-Service-Engine'],
  ['NVI', 'NVI'],
  ['BDI', 'BDI'],
  ['Wlan-GigabitEthernet', 'Wlan-GigabitEthernet'],
];

const ABBREVIATIONS: Record<string, string> = {
  ap: 'AppGigabitEthernet',
  hu: 'HundredGigE',
  fo: 'FortyGigabitEthernet',
  twe: 'TwentyFiveGigE',
  // IOS-XE abbreviates TwoGigabitEthernet as `Tw` (corpus: genieparser ShowIpInterfaceBrief golden_output).
  tw: 'TwoGigabitEthernet',
  te: 'TenGigabitEthernet',
  tengig: 'TenGigabitEthernet',
  gi: 'GigabitEthernet',
  gig: 'GigabitEthernet',
  ge: 'GigabitEthernet',
  fa: 'FastEthernet',
  et: 'Ethernet',
  eth: 'Ethernet',
  po: 'Port-channel',
  vi: 'Virtual-Access',
  vt: 'Virtual-Template',
  vpg: 'VirtualPortGroup',
  tu: 'Tunnel',
  lo: 'Loopback',
  ce: 'Cellular',
  cel: 'Cellular',
  di: 'Dialer',
  se: 'Serial',
  vl: 'Vlan',
  nu: 'Null',
};

const NAME = /^([A-Za-z][A-Za-z-]*?)\s*(\d[\d/:.]*)$/;

/**
 * Returns the canonical name, or the input unchanged when it is not a
 * recognisable interface name (never throws: parsers call it on any token).
 */
export function canonicalInterface(name: string): string {
  const m = NAME.exec(name.trim());
  if (!m) return name.trim();
  const word = m[1]!;
  const unit = m[2]!;
  const lower = word.toLowerCase();
  for (const [full, canon] of PREFIXES) {
    if (full.toLowerCase() === lower) return canon + unit;
  }
  const abbrev = ABBREVIATIONS[lower];
  if (abbrev) return abbrev + unit;
  // IOS accepts any unambiguous prefix of the full word (`Gigabit0/1`, `Tun0`).
  const matches = PREFIXES.filter(([full]) => full.toLowerCase().startsWith(lower));
  if (matches.length === 1 && lower.length >= 2) return matches[0]![1] + unit;
  return word + unit;
}

/** True when the token looks like an interface name (word followed by a unit number). */
export function looksLikeInterface(token: string): boolean {
  return NAME.test(token.trim());
}
