import { describe, expect, it } from 'vitest';
import { parseIpsecSa } from '../../../agent/parsers/crypto/ipsec-sa.js';
import { resolveCommand } from '../../../agent/parsers/registry.js';

// A detailed ident with every counter, and idents without a vrf line or in IPv6: parser cases
// show-crypto-ipsec-sa-detail/ and show-crypto-ipsec-sa/ (test/unit/parsers/cases).
describe('show crypto ipsec sa', () => {
  it('maps an unseen SA status to unknown and keeps the raw text', () => {
    const { records } = parseIpsecSa('interface: Tunnel0\nprotected vrf: (none)\ninbound esp sas:\nspi: 0x1(1)\nStatus: PENDING(DELETE)\n');
    expect(records[0]?.sas[0]).toMatchObject({ status: 'unknown', statusRaw: 'PENDING(DELETE)' });
    expect(records[0]).not.toHaveProperty('protectedVrf');
  });

  it('warns with the line number on garbage and keeps the known counters and the rest', () => {
    const text = [
      'Tunnel0 is up',
      'interface: Tunnel0',
      'protected vrf: (none)',
      '#pkts encaps: 5, #pkts frobnicated: 3',
      'local ident (addr/mask/prot/port): (10.0.0.0/255.0.255.0/0/0)',
      'current_peer 10.0.0.2 port 500',
      'spi: 0x2E8482F8(780436216)',
      'outbound esp sas:',
      'spi: 0x2E8482F8(780436216)',
      'conn id: 7, frob: 1',
      'IV size: 16 bytes',
    ].join('\n');
    const { records, warnings } = parseIpsecSa(text);
    expect(warnings.map((w) => w.line)).toEqual([1, 4, 5, 7, 10]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ counters: { pktsEncaps: 5 }, peerAddress: '10.0.0.2' });
    expect(records[0]?.sas).toEqual([{ direction: 'outbound', protocol: 'esp', spi: '0x2E8482F8', connId: 7, ivSizeBytes: 16 }]);
  });

  it('reads the seconds-only lifetime and the line saying volume rekey is disabled (IOS-XE)', () => {
    const { records, warnings } = parseIpsecSa(
      [
        'interface: Tunnel0',
        'protected vrf: (none)',
        'inbound esp sas:',
        'spi: 0x4B2B1C3D(1261116477)',
        'sa timing: remaining key lifetime (sec): 3545',
        'Kilobyte Volume Rekey has been disabled',
        'IV size: 8 bytes',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]?.sas).toEqual([
      { direction: 'inbound', protocol: 'esp', spi: '0x4B2B1C3D', remainingLifetimeSec: 3545, ivSizeBytes: 8 },
    ]);
  });

  it('resolves the filtered forms of the command', () => {
    expect(resolveCommand('show crypto ipsec sa peer 198.51.100.1 detail')).toMatchObject({
      spec: { id: 'show crypto ipsec sa detail' },
      args: { peer: '198.51.100.1' },
    });
    expect(resolveCommand('show crypto ipsec sa interface Tunnel0')?.spec.id).toBe('show crypto ipsec sa');
  });
});
