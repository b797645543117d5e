/**
 * The help column of `?`: IOS 15's texts for the keywords an engineer meets
 * on a spoke. A text is looked up by the keyword path before it (`show ip`
 * + `route`), then by the word alone; parameters by their kind and name.
 */
import type { Token } from './grammar.js';
import { OUTPUT_MODIFIERS } from './output-filter.js';

/** Keyed by "path word"; the path is the keywords before, joined by spaces ('' at the start of a line). */
const BY_PATH: Record<string, string> = {
  'show ip': 'IP information',
  'show ip interface': 'IP interface status and configuration',
  'show ip route': 'IP routing table',
  'show ip bgp': 'BGP information',
  'show terminal': 'Display terminal configuration parameters',
  'show interfaces': 'Interface status and configuration',
  'show track': 'Tracking information',
  'show logging': 'Show the contents of logging buffers',
  'show crypto': 'Encryption module',
  'show event': 'Event related information',
  'show ip route bgp': 'Border Gateway Protocol (BGP)',
  'show ip route vrf': 'Display routes from a VPN Routing/Forwarding instance',
  'terminal no': 'Negate a command or set its defaults',
  'no ip': 'Global IP configuration subcommands',
  'interface ip': 'Interface Internet Protocol config commands',
};

const BY_WORD: Record<string, string> = {
  bgp: 'BGP information',
  brief: 'Brief summary of IP status and configuration',
  clear: 'Reset functions',
  client: 'Show Client Status',
  clock: 'Display the system clock',
  configure: 'Enter configuration mode',
  connected: 'Connected networks',
  crypto: 'Encryption module',
  delay: 'Tracking delay',
  description: 'Interface specific description',
  detail: 'Show detailed information',
  detailed: 'detailed information',
  details: 'Detailed Statistics',
  disable: 'Turn off privileged commands',
  dampening: 'Display dampening information',
  dmvpn: 'DMVPN information',
  do: 'To run exec commands in config mode',
  enable: 'Turn on privileged commands',
  end: 'Exit from configure mode',
  event: 'Event related commands',
  exit: 'Exit from configure mode',
  flexvpn: 'FlexVPN client',
  hostname: "Set system's network name",
  ikev2: 'Shows ikev2 information',
  interface: 'Select an interface to configure',
  interfaces: 'Interface status and configuration',
  ip: 'Global IP configuration subcommands',
  ipsec: 'Show IPSEC info',
  ipv6: 'IPv6 information',
  length: 'Set number of lines on a screen',
  logging: 'Modify message logging facilities',
  logout: 'Exit from the EXEC',
  memory: 'Write to NV memory',
  monitor: 'Copy debug output to the current terminal line',
  nhrp: 'NHRP information',
  no: 'Negate a command or set its defaults',
  peer: 'Peer',
  ping: 'Send echo messages',
  remote: 'Remote IP address',
  repeat: 'specify repeat count',
  route: 'IP routing table',
  'running-config': 'Current operating configuration',
  sa: 'Shows ikev2 SAs',
  session: 'Crypto Session of this router',
  show: 'Show running system information',
  shutdown: 'Shutdown the selected interface',
  sla: 'IP Service Level Agreement',
  source: 'specify source address or name',
  static: 'Static routes',
  statistics: 'IP SLA Statistics',
  summary: 'Summary of neighbor status',
  terminal: 'Set terminal line parameters',
  track: 'Tracking information',
  version: 'System hardware and software status',
  width: 'Set width of the display terminal',
  write: 'Write running configuration to memory, network, or terminal',
};

/** After `|` the path is empty: the modifiers' own texts. */
for (const { word, help } of OUTPUT_MODIFIERS) BY_PATH[` ${word}`] = help;

/** Words whose help differs in exec, where they end the session rather than a configuration level. */
const IN_EXEC: Record<string, string> = { exit: 'Exit from the EXEC' };

export function keywordHelp(path: readonly string[], word: string, inConfig = false): string {
  if (!inConfig && path.length === 0 && IN_EXEC[word]) return IN_EXEC[word];
  return BY_PATH[`${path.join(' ')} ${word}`] ?? BY_PATH[`${path.at(-1) ?? ''} ${word}`] ?? BY_WORD[word] ?? '';
}

const PARAM_HELP: Record<string, string> = {
  track: 'Tracked object',
  op: 'Entry Number',
  operation: 'Entry Number',
  remote: 'Remote IP address',
  peer: 'IP address of the peer',
  address: 'IP address',
  destination: 'Destination address or hostname',
  name: 'Name',
  vrf: 'VPN Routing/Forwarding instance name',
  lines: 'Number of lines on screen (0 for no pausing)',
  columns: 'Number of characters on a screen line',
  repeat: 'Repeat count',
  text: 'Up to 240 characters describing this interface',
  interface: '',
};

/** Interface types offered where an interface is expected, with IOS's texts. */
const INTERFACE_TYPES: ReadonlyArray<[string, string]> = [
  ['Cellular', 'Cellular interface'],
  ['GigabitEthernet', 'GigabitEthernet IEEE 802.3z'],
  ['Loopback', 'Loopback interface'],
  ['Tunnel', 'Tunnel interface'],
  ['Vlan', 'Catalyst Vlans'],
];

/** The `?` entries a parameter shows: its form (`<1-1000>`, `A.B.C.D`, `WORD`) and help. */
export function paramEntries(token: Exclude<Token, { kind: 'keyword' }>): Array<[string, string]> {
  const help = PARAM_HELP[token.name] ?? '';
  switch (token.kind) {
    case 'number':
      return [[`<${token.min}-${token.max}>`, help]];
    case 'ipv4':
      return [['A.B.C.D', help]];
    case 'ip':
      return [['A.B.C.D', help], ['X:X:X:X::X', help]];
    case 'word':
      return [['WORD', help]];
    case 'rest':
      return [['LINE', help]];
    case 'interface':
      return INTERFACE_TYPES.map(([type, text]) => [type, text]);
  }
}
