import { describe, expect, it } from 'vitest';
import { parseNhrp } from '../../../agent/parsers/routing/nhrp.js';

/**
 * `show ip nhrp` entry heads and their lines as the IP Addressing Services Command Reference
 * prints them across releases (values invented).
 */
describe('show ip nhrp entry spellings', () => {
  it.each([
    [
      'a one-line head',
      '10.1.1.1/8 via 10.2.1.1, Tunnel1 created 00:46:29, never expire',
      { target: '10.1.1.1/8', via: '10.2.1.1', interface: 'Tunnel1', createdSec: 2789 },
    ],
    [
      'a one-line head without the comma',
      '10.1.1.2/24 via 10.2.1.22 Tunnel0 created 00:00:05, expire 00:02:24',
      { target: '10.1.1.2/24', via: '10.2.1.22', interface: 'Tunnel0', createdSec: 5, expireSec: 144 },
    ],
    [
      'an incomplete host with no length',
      '10.1.1.4, Tunnel1 created 00:00:07, expire 00:02:57',
      { target: '10.1.1.4/32', interface: 'Tunnel1', expireSec: 177 },
    ],
    [
      "12.x's address and mask, `tunnel N` and no comma before expire",
      '10.0.0.2 255.255.255.255, tunnel 100 created 0:00:43 expire 1:59:16',
      { target: '10.0.0.2/32', interface: 'Tunnel100', createdSec: 43, expireSec: 7156 },
    ],
  ])('%s', (_kind, head, want) => {
    const { records, warnings } = parseNhrp([head, '  Type: dynamic, Flags: used', '  NBMA address: 192.0.2.7'].join('\n'));
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ ...want, nbmaAddress: '192.0.2.7', type: 'dynamic' });
  });

  it("reads 12.x's type line without a comma and an incomplete entry's cache hits", () => {
    const { records, warnings } = parseNhrp(
      ['10.0.0.9 255.255.255.255, Tunnel0 created 0:10:03 expire 1:49:56', '  Type: incomplete Flags: negative', '  Cache hits: 4'].join(
        '\n',
      ),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ target: '10.0.0.9/32', type: 'incomplete', typeRaw: 'incomplete', flags: ['negative'] });
    expect(records[0]!.via).toBeUndefined();
  });

  it('takes the exec-prompt timestamp lines for what they are, with or without a time source', () => {
    const { records, warnings } = parseNhrp(
      [
        'Load for five secs: 100%/36%; one minute: 99%; five minutes: 99%',
        'No time source, *12:44:19.808 UTC Tue Dec 7 2021',
        '192.168.0.0/16 via 10.0.0.1',
        '   Tunnel0 created 00:00:08, never expire',
        '   Type: static, Flags: local',
        '   NBMA address: 192.0.2.1',
        '    (no-socket)',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ target: '192.168.0.0/16', type: 'static', flags: ['local'], noSocket: true });
  });

  it('warns about a head whose mask is not one', () => {
    const { warnings } = parseNhrp('10.0.0.2 255.0.255.0, Tunnel0 created 0:10:03 expire 1:49:56');
    expect(warnings).toHaveLength(1);
  });
});
