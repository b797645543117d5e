import { command, commandFamily } from '../command-spec.js';
import { parseInterfaces } from './interfaces.js';
import { parseIpInterfaceBrief } from './ip-interface-brief.js';
import { parseIpSlaStatistics } from './ip-sla-statistics.js';
import { parseIpSlaSummary } from './ip-sla-summary.js';
import { parseTrack } from './track.js';
import { parseTrackBrief } from './track-brief.js';

// An interface argument as typed: `Tunnel10`, `GigabitEthernet 0/0/0`, `tunnel 10`, `Gi0/0.100`.
const INTERFACE_ARG = '(?<interface>[A-Za-z][A-Za-z-]*\\s?\\d[\\d/.:]*)';

export const healthCommands = commandFamily({
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
    usage: 'show track [N] brief',
    pattern: /^show track(?: (?<track>\d+))? brief$/i,
    parse: (text) => parseTrackBrief(text),
  }),
  'show track': command({
    id: 'show track',
    usage: 'show track [N]',
    pattern: /^show track(?: (?<track>\d+))?$/i,
    parse: (text) => parseTrack(text),
  }),
  'show ip interface brief': command({
    id: 'show ip interface brief',
    usage: 'show ip interface brief',
    pattern: /^show ip interface brief$/i,
    parse: (text) => parseIpInterfaceBrief(text),
  }),
  'show interfaces': command({
    id: 'show interfaces',
    usage: 'show interfaces [NAME]',
    pattern: new RegExp(`^show interfaces(?: ${INTERFACE_ARG})?$`, 'i'),
    parse: (text) => parseInterfaces(text),
  }),
});
