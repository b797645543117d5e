import { command, commandFamily, refusal } from '../command-spec.js';
import { parseInterfaces } from './interfaces.js';
import { parseIpInterfaceBrief } from './ip-interface-brief.js';
import { parseIpSlaStatisticsAggregated } from './ip-sla-aggregated.js';
import { parseIpSlaStatistics } from './ip-sla-statistics.js';
import { parseIpSlaSummary } from './ip-sla-summary.js';
import { parseTrack } from './track.js';
import { parseTrackBrief } from './track-brief.js';

// An interface argument as typed: `Tunnel10`, `GigabitEthernet 0/0/0`, `tunnel 10`, `Gi0/0.100`.
const INTERFACE_ARG = '(?<interface>[A-Za-z][A-Za-z-]*\\s?\\d[\\d/.:]*)';
const INTERFACE_NAME = '[A-Za-z][A-Za-z-]*\\s?\\d[\\d/.:]*';
// `show track` narrowed to one object or one kind of object (Cisco IOS IP Application Services
// Command Reference, show track): the same blocks, or the same brief table.
const TRACK_FILTER = '(?: (?:(?<track>\\d+)|(?<kind>interface|ip route|ip sla|ipv6 route|application|list(?: route)?|stub-object)))?';
const TRACK_USAGE = 'show track [N | interface | ip route | ip sla | ipv6 route | application | list [route] | stub-object]';

export const healthCommands = commandFamily({
  'show ip sla statistics aggregated': command({
    id: 'show ip sla statistics aggregated',
    usage: 'show ip sla statistics aggregated [N]',
    pattern: /^show ip sla statistics aggregated(?: (?<operation>\d+))?$/i,
    parse: (text) => parseIpSlaStatisticsAggregated(text),
  }),
  'show ip sla statistics details': command({
    id: 'show ip sla statistics details',
    usage: 'show ip sla statistics [N] details',
    pattern: /^show ip sla statistics(?: (?<operation>\d+))? details$/i,
    parse: (text) => parseIpSlaStatistics(text),
  }),
  'show ip sla statistics': command({
    id: 'show ip sla statistics',
    usage: 'show ip sla statistics [N]',
    pattern: /^show ip sla statistics(?: (?<operation>\d+))?$/i,
    parse: (text) => parseIpSlaStatistics(text),
  }),
  'show ip sla summary': command({
    id: 'show ip sla summary',
    usage: 'show ip sla summary',
    pattern: /^show ip sla summary$/i,
    parse: (text) => parseIpSlaSummary(text),
  }),
  'show track brief': command({
    id: 'show track brief',
    usage: `${TRACK_USAGE} brief`,
    pattern: new RegExp(`^show track${TRACK_FILTER} brief$`, 'i'),
    parse: (text) => parseTrackBrief(text),
  }),
  'show track': command({
    id: 'show track',
    usage: TRACK_USAGE,
    pattern: new RegExp(`^show track${TRACK_FILTER}$`, 'i'),
    parse: (text) => parseTrack(text),
  }),
  'show ip interface brief': command({
    id: 'show ip interface brief',
    // `show ip interface [type number] [brief]`: one interface's row of the same table.
    usage: 'show ip interface [NAME] brief',
    pattern: new RegExp(`^show ip interface(?: ${INTERFACE_ARG})? brief$`, 'i'),
    parse: (text) => parseIpInterfaceBrief(text),
  }),
  'show interfaces': command({
    id: 'show interfaces',
    usage: 'show interfaces [NAME]',
    pattern: new RegExp(`^show interfaces(?: ${INTERFACE_ARG})?$`, 'i'),
    parse: (text) => parseInterfaces(text),
  }),
});

// `show interfaces [NAME] KEYWORD`: tables and blocks of another layout (Cisco IOS Interface and
// Hardware Component Command Reference).
const INTERFACE_TABLES =
  'description|status|summary|counters|stats|trunk|switchport|capabilities|transceiver|etherchannel|mtu|accounting|rate-limit|precedence|mac-accounting|dampening|history|private-vlan|pruning|crb|irb';

/** Documented forms of these commands whose output is another layout. */
export const healthRefusals = [
  // No source this project could read documents its distribution lines (issue 18: no Cisco
  // reference or capture of the form was found), so it is refused rather than handed to the plain
  // form's parser, and the refusal names that form.
  refusal(
    'show ip sla statistics aggregated [N] details',
    /^show ip sla statistics aggregated(?: \d+)? details$/i,
    'statistics aggregated per interval with their RTT distribution tables, not the aggregated blocks alone; ' +
      'ask for `show ip sla statistics aggregated [N]`, whose per-interval blocks are read',
  ),
  refusal(
    'show track {resolution | timers | summary}',
    /^show track (?:resolution(?: .+)?|timers?|summary)$/i,
    "the tracking process's settings (resolutions, poll intervals) or counts, not tracked objects",
  ),
  refusal(
    'show ip interface [NAME]',
    new RegExp(`^show ip interface(?: ${INTERFACE_NAME})?$`, 'i'),
    "each interface's IP settings (helper addresses, ACLs, features) as a block, not the brief table",
  ),
  refusal(
    `show interfaces [NAME] {${INTERFACE_TABLES.replaceAll('|', ' | ')}}`,
    new RegExp(`^show interfaces(?: ${INTERFACE_NAME})? (?:${INTERFACE_TABLES})(?: .+)?$`, 'i'),
    'a per-interface table or another block (descriptions, status, counters, switchport), not the interface blocks',
  ),
];
