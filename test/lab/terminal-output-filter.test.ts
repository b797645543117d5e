/** IOS output modifiers (`| include|exclude|begin|section|count`) as tables, and how the session applies them. */
import { describe, expect, it } from 'vitest';
import { applyModifier, iosRegex, type OutputModifier } from '../../lab/cli/output-filter.js';
import { CliSession } from '../../lab/cli/session.js';
import { fakeDevice } from './terminal-fake-device.js';

const RUNNING = [
  'hostname spoke1',
  'interface Tunnel100',
  ' ip address negotiated',
  ' tunnel source dynamic',
  'ip sla 11',
  ' icmp-echo 198.51.100.1 source-interface GigabitEthernet0/0',
  ' frequency 3',
  'ip sla schedule 11 life forever start-time now',
  'track 101 stub-object',
  ' default-state up',
  'crypto ikev2 client flexvpn SPOKE',
  '  peer 1 198.51.100.1 track 101',
  'end',
];

describe('applyModifier', () => {
  const cases: Array<[OutputModifier, string, string[]]> = [
    ['include', 'track', ['track 101 stub-object', '  peer 1 198.51.100.1 track 101']],
    ['include', '^track', ['track 101 stub-object']],
    [
      'exclude',
      '^ ',
      [
        'hostname spoke1',
        'interface Tunnel100',
        'ip sla 11',
        'ip sla schedule 11 life forever start-time now',
        'track 101 stub-object',
        'crypto ikev2 client flexvpn SPOKE',
        'end',
      ],
    ],
    ['begin', 'crypto', ['crypto ikev2 client flexvpn SPOKE', '  peer 1 198.51.100.1 track 101', 'end']],
    ['begin', 'nothing-like-this', []],
    ['count', 'sla', ['Number of lines which match regexp = 2']],
    // A matching parent brings its children; a matching child comes alone (with its own children).
    [
      'section',
      'ip sla',
      [
        'ip sla 11',
        ' icmp-echo 198.51.100.1 source-interface GigabitEthernet0/0',
        ' frequency 3',
        'ip sla schedule 11 life forever start-time now',
      ],
    ],
    ['section', 'flexvpn', ['crypto ikev2 client flexvpn SPOKE', '  peer 1 198.51.100.1 track 101']],
    ['section', 'tunnel source', [' tunnel source dynamic']],
    // IOS `_`: a delimiter, so `_11_` is the number 11 and not 111 or 11x.
    ['include', '_11_', ['ip sla 11', 'ip sla schedule 11 life forever start-time now']],
    // Case-sensitive, as IOS is.
    ['include', 'TRACK', []],
  ];
  it.each(cases)('%s %s', (modifier, pattern, expected) => {
    expect(applyModifier(RUNNING, modifier, pattern)).toEqual(expected);
  });

  it('takes a pattern JavaScript cannot compile literally', () => {
    expect(iosRegex('a(b').test('xa(by')).toBe(true);
  });
});

describe('a piped line in the session', () => {
  const s = new CliSession({ device: fakeDevice(), privilege: 15 });
  const cases: Array<[string, string[]]> = [
    [
      'show version | include line 4',
      [
        'version line 4',
        'version line 40',
        'version line 41',
        'version line 42',
        'version line 43',
        'version line 44',
        'version line 45',
        'version line 46',
        'version line 47',
        'version line 48',
        'version line 49',
      ],
    ],
    ['sh ver | i line 5', ['version line 5', 'version line 50']],
    ['show ver | be 49', ['version line 49', 'version line 50']],
    ['show ver | cou line', ['Number of lines which match regexp = 50']],
    // The regex is the rest of the line: IOS 15 takes one modifier.
    ['show ver | i 1 | i 2', []],
    ['show ver |', ['% Incomplete command.', '']],
    ['show ver | include', ['% Incomplete command.', '']],
    ['show ver | frobnicate x', [`${' '.repeat('spoke1#show ver | '.length)}^`, "% Invalid input detected at '^' marker.", '']],
    // Only show commands take a modifier: the caret stands under the `|`.
    ['ping 192.0.2.1 | i ok', [`${' '.repeat('spoke1#ping 192.0.2.1 '.length)}^`, "% Invalid input detected at '^' marker.", '']],
    ['sh i | i x', ['% Ambiguous command:  "sh i | i x"']],
  ];
  it.each(cases)('%s', (line, expected) => {
    expect(s.execute(line).lines).toEqual(expected);
  });

  it('leaves a | inside free text alone', () => {
    const device = fakeDevice();
    const c = new CliSession({ device, privilege: 15 });
    c.execute('conf t');
    c.execute('interface Tunnel100');
    expect(c.execute('description fibre | lte backup').lines).toEqual([]);
    expect(device.state.descriptions.get('Tunnel100')).toBe('fibre | lte backup');
  });
});
