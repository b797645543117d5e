import { describe, expect, it } from 'vitest';
import { parseIpsecSa } from '../../../agent/parsers/crypto/ipsec-sa.js';

const withPfs = (line: string) =>
  parseIpsecSa(
    [
      'interface: Tunnel0',
      '    Crypto map tag: Tunnel0-head-0, local addr 192.0.2.10',
      '   protected vrf: (none)',
      '   local  ident (addr/mask/prot/port): (0.0.0.0/0.0.0.0/0/0)',
      '   remote ident (addr/mask/prot/port): (0.0.0.0/0.0.0.0/0/0)',
      '   current_peer 198.51.100.1 port 500',
      `     ${line}`,
    ].join('\n'),
  );

describe('show crypto ipsec sa PFS line', () => {
  it.each([
    ['PFS (Y/N): N, DH group: none', { pfs: false }],
    ['PFS (Y/N): Y, DH group: group14', { pfs: true, dhGroup: 'group14' }],
    ['PFS (Y/N): Y, DH group: group 14', { pfs: true, dhGroup: 'group14' }],
    ['PFS (Y/N): Y, DH group: group19', { pfs: true, dhGroup: 'group19' }],
    ['PFS (Y/N): N', { pfs: false }],
    [
      'PFS (Y/N): Y, DH group: group21, Additional Key Exchange 1: mlkem768',
      { pfs: true, dhGroup: 'group21', additionalKeyExchanges: ['Additional Key Exchange 1: mlkem768'] },
    ],
  ])('%s', (line, expected) => {
    const { records, warnings } = withPfs(line);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject(expected);
    if (!('dhGroup' in expected)) expect(records[0]?.dhGroup).toBeUndefined();
  });

  it('warns on a PFS line whose answer is not Y or N', () => {
    expect(withPfs('PFS (Y/N): maybe, DH group: none').warnings.map((w) => w.line)).toEqual([7]);
  });
});
