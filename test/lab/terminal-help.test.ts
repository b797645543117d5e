/** `?` and Tab over the fake device's grammar: what IOS lists, in its layout, and how it completes. */
import { describe, expect, it } from 'vitest';
import { CliSession } from '../../lab/cli/session.js';
import { fakeDevice } from './terminal-fake-device.js';

function session(): CliSession {
  return new CliSession({ device: fakeDevice(), privilege: 15 });
}

const CARET = (typed: string) => [`${' '.repeat(`spoke1#${typed}`.length)}^`, "% Invalid input detected at '^' marker.", ''];

describe('? help', () => {
  const cases: Array<[string, string[]]> = [
    // The next words, one padded column, keywords in order; `|` and `<cr>` where a show command may end.
    [
      'show ',
      [
        '  interfaces      Interface status and configuration',
        '  ip              IP information',
        '  running-config  Current operating configuration',
        '  terminal        Display terminal configuration parameters',
        '  version         System hardware and software status',
        '',
      ],
    ],
    ['show version ', ['  |  Output modifiers', '  <cr>', '']],
    [
      'show version | ',
      [
        '  begin    Begin with the line that matches',
        '  count    Count number of lines which match regexp',
        '  exclude  Exclude lines that match',
        '  include  Include lines that match',
        '  section  Filter a section of output',
        '',
      ],
    ],
    // Parameters show their form.
    ['ping ', ['  A.B.C.D', '']],
    ['clear crypto session remote ', ['  A.B.C.D     IP address of the peer', '  X:X:X:X::X  IP address of the peer', '']],
    ['terminal length ', ['  <0-512>  Number of lines on screen (0 for no pausing)', '']],
    // Right after a word: what it may become, two spaces after each.
    ['sh', ['show  ', '']],
    ['show i', ['interfaces  ip  ', '']],
    ['te', ['terminal  test  ', '']],
    // Errors: an unknown first word, a caret under a later one, an ambiguous word.
    ['frob', ['% Unrecognized command']],
    ['frob ', ['% Unrecognized command']],
    ['show frob ', CARET('show ')],
    ['sh i ', ['% Ambiguous command:  "sh i"']],
    ['ping 192.0.2.1 | ', CARET('ping 192.0.2.1 ')],
  ];
  it.each(cases)('%j', (line, expected) => {
    expect(session().help(line)).toEqual(expected);
  });

  it('lists the current mode only (a config sub-mode, with `do` and the exits)', () => {
    const s = session();
    s.execute('conf t');
    s.execute('interface Tunnel100');
    expect(s.help('')).toEqual([
      'Interface configuration commands:',
      '  description  Interface specific description',
      '  do           To run exec commands in config mode',
      '  end          Exit from configure mode',
      '  exit         Exit from configure mode',
      '  no           Negate a command or set its defaults',
      '  shutdown     Shutdown the selected interface',
      '',
    ]);
  });
});

it('titles the list on an empty line: Exec commands', () => {
  expect(session().help('')[0]).toBe('Exec commands:');
  expect(session().help('  ')[1]).toBe('  clear      Reset functions');
});

describe('Tab completion', () => {
  const cases: Array<[string, string | undefined]> = [
    ['sh', 'show '],
    ['SH', 'show '],
    ['show v', 'show version '],
    ['sh ip int b', 'sh ip int brief '],
    ['show version | inc', 'show version | include '],
    // Two keywords fit, or none, or the word is already finished: nothing to complete.
    ['show i', undefined],
    ['frob', undefined],
    ['show ', undefined],
    ['', undefined],
  ];
  it.each(cases)('%j', (line, expected) => {
    expect(session().complete(line)).toBe(expected);
  });
});

describe('? on the lab router: the same word, each context its own text', () => {
  it('config ip, interface ip, track <n> and show ip sla', async () => {
    const { labRouter } = await import('./lab-helpers.js');
    const { router } = labRouter();
    try {
      const s = new CliSession({ device: router, privilege: 15 });
      expect(s.help('show ip sla ')).toEqual([
        '  configuration           IP SLAs Configuration',
        '  reaction-configuration  IP SLAs Reaction Configuration',
        '  statistics              IP SLAs Statistics',
        '  summary                 IP SLAs Summary',
        '',
      ]);
      s.execute('configure terminal');
      expect(s.help('')).toContain('  ip         Global IP configuration subcommands');
      expect(s.help('track 101 ')).toEqual([
        '  interface    Select an interface to track',
        '  ip           IP protocol',
        '  list         Group objects in a list',
        '  stub-object  Stub tracking object',
        '',
      ]);
      s.execute('interface Tunnel100');
      expect(s.help('').find((l) => l.startsWith('  ip '))).toMatch(/^ {2}ip +Interface Internet Protocol config commands$/);
      expect(s.help('do write ')).toEqual(['  memory  Write to NV memory', '  <cr>', '']);
    } finally {
      router.stop();
    }
  });
});
