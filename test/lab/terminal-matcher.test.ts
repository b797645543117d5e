import { describe, expect, it } from 'vitest';
import { kw, type CommandDef, type Token } from '../../lab/cli/grammar.js';
import { matchLine, type MatchResult } from '../../lab/cli/matcher.js';
import { matchErrorLines } from '../../lab/cli/messages.js';

function def(name: string, ...syntax: Token[]): CommandDef {
  return { modes: ['exec'], syntax, handler: () => ({ output: name }) };
}

const num = (name: string, min: number, max: number): Token => ({ kind: 'number', name, min, max });
const ipv4 = (name: string): Token => ({ kind: 'ipv4', name });
const ip = (name: string): Token => ({ kind: 'ip', name });
const word = (name: string): Token => ({ kind: 'word', name });
const iface = (name: string): Token => ({ kind: 'interface', name });
const rest = (name: string): Token => ({ kind: 'rest', name });

const COMMANDS: CommandDef[] = [
  def('version', ...kw('show', 'version')),
  def('route', ...kw('show', 'ip', 'route')),
  def('route-vrf', ...kw('show', 'ip', 'route', 'vrf'), word('vrf')),
  def('route-addr', ...kw('show', 'ip', 'route'), ipv4('address')),
  def('ip-brief', ...kw('show', 'ip', 'interface', 'brief')),
  def('interfaces', ...kw('show', 'interfaces')),
  def('interface-one', ...kw('show', 'interfaces'), iface('if')),
  def('ipv6-route', ...kw('show', 'ipv6', 'route')),
  def('track', ...kw('show', 'track')),
  def('track-one', ...kw('show', 'track'), num('id', 1, 1000)),
  def('clear-remote', ...kw('clear', 'crypto', 'session', 'remote'), ip('peer')),
  def('ping', ...kw('ping'), ipv4('target')),
  def('peer-track', ...kw('peer'), num('seq', 1, 255), ipv4('ip'), ...kw('track'), num('track', 1, 1000)),
  def('peer', ...kw('peer'), num('seq', 1, 255), ipv4('ip')),
  def('describe', ...kw('description'), rest('text')),
  def('name-word', ...kw('name'), word('name')),
  def('name-up', ...kw('name', 'up')),
];

const ok = (name: string, args: Record<string, string | number> = {}) => ({ name, args });

describe('matchLine: commands that run', () => {
  it.each<[string, { name: string; args: Record<string, string | number> }]>([
    ['show version', ok('version')],
    ['sh ver', ok('version')],
    ['SH VER', ok('version')],
    ['  show   version  ', ok('version')],
    ['sh ip int br', ok('ip-brief')],
    ['sh ip ro', ok('route')],
    // `ip` spelled in full is not an abbreviation of `ipv6`.
    ['show ip route', ok('route')],
    ['show ipv route', ok('ipv6-route')],
    ['sh ip route vrf RED', ok('route-vrf', { vrf: 'RED' })],
    ['sh ip route 10.0.0.1', ok('route-addr', { address: '10.0.0.1' })],
    ['show track 5', ok('track-one', { id: 5 })],
    ['show interfaces Gi0/0', ok('interface-one', { if: 'GigabitEthernet0/0' })],
    ['show interfaces gigabitethernet 0/1', ok('interface-one', { if: 'GigabitEthernet0/1' })],
    ['show interfaces Tu100', ok('interface-one', { if: 'Tunnel100' })],
    ['show interfaces cel0/1/0', ok('interface-one', { if: 'Cellular0/1/0' })],
    ['show interfaces Virtual-Access2.1', ok('interface-one', { if: 'Virtual-Access2.1' })],
    ['sh int', ok('interfaces')],
    ['clear crypto session remote 192.0.2.1', ok('clear-remote', { peer: '192.0.2.1' })],
    ['clear crypto session remote 2001:db8::1', ok('clear-remote', { peer: '2001:DB8::1' })],
    ['peer 1 10.0.0.1', ok('peer', { seq: 1, ip: '10.0.0.1' })],
    ['peer 2 10.0.0.2 track 7', ok('peer-track', { seq: 2, ip: '10.0.0.2', track: 7 })],
    ['description  to hub 1  via LTE ', ok('describe', { text: 'to hub 1  via LTE' })],
    ['name up', ok('name-up')],
    ['name spoke', ok('name-word', { name: 'spoke' })],
  ])('%s', (line, expected) => {
    const result = matchLine(line, COMMANDS);
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.def.handler({ mode: 'exec', terminalWidth: 80 }, result.args)).toEqual({ output: expected.name });
    expect(result.args).toEqual(expected.args);
  });
});

describe('matchLine: IOS errors', () => {
  it.each<[string, MatchResult | { kind: 'ambiguous' | 'incomplete' }]>([
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['sh i', { kind: 'ambiguous' }],
    ['p', { kind: 'ambiguous' }],
    ['s', { kind: 'incomplete' }],
    ['sh i int br', { kind: 'ambiguous' }],
    ['show', { kind: 'incomplete' }],
    ['sh ip', { kind: 'incomplete' }],
    ['show ip route vrf', { kind: 'incomplete' }],
    ['peer 1', { kind: 'incomplete' }],
    ['peer 1 10.0.0.1 track', { kind: 'incomplete' }],
    ['description', { kind: 'incomplete' }],
    ['show interfaces GigabitEthernet', { kind: 'incomplete' }],
    ['shw version', { kind: 'invalid', offset: 0 }],
    ['show verzion', { kind: 'invalid', offset: 5 }],
    ['show version extra', { kind: 'invalid', offset: 13 }],
    ['sh ip ruote', { kind: 'invalid', offset: 6 }],
    ['show track 1001', { kind: 'invalid', offset: 11 }],
    ['show track 0', { kind: 'invalid', offset: 11 }],
    ['show track x', { kind: 'invalid', offset: 11 }],
    ['ping 10.0.0.256', { kind: 'invalid', offset: 5 }],
    ['ping 10.0.0', { kind: 'invalid', offset: 5 }],
    ['clear crypto session remote 10.0.0.x', { kind: 'invalid', offset: 28 }],
    ['show interfaces Foo0/0', { kind: 'invalid', offset: 16 }],
    ['show interfaces Gi0/0 x', { kind: 'invalid', offset: 22 }],
    ['peer 256 10.0.0.1', { kind: 'invalid', offset: 5 }],
    ['peer 1 10.0.0.1 track 0', { kind: 'invalid', offset: 22 }],
  ])('%j', (line, expected) => {
    expect(matchLine(line, COMMANDS)).toMatchObject(expected);
  });
});

describe('matchErrorLines: IOS spelling', () => {
  const prompt = 'spoke1#';
  it.each<[string, string[]]>([
    ['sh i', ['% Ambiguous command:  "sh i"']],
    [' sh i int  br ', ['% Ambiguous command:  "sh i int  br"']],
    ['sh ip', ['% Incomplete command.', '']],
    ['sh ip ruote', ['             ^', "% Invalid input detected at '^' marker.", '']],
    ['  bogus', ['         ^', "% Invalid input detected at '^' marker.", '']],
  ])('%j', (line, lines) => {
    expect(matchErrorLines(matchLine(line, COMMANDS), line, prompt.length)).toEqual(lines);
  });
});
