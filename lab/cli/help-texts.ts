/**
 * The help column of `?`: IOS 15's texts for the keywords an engineer meets
 * on a spoke. A first word is looked up by mode, a later one by the keywords
 * before it (`show ip` + `route`); parameters by their kind and name.
 */
import type { Token } from './grammar.js';
import { OUTPUT_MODIFIERS } from './output-filter.js';

/**
 * A mode's first words. Help differs by mode (`ip` is "Global IP
 * configuration subcommands" in config and "Interface Internet Protocol
 * config commands" under an interface), so a word no table knows gets an
 * empty help column rather than another context's text.
 */
const FIRST_WORDS: Record<string, Record<string, string>> = {
  exec: {
    clear: 'Reset functions',
    configure: 'Enter configuration mode',
    disable: 'Turn off privileged commands',
    enable: 'Turn on privileged commands',
    event: 'Event related commands',
    exit: 'Exit from the EXEC',
    logout: 'Exit from the EXEC',
    ping: 'Send echo messages',
    show: 'Show running system information',
    terminal: 'Set terminal line parameters',
    write: 'Write running configuration to memory, network, or terminal',
  },
  config: {
    crypto: 'Encryption module',
    event: 'Event related commands',
    hostname: "Set system's network name",
    interface: 'Select an interface to configure',
    ip: 'Global IP configuration subcommands',
    logging: 'Modify message logging facilities',
    'route-map': 'Create route-map or enter route-map command mode',
    router: 'Enable a routing process',
    track: 'Object tracking configuration commands',
    vrf: 'VRF commands',
  },
  'config-if': {
    dampening: 'Enable event dampening',
    description: 'Interface specific description',
    ip: 'Interface Internet Protocol config commands',
    shutdown: 'Shutdown the selected interface',
    tunnel: 'protocol-over-protocol tunneling',
  },
  'config-router': {
    'address-family': 'Enter Address Family command mode',
    bgp: 'BGP specific commands',
    neighbor: 'Specify a neighbor router',
    network: 'Specify a network to announce via BGP',
  },
  'config-route-map': {
    match: 'Match values from routing table',
    set: 'Set values in destination routing protocol',
  },
  'config-track': {
    'default-state': 'Default state for stub object',
    delay: 'Tracking delay',
    object: 'Add a tracked object to the list',
  },
  'config-ip-sla': {
    'icmp-echo': 'ICMP Echo Operation',
    'icmp-jitter': 'ICMP Jitter Operation',
    'tcp-connect': 'TCP Connect Operation',
    'udp-jitter': 'UDP Jitter Operation',
  },
  'config-ip-sla-echo': {
    frequency: 'Frequency of an operation',
    threshold: 'Operation threshold in milliseconds',
    timeout: 'Timeout of an operation',
  },
};

/** Words every configuration mode has. */
const CONFIG_COMMON: Record<string, string> = {
  do: 'To run exec commands in config mode',
  end: 'Exit from configure mode',
  exit: 'Exit from configure mode',
  no: 'Negate a command or set its defaults',
};

/** Later words, keyed by the keywords before them and the word: "show ip route". */
const BY_PATH: Record<string, string> = {
  'show bgp': 'BGP information',
  'show clock': 'Display the system clock',
  'show crypto': 'Encryption module',
  'show dampening': 'Display dampening information',
  'show dmvpn': 'DMVPN information',
  'show event': 'Event related information',
  'show interfaces': 'Interface status and configuration',
  'show ip': 'IP information',
  'show ipv6': 'IPv6 information',
  'show logging': 'Show the contents of logging buffers',
  'show running-config': 'Current operating configuration',
  'show terminal': 'Display terminal configuration parameters',
  'show track': 'Tracking information',
  'show version': 'System hardware and software status',
  'show clock detail': 'Display detailed information',
  'show ip bgp': 'BGP information',
  'show ip interface': 'IP interface status and configuration',
  'show ip nhrp': 'NHRP information',
  'show ip route': 'IP routing table',
  'show ip sla': 'IP Service Level Agreement',
  'show ip interface brief': 'Brief summary of IP status and configuration',
  'show ip route bgp': 'Border Gateway Protocol (BGP)',
  'show ip route connected': 'Connected networks',
  'show ip route static': 'Static routes',
  'show ip route vrf': 'Display routes from a VPN Routing/Forwarding instance',
  'show ip sla configuration': 'IP SLAs Configuration',
  'show ip sla reaction-configuration': 'IP SLAs Reaction Configuration',
  'show ip sla statistics': 'IP SLAs Statistics',
  'show ip sla summary': 'IP SLAs Summary',
  'show track brief': 'Brief information',
  'show crypto ikev2': 'Shows ikev2 information',
  'show crypto ipsec': 'Show IPSEC info',
  'show crypto session': 'Show crypto sessions (tunnels)',
  'show crypto ikev2 client': 'Show Client Status',
  'show crypto ikev2 client flexvpn': 'FlexVPN client',
  'show crypto ikev2 sa': 'Shows ikev2 SAs',
  'show crypto ikev2 sa detailed': 'detailed information',
  'show crypto ipsec sa': 'IPSEC SA table',
  'show crypto ipsec sa detail': 'detailed ipsec sa info',
  'show crypto ipsec sa peer': 'Show IPsec SAs for a peer',
  'show crypto session detail': 'Show crypto session detail info',
  'show crypto session remote': 'Remote IKE address',
  'show ip bgp summary': 'Summary of BGP neighbor status',
  'show bgp ipv4': 'Address family',
  'show bgp ipv4 unicast': 'Address Family modifier',
  'show bgp ipv4 unicast summary': 'Summary of BGP neighbor status',
  'show ip sla statistics details': 'Detailed statistics',
  'clear crypto': 'Encryption module',
  'clear crypto ikev2': 'Clear IKEv2',
  'clear crypto ikev2 sa': 'Clear IKEv2 SAs',
  'clear crypto session': 'Clear crypto sessions (tunnels)',
  'crypto ikev2': 'Configure IKEv2 Options',
  'ip sla': 'IP Service Level Agreement',
  'logging host': 'Set syslog server IP address and parameters',
  'terminal length': 'Set number of lines on a screen',
  'terminal monitor': 'Copy debug output to the current terminal line',
  'terminal no': 'Negate a command or set its defaults',
  'terminal width': 'Set width of the display terminal',
  'terminal no monitor': 'Copy debug output to the current terminal line',
  'write memory': 'Write to NV memory',
  'ping repeat': 'specify repeat count',
  'ping source': 'specify source address or name',
  'track interface': 'Select an interface to track',
  'track ip': 'IP protocol',
  'track list': 'Group objects in a list',
  'track stub-object': 'Stub tracking object',
};

/** After `|` the path is empty: the modifiers' own texts. */
const MODIFIERS: Record<string, string> = Object.fromEntries(OUTPUT_MODIFIERS.map(({ word, help }) => [word, help]));

/** `mode` is the session's mode, or 'modifier' for the words after `|`. */
export function keywordHelp(mode: string, path: readonly string[], word: string): string {
  if (mode === 'modifier') return MODIFIERS[word] ?? '';
  if (path.length > 0) return BY_PATH[`${path.join(' ')} ${word}`] ?? '';
  const table = mode === 'user' ? FIRST_WORDS.exec : FIRST_WORDS[mode];
  return table?.[word] ?? (mode.startsWith('config') ? CONFIG_COMMON[word] : undefined) ?? '';
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
      return [
        ['A.B.C.D', help],
        ['X:X:X:X::X', help],
      ];
    case 'word':
      return [['WORD', help]];
    case 'rest':
      return [['LINE', help]];
    case 'interface':
      return INTERFACE_TYPES.map(([type, text]) => [type, text]);
  }
}
