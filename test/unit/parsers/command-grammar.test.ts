/**
 * Issue 18, grammar first: every argument form the Cisco IOS / IOS-XE command
 * references document for a supported command, and its usual abbreviations,
 * either resolves to the parser that reads its layout or is refused by name
 * (PARSE_UNSUPPORTED_COMMAND, saying which documented form it is and what its
 * output is). A form whose output is another layout (`summary`, `brief`,
 * `detail`, one entry's detail block) must never reach a parser written for
 * another. The forms are listed in agent/parsers/README.md, "Command grammar".
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS, REFUSED_FORMS, refusedForm, resolveCommand, UnsupportedCommandError } from '../../../agent/parsers/registry.js';

/** Form -> parser id, or `refused: <the refused form's usage>`. */
const GRAMMAR: Record<string, readonly (readonly [string, string])[]> = {
  'show crypto ikev2 sa': [
    ['show crypto ikev2 sa', 'show crypto ikev2 sa'],
    ['show crypto ikev2 sa remote 192.0.2.1', 'show crypto ikev2 sa'],
    ['show crypto ikev2 sa local 2001:db8::1', 'show crypto ikev2 sa'],
    ['show crypto ikev2 sa fvrf INET', 'show crypto ikev2 sa'],
    ['show crypto ikev2 sa ivrf CORP', 'show crypto ikev2 sa'],
    ['show crypto ikev2 sa detailed', 'show crypto ikev2 sa detailed'],
    ['show crypto ikev2 sa detail', 'show crypto ikev2 sa detailed'],
    ['show crypto ikev2 sa remote 192.0.2.1 detailed', 'show crypto ikev2 sa detailed'],
    ['show crypto ikev2 sa fvrf INET detailed', 'show crypto ikev2 sa detailed'],
    ['sh cry ikev2 sa det', 'show crypto ikev2 sa detailed'],
  ],
  'show crypto session': [
    ['show crypto session', 'show crypto session'],
    ['show crypto session active', 'show crypto session'],
    ['show crypto session standby', 'show crypto session'],
    ['show crypto session remote 192.0.2.1', 'show crypto session'],
    ['show crypto session remote 192.0.2.1 port 4500', 'show crypto session'],
    ['show crypto session local 198.51.100.1 port 500', 'show crypto session'],
    ['show crypto session interface Tunnel1', 'show crypto session'],
    ['show crypto session fvrf INET', 'show crypto session'],
    ['show crypto session ivrf CORP', 'show crypto session'],
    ['show crypto session isakmp group VPNGROUP', 'show crypto session'],
    ['show crypto session isakmp profile PROF', 'show crypto session'],
    ['show crypto session username alice', 'show crypto session'],
    ['show crypto session detail', 'show crypto session detail'],
    ['show crypto session remote 192.0.2.1 detail', 'show crypto session detail'],
    ['show crypto session interface Tunnel1 detail', 'show crypto session detail'],
    ['sh cry sess det', 'show crypto session detail'],
    ['show crypto session brief', 'refused: show crypto session [FILTER] brief'],
    ['show crypto session summary', 'refused: show crypto session [FILTER] summary'],
    ['sh cry sess br', 'refused: show crypto session [FILTER] brief'],
  ],
  'show crypto ipsec sa': [
    ['show crypto ipsec sa', 'show crypto ipsec sa'],
    ['show crypto ipsec sa peer 192.0.2.1', 'show crypto ipsec sa'],
    ['show crypto ipsec sa peer vrf INET 192.0.2.1', 'show crypto ipsec sa'],
    ['show crypto ipsec sa interface Tunnel1', 'show crypto ipsec sa'],
    ['show crypto ipsec sa map CMAP', 'show crypto ipsec sa'],
    ['show crypto ipsec sa vrf CORP', 'show crypto ipsec sa'],
    ['show crypto ipsec sa active', 'show crypto ipsec sa'],
    ['show crypto ipsec sa standby peer 192.0.2.1', 'show crypto ipsec sa'],
    ['show crypto ipsec sa detail', 'show crypto ipsec sa detail'],
    ['show crypto ipsec sa peer 192.0.2.1 detail', 'show crypto ipsec sa detail'],
    ['sh cry ips sa', 'show crypto ipsec sa'],
    ['show crypto ipsec sa address', 'refused: show crypto ipsec sa address'],
    ['show crypto ipsec sa identity', 'refused: show crypto ipsec sa identity'],
    ['show crypto ipsec sa identity detail', 'refused: show crypto ipsec sa identity'],
    ['show crypto ipsec sa ipv6', 'show crypto ipsec sa'],
    ['show crypto ipsec sa ipv6 Tunnel2002', 'show crypto ipsec sa'],
    ['show crypto ipsec sa ipv6 detailed', 'show crypto ipsec sa detail'],
  ],
  'show crypto ikev2 client flexvpn': [
    ['show crypto ikev2 client flexvpn', 'show crypto ikev2 client flexvpn'],
    ['show crypto ikev2 client flexvpn SPOKE', 'show crypto ikev2 client flexvpn'],
  ],
  'show ip sla statistics': [
    ['show ip sla statistics', 'show ip sla statistics'],
    ['show ip sla statistics 10', 'show ip sla statistics'],
    ['show ip sla statistics details', 'show ip sla statistics details'],
    ['show ip sla statistics 10 details', 'show ip sla statistics details'],
    ['sh ip sla stat 10 det', 'show ip sla statistics details'],
    ['show ip sla statistics aggregated', 'show ip sla statistics aggregated'],
    ['show ip sla statistics aggregated 10', 'show ip sla statistics aggregated'],
    ['sh ip sla stat agg', 'show ip sla statistics aggregated'],
    ['sh ip sla stat agg 10', 'show ip sla statistics aggregated'],
    ['show ip sla statistics aggregated details', 'refused: show ip sla statistics aggregated [N] details'],
    ['show ip sla statistics aggregated 10 details', 'refused: show ip sla statistics aggregated [N] details'],
    ['show ip sla summary', 'show ip sla summary'],
  ],
  'show track': [
    ['show track', 'show track'],
    ['show track 10', 'show track'],
    ['show track interface', 'show track'],
    ['show track ip route', 'show track'],
    ['show track ip sla', 'show track'],
    ['show track ipv6 route', 'show track'],
    ['show track application', 'show track'],
    ['show track list', 'show track'],
    ['show track list route', 'show track'],
    ['show track stub-object', 'show track'],
    ['show track brief', 'show track brief'],
    ['show track 10 brief', 'show track brief'],
    ['show track interface brief', 'show track brief'],
    ['show track ip route brief', 'show track brief'],
    ['show track ip sla brief', 'show track brief'],
    ['sh track br', 'show track brief'],
    ['show track resolution', 'refused: show track {resolution | timers | summary}'],
    ['show track resolution ip route', 'refused: show track {resolution | timers | summary}'],
    ['show track timers', 'refused: show track {resolution | timers | summary}'],
    ['show track timer', 'refused: show track {resolution | timers | summary}'],
    ['show track summary', 'refused: show track {resolution | timers | summary}'],
  ],
  'show ip interface brief': [
    ['show ip interface brief', 'show ip interface brief'],
    ['show ip interface GigabitEthernet0/0/0 brief', 'show ip interface brief'],
    ['sh ip int br', 'show ip interface brief'],
    ['show ip interface', 'refused: show ip interface [NAME]'],
    ['show ip interface Tunnel1', 'refused: show ip interface [NAME]'],
  ],
  'show interfaces': [
    ['show interfaces', 'show interfaces'],
    ['show interfaces Tunnel1', 'show interfaces'],
    ['show interfaces GigabitEthernet 0/0/0', 'show interfaces'],
    ['show interface Cellular0/2/0', 'show interfaces'],
    ['sh int gi0/0/1.100', 'show interfaces'],
    [
      'show interfaces description',
      'refused: show interfaces [NAME] {description | status | summary | counters | stats | trunk | switchport | capabilities | transceiver | etherchannel | mtu | accounting | rate-limit | precedence | mac-accounting | dampening | history | private-vlan | pruning | crb | irb}',
    ],
    [
      'show interfaces status',
      'refused: show interfaces [NAME] {description | status | summary | counters | stats | trunk | switchport | capabilities | transceiver | etherchannel | mtu | accounting | rate-limit | precedence | mac-accounting | dampening | history | private-vlan | pruning | crb | irb}',
    ],
    [
      'show interfaces summary',
      'refused: show interfaces [NAME] {description | status | summary | counters | stats | trunk | switchport | capabilities | transceiver | etherchannel | mtu | accounting | rate-limit | precedence | mac-accounting | dampening | history | private-vlan | pruning | crb | irb}',
    ],
    [
      'show interfaces counters errors',
      'refused: show interfaces [NAME] {description | status | summary | counters | stats | trunk | switchport | capabilities | transceiver | etherchannel | mtu | accounting | rate-limit | precedence | mac-accounting | dampening | history | private-vlan | pruning | crb | irb}',
    ],
    [
      'show interfaces Tunnel1 stats',
      'refused: show interfaces [NAME] {description | status | summary | counters | stats | trunk | switchport | capabilities | transceiver | etherchannel | mtu | accounting | rate-limit | precedence | mac-accounting | dampening | history | private-vlan | pruning | crb | irb}',
    ],
    [
      'sh int desc',
      'refused: show interfaces [NAME] {description | status | summary | counters | stats | trunk | switchport | capabilities | transceiver | etherchannel | mtu | accounting | rate-limit | precedence | mac-accounting | dampening | history | private-vlan | pruning | crb | irb}',
    ],
  ],
  'show ip route': [
    ['show ip route', 'show ip route'],
    ['show ip route vrf INET', 'show ip route'],
    ['show ip route vrf *', 'show ip route'],
    ['show ip route bgp', 'show ip route'],
    ['show ip route ospf 10', 'show ip route'],
    ['show ip route vrf INET static', 'show ip route'],
    ['show ip route 10.0.0.0 255.0.0.0 longer-prefixes', 'show ip route'],
    ['show ip route vrf INET 10.0.0.0 255.0.0.0 longer-prefixes', 'show ip route'],
    ['show ip route supernets-only', 'show ip route'],
    ['show ip route list 10', 'show ip route'],
    ['sh ip ro', 'show ip route'],
    ['sh ip ro vrf INET', 'show ip route'],
    ['sh ip ro conn', 'show ip route'],
    ['sh ip ro vrf INET st', 'show ip route'],
    ['sh ip ro os 10', 'show ip route'],
    ['sh ip ro sup', 'show ip route'],
    ['show ip route summary', 'refused: show {ip | ipv6} route [vrf NAME] summary'],
    ['show ip route vrf INET summary', 'refused: show {ip | ipv6} route [vrf NAME] summary'],
    ['sh ip ro summ', 'refused: show {ip | ipv6} route [vrf NAME] summary'],
    ['show ip route 10.1.1.1', 'refused: show ip route [vrf NAME] A.B.C.D [MASK]'],
    ['show ip route vrf INET 10.1.0.0 255.255.0.0', 'refused: show ip route [vrf NAME] A.B.C.D [MASK]'],
    [
      'show ip route track-table',
      'refused: show ip route [vrf NAME] {track-table | profile | static download | update-queue | repair-paths | next-hop-override}',
    ],
    [
      'show ip route profile',
      'refused: show ip route [vrf NAME] {track-table | profile | static download | update-queue | repair-paths | next-hop-override}',
    ],
    [
      'show ip route static download',
      'refused: show ip route [vrf NAME] {track-table | profile | static download | update-queue | repair-paths | next-hop-override}',
    ],
  ],
  'show ipv6 route': [
    ['show ipv6 route', 'show ipv6 route'],
    ['show ipv6 route vrf Red', 'show ipv6 route'],
    ['show ipv6 route bgp', 'show ipv6 route'],
    ['show ipv6 route 2001:db8::/32 longer-prefixes', 'show ipv6 route'],
    ['show ipv6 route interface Tunnel1', 'show ipv6 route'],
    ['show ipv6 route summary', 'refused: show {ip | ipv6} route [vrf NAME] summary'],
    ['show ipv6 route 2001:db8::1', 'refused: show ipv6 route [vrf NAME] {ADDR | PREFIX/LEN}'],
    ['show ipv6 route 2001:db8::/32', 'refused: show ipv6 route [vrf NAME] {ADDR | PREFIX/LEN}'],
    ['show ipv6 route nd', 'refused: show ipv6 route [vrf NAME] {nd | nsf | repair | table ID | updated | watch}'],
    ['show ipv6 route updated', 'refused: show ipv6 route [vrf NAME] {nd | nsf | repair | table ID | updated | watch}'],
  ],
  'show ip bgp summary': [
    ['show ip bgp summary', 'show ip bgp summary'],
    ['show bgp summary', 'show ip bgp summary'],
    ['show ip bgp ipv4 unicast summary', 'show ip bgp summary'],
    ['show bgp ipv4 unicast summary', 'show ip bgp summary'],
    ['show bgp ipv6 unicast summary', 'show ip bgp summary'],
    ['show ip bgp all summary', 'show ip bgp summary'],
    ['show bgp all summary', 'show ip bgp summary'],
    ['show ip bgp vpnv4 all summary', 'show ip bgp summary'],
    ['show ip bgp vpnv4 vrf CORP summary', 'show ip bgp summary'],
    ['show bgp vpnv4 unicast vrf CORP summary', 'show ip bgp summary'],
    ['show bgp vpnv4 unicast rd 65000:1 summary', 'show ip bgp summary'],
    ['show bgp vrf CORP all summary', 'show ip bgp summary'],
    ['sh ip bgp sum', 'show ip bgp summary'],
    ['sh bgp all sum', 'show ip bgp summary'],
  ],
  'show ip bgp': [
    ['show ip bgp', 'show ip bgp'],
    ['show bgp ipv4 unicast', 'show ip bgp'],
    ['show ip bgp ipv4 unicast', 'show ip bgp'],
    ['show ip bgp ipv4 multicast', 'show ip bgp'],
    ['show bgp all', 'show ip bgp'],
    ['show ip bgp all', 'show ip bgp'],
    ['show ip bgp neighbors 192.0.2.1 advertised-routes', 'show ip bgp'],
    ['show ip bgp neighbors 192.0.2.1 received-routes', 'show ip bgp'],
    ['show ip bgp neighbors 192.0.2.1 routes', 'show ip bgp'],
    ['show bgp ipv4 unicast neighbors 192.0.2.1 routes', 'show ip bgp'],
    ['show ip bgp regexp ^65001_', 'show ip bgp'],
    ['show ip bgp quote-regexp "^65001 65002$"', 'show ip bgp'],
    ['show ip bgp community 65000:100 no-export', 'show ip bgp'],
    ['show ip bgp community', 'show ip bgp'],
    ['show ip bgp community-list 1 exact-match', 'show ip bgp'],
    ['show ip bgp filter-list 10', 'show ip bgp'],
    ['show ip bgp prefix-list PL', 'show ip bgp'],
    ['show ip bgp route-map RM', 'show ip bgp'],
    ['show ip bgp cidr-only', 'show ip bgp'],
    ['show ip bgp inconsistent-as', 'show ip bgp'],
    ['show ip bgp 10.0.0.0 255.0.0.0 longer-prefixes', 'show ip bgp'],
    ['show ip bgp 10.0.0.0/8 longer-prefixes', 'show ip bgp'],
    ['sh ip bgp', 'show ip bgp'],
    ['sh ip bgp nei 192.0.2.1 adv', 'show ip bgp'],
    ['show ip bgp 10.1.1.0', 'refused: show [ip] bgp [AFI [SAFI]] {A.B.C.D[/LEN] [MASK] | X:X::X[/LEN]} [bestpath | multipaths]'],
    ['show ip bgp 10.1.1.0/24', 'refused: show [ip] bgp [AFI [SAFI]] {A.B.C.D[/LEN] [MASK] | X:X::X[/LEN]} [bestpath | multipaths]'],
    [
      'show bgp ipv4 unicast 10.1.1.0 255.255.255.0',
      'refused: show [ip] bgp [AFI [SAFI]] {A.B.C.D[/LEN] [MASK] | X:X::X[/LEN]} [bestpath | multipaths]',
    ],
    [
      'show ip bgp paths',
      'refused: show [ip] bgp [AFI [SAFI]] {paths | dampening | flap-statistics | peer-group | update-group | rib-failure | replication | template | pending-prefixes | labels}',
    ],
    [
      'show ip bgp dampening dampened-paths',
      'refused: show [ip] bgp [AFI [SAFI]] {paths | dampening | flap-statistics | peer-group | update-group | rib-failure | replication | template | pending-prefixes | labels}',
    ],
    [
      'show ip bgp rib-failure',
      'refused: show [ip] bgp [AFI [SAFI]] {paths | dampening | flap-statistics | peer-group | update-group | rib-failure | replication | template | pending-prefixes | labels}',
    ],
    [
      'show bgp ipv4 unicast update-group',
      'refused: show [ip] bgp [AFI [SAFI]] {paths | dampening | flap-statistics | peer-group | update-group | rib-failure | replication | template | pending-prefixes | labels}',
    ],
    // The VPN and IPv6 tables: the same columns, VPN paths under `Route Distinguisher:` lines (BGP Command Reference).
    ['show ip bgp vpnv4 all', 'show ip bgp'],
    ['show ip bgp vpnv4 vrf CORP', 'show ip bgp'],
    ['show bgp vpnv4 unicast all', 'show ip bgp'],
    ['show bgp vpnv4 unicast rd 65000:1', 'show ip bgp'],
    ['show bgp vpnv6 unicast all', 'show ip bgp'],
    ['show bgp ipv6 unicast', 'show ip bgp'],
    ['show ip bgp ipv6 unicast', 'show ip bgp'],
    ['show bgp ipv6 multicast', 'show ip bgp'],
    ['show bgp vpnv4 unicast all neighbors 192.0.2.1 advertised-routes', 'show ip bgp'],
    ['show bgp ipv6 unicast neighbors 2001:db8::1 routes', 'show ip bgp'],
    ['show bgp ipv6 unicast 2001:db8::/32 longer-prefixes', 'show ip bgp'],
    ['sh bgp vpnv4 uni all', 'show ip bgp'],
    [
      'show bgp ipv6 unicast 2001:db8::/32',
      'refused: show [ip] bgp [AFI [SAFI]] {A.B.C.D[/LEN] [MASK] | X:X::X[/LEN]} [bestpath | multipaths]',
    ],
    [
      'show bgp ipv6 unicast 2001:db8::1',
      'refused: show [ip] bgp [AFI [SAFI]] {A.B.C.D[/LEN] [MASK] | X:X::X[/LEN]} [bestpath | multipaths]',
    ],
    [
      'show bgp vpnv4 unicast all 10.1.1.0/24',
      'refused: show [ip] bgp [AFI [SAFI]] {A.B.C.D[/LEN] [MASK] | X:X::X[/LEN]} [bestpath | multipaths]',
    ],
    [
      'show bgp vpnv6 unicast rd 65000:1 2001:db8::/32',
      'refused: show [ip] bgp [AFI [SAFI]] {A.B.C.D[/LEN] [MASK] | X:X::X[/LEN]} [bestpath | multipaths]',
    ],
  ],
  'show ip bgp neighbors': [
    ['show ip bgp neighbors', 'show ip bgp neighbors'],
    ['show ip bgp neighbors 192.0.2.1', 'show ip bgp neighbors'],
    ['show bgp neighbors', 'show ip bgp neighbors'],
    ['show bgp all neighbors', 'show ip bgp neighbors'],
    ['show ip bgp all neighbors', 'show ip bgp neighbors'],
    ['show bgp ipv4 unicast neighbors 192.0.2.1', 'show ip bgp neighbors'],
    ['show ip bgp ipv4 unicast neighbors', 'show ip bgp neighbors'],
    ['show bgp ipv6 unicast neighbors 2001:db8::1', 'show ip bgp neighbors'],
    ['show ip bgp vpnv4 all neighbors', 'show ip bgp neighbors'],
    ['show ip bgp vpnv4 vrf CORP neighbors 192.0.2.1', 'show ip bgp neighbors'],
    ['show bgp vpnv4 unicast vrf CORP neighbors', 'show ip bgp neighbors'],
    ['show bgp l2vpn vpls all neighbors 192.0.2.1', 'show ip bgp neighbors'],
    ['show bgp l2vpn evpn neighbors', 'show ip bgp neighbors'],
    ['show ip bgp link-state link-state neighbors', 'show ip bgp neighbors'],
    ['sh ip bgp nei', 'show ip bgp neighbors'],
    [
      'show ip bgp neighbors 192.0.2.1 policy',
      'refused: show [ip] bgp [AFI [SAFI]] neighbors ADDR {policy | paths | dampened-routes | flap-statistics | received prefix-filter}',
    ],
    [
      'show ip bgp neighbors 192.0.2.1 paths',
      'refused: show [ip] bgp [AFI [SAFI]] neighbors ADDR {policy | paths | dampened-routes | flap-statistics | received prefix-filter}',
    ],
    [
      'show ip bgp neighbors 192.0.2.1 received prefix-filter',
      'refused: show [ip] bgp [AFI [SAFI]] neighbors ADDR {policy | paths | dampened-routes | flap-statistics | received prefix-filter}',
    ],
  ],
  'show route-map': [
    ['show route-map', 'show route-map'],
    ['show route-map HUB1-IN', 'show route-map'],
    ['show route-map all', 'show route-map'],
    ['show route-map static', 'show route-map'],
    ['show route-map dynamic', 'show route-map'],
    ['show route-map dynamic DYN1', 'show route-map'],
    ['show route-map dynamic application', 'show route-map'],
    ['show route-map HUB1-IN detailed', 'refused: show route-map [NAME | all | dynamic [NAME]] detailed'],
    ['show route-map all detailed', 'refused: show route-map [NAME | all | dynamic [NAME]] detailed'],
  ],
  'show ip nhrp': [
    ['show ip nhrp', 'show ip nhrp'],
    ['show ip nhrp dynamic', 'show ip nhrp'],
    ['show ip nhrp static', 'show ip nhrp'],
    ['show ip nhrp incomplete', 'show ip nhrp'],
    ['show ip nhrp 10.0.0.2', 'show ip nhrp'],
    ['show ip nhrp Tunnel1', 'show ip nhrp'],
    ['show ip nhrp vrf CORP', 'show ip nhrp'],
    ['show ip nhrp detail', 'show ip nhrp'],
    ['show ip nhrp dynamic Tunnel1 detail', 'show ip nhrp'],
    ['show ip nhrp local', 'show ip nhrp'],
    ['show ip nhrp local detail', 'show ip nhrp'],
    ['show ip nhrp shortcut', 'show ip nhrp'],
    ['show ip nhrp vrf CORP shortcut Tunnel1', 'show ip nhrp'],
    ['show ip nhrp brief', 'refused: show ip nhrp [FILTER] brief'],
    ['show ip nhrp dynamic brief', 'refused: show ip nhrp [FILTER] brief'],
    [
      'show ip nhrp nhs',
      'refused: show ip nhrp {nhs | traffic | summary | multicast | redirect | cache | stats | group-map | purge-requests}',
    ],
    [
      'show ip nhrp nhs detail',
      'refused: show ip nhrp {nhs | traffic | summary | multicast | redirect | cache | stats | group-map | purge-requests}',
    ],
    [
      'show ip nhrp traffic',
      'refused: show ip nhrp {nhs | traffic | summary | multicast | redirect | cache | stats | group-map | purge-requests}',
    ],
    [
      'show ip nhrp summary',
      'refused: show ip nhrp {nhs | traffic | summary | multicast | redirect | cache | stats | group-map | purge-requests}',
    ],
  ],
  'show dmvpn': [
    ['show dmvpn', 'show dmvpn'],
    ['show dmvpn ipv4', 'show dmvpn'],
    ['show dmvpn ipv6 vrf CORP', 'show dmvpn'],
    ['show dmvpn interface Tunnel1', 'show dmvpn'],
    ['show dmvpn interface tunnel 1', 'show dmvpn'],
    ['show dmvpn peer nbma 192.0.2.1', 'show dmvpn'],
    ['show dmvpn peer tunnel 10.0.0.1', 'show dmvpn'],
    ['show dmvpn peer network 10.1.0.0 255.255.0.0', 'show dmvpn'],
    ['show dmvpn static', 'show dmvpn'],
    ['show dmvpn ipv4 interface Tunnel1 static', 'show dmvpn'],
    ['sh dmvpn', 'show dmvpn'],
    ['show dmvpn detail', 'show dmvpn'],
    ['show dmvpn peer nbma 192.0.2.1 detail', 'show dmvpn'],
    ['show dmvpn interface Tunnel1 detail', 'show dmvpn'],
    ['show dmvpn ipv4 vrf CORP interface Tunnel1 static detail', 'show dmvpn'],
    ['sh dmvpn det', 'show dmvpn'],
    ['show dmvpn debug-condition', 'refused: show dmvpn debug-condition'],
  ],
  'show version': [
    ['show version', 'show version'],
    ['sh ver', 'show version'],
    ['show version running', 'refused: show version {running | installed | provisioned | committed | rollback | RP ...}'],
    ['show version installed', 'refused: show version {running | installed | provisioned | committed | rollback | RP ...}'],
  ],
  'show logging': [
    ['show logging', 'show logging'],
    ['sh log', 'show logging'],
    ['show logging history', 'refused: show logging {history | count | summary | onboard ... | persistent | xml | process ...}'],
    ['show logging count', 'refused: show logging {history | count | summary | onboard ... | persistent | xml | process ...}'],
    ['sh log hist', 'refused: show logging {history | count | summary | onboard ... | persistent | xml | process ...}'],
  ],
  'output modifiers': [
    [
      'show ip interface brief | exclude unassigned',
      'refused: COMMAND | {include | exclude | begin | section | count | format | redirect | append | tee} ...',
    ],
    [
      'show logging | include %LINK',
      'refused: COMMAND | {include | exclude | begin | section | count | format | redirect | append | tee} ...',
    ],
    ['sh ip bgp | beg Network', 'refused: COMMAND | {include | exclude | begin | section | count | format | redirect | append | tee} ...'],
  ],
};

const rows = Object.entries(GRAMMAR).flatMap(([group, forms]) => forms.map(([line, want]) => [group, line, want] as const));

describe('command grammar: documented form -> parser or refusal by name', () => {
  it.each(rows)('%s: %s -> %s', (_group, line, want) => {
    const resolved = resolveCommand(line);
    if (want.startsWith('refused: ')) {
      expect(resolved?.spec.id, `${line} must not reach a parser`).toBeUndefined();
      expect(refusedForm(line)?.usage).toBe(want.slice('refused: '.length));
    } else {
      expect(refusedForm(line)).toBeUndefined();
      expect(resolved?.spec.id).toBe(want);
    }
  });

  it('lists every command and every refused form', () => {
    const wanted = new Set(rows.map(([, , want]) => want));
    for (const spec of COMMANDS.filter((c) => c.id !== 'syslog')) expect(wanted.has(spec.id), spec.id).toBe(true);
    for (const form of REFUSED_FORMS) expect(wanted.has(`refused: ${form.usage}`), form.usage).toBe(true);
  });

  it('names the refused form and what its output is in the error', () => {
    const err = new UnsupportedCommandError('sh ip ro summ');
    expect(err.code).toBe('PARSE_UNSUPPORTED_COMMAND');
    expect(err.refused?.usage).toBe('show {ip | ipv6} route [vrf NAME] summary');
    expect(err.message).toContain('"sh ip ro summ" is "show {ip | ipv6} route [vrf NAME] summary", whose output is route counts');
  });

  it('keeps a plain unknown command an unknown command', () => {
    expect(refusedForm('show frobnicate')).toBeUndefined();
    expect(new UnsupportedCommandError('show frobnicate').message).toMatch(/^unsupported command: "show frobnicate"; supported: /);
  });
});
