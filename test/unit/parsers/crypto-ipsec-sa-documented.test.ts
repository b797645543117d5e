import { describe, expect, it } from 'vitest';
import { parseIpsecSa } from '../../../agent/parsers/crypto/ipsec-sa.js';

/**
 * `show crypto ipsec sa` SA lines IOS-XE prints that the parser did not read (issue 18,
 * documentation audit): the ECN line IOS-XE 16 and later print after `replay detection
 * support` (IPsec ECN propagation). Values invented.
 */
const block = (...saLines: string[]) =>
  [
    'interface: Tunnel0',
    '    Crypto map tag: Tunnel0-head-0, local addr 192.0.2.1',
    '   local  ident (addr/mask/prot/port): (0.0.0.0/0.0.0.0/47/0)',
    '   remote ident (addr/mask/prot/port): (0.0.0.0/0.0.0.0/47/0)',
    '   current_peer 198.51.100.2 port 4500',
    '     inbound esp sas:',
    '      spi: 0x1234ABCD(305441741)',
    '        transform: esp-gcm 256 ,',
    ...saLines,
  ].join('\n');

describe('show crypto ipsec sa: ecn bit support', () => {
  it.each([
    ['ecn bit support: Y status: off', true, 'off'],
    ['ecn bit support: Y status: on', true, 'on'],
    ['ecn bit support: N', false, undefined],
  ])('%s', (line, support, status) => {
    const { records, warnings } = parseIpsecSa(
      block('        replay detection support: Y', `        ${line}`, '        Status: ACTIVE(ACTIVE)'),
    );
    expect(warnings).toEqual([]);
    const sa = records[0]!.sas[0]!;
    expect(sa).toMatchObject({ replayDetection: true, ecnSupport: support, status: 'active' });
    expect(sa.ecnStatus).toBe(status);
  });
});
