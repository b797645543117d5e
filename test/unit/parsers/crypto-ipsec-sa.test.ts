import { describe, expect, it } from 'vitest';
import { parseIpsecSa } from '../../../agent/parsers/crypto/ipsec-sa.js';
import { resolveCommand } from '../../../agent/parsers/registry.js';

// A detailed ident with every counter, and idents without a vrf line or in IPv6: parser cases
// show-crypto-ipsec-sa-detail/ and show-crypto-ipsec-sa/ (test/unit/parsers/cases).
describe('show crypto ipsec sa', () => {
  it('reads No SAs found as an empty table, and warns on it after an interface block', () => {
    expect(parseIpsecSa('No SAs found\n')).toEqual({ records: [], warnings: [] });
    const { warnings } = parseIpsecSa('interface: Tunnel7\nNo SAs found\n');
    expect(warnings.map((w) => w.line)).toEqual([2]);
  });

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

// The 12.x layout (Security Command Reference, show crypto ipsec sa, 12.2/12.3): `local addr.`, no
// `protected vrf:`, `current_peer: ADDR[:PORT]`, counters without a colon before the number,
// `path mtu N, media mtu N`, the outbound SPI bare, `slot: 0,` before `conn id:`, no `Status:`.
describe('show crypto ipsec sa, 12.x layout', () => {
  const block = (peer: string, mtu: string) =>
    [
      'interface: Ethernet0',
      '    Crypto map tag: branch-map, local addr. 192.0.2.10',
      '',
      '   local  ident (addr/mask/prot/port): (10.20.0.0/255.255.255.0/0/0)',
      '   remote ident (addr/mask/prot/port): (10.30.0.0/255.255.255.0/0/0)',
      `   current_peer: ${peer}`,
      '     PERMIT, flags={origin_is_acl,}',
      '    #pkts encaps: 12, #pkts encrypt: 12, #pkts digest 12',
      '    #pkts decaps: 11, #pkts decrypt: 11, #pkts verify 11',
      '    #pkts compressed: 0, #pkts decompressed: 0',
      '    #pkts not compressed: 0, #pkts compr. failed: 0, #pkts decompress failed: 0',
      '    #send errors 1, #recv errors 0',
      '',
      '     local crypto endpt.: 192.0.2.10, remote crypto endpt.: 198.51.100.7',
      `     ${mtu}`,
      '     current outbound spi: 1A2B3C4D',
      '',
      '     inbound esp sas:',
      '      spi: 0x5E6F7081(1584361601)',
      '        transform: esp-3des esp-md5-hmac ,',
      '        in use settings ={Tunnel, }',
      '        slot: 0, conn id: 2000, flow_id: 1, crypto map: branch-map',
      '        sa timing: remaining key lifetime (k/sec): (4607999/3320)',
      '        IV size: 8 bytes',
      '        replay detection support: Y',
      '',
      '     inbound ah sas:',
      '',
      '     outbound esp sas:',
      '      spi: 0x1A2B3C4D(439041101)',
      '        transform: esp-3des esp-md5-hmac ,',
      '        in use settings ={Tunnel, }',
      '        slot: 0, conn id: 2001, crypto map: branch-map',
      '        sa timing: remaining key lifetime (k/sec): (4607999/3320)',
      '        IV size: 8 bytes',
      '        replay detection support: Y',
      '',
      '     outbound ah sas:',
    ].join('\n');

  it('reads the crypto map line, counters, endpoints, outbound SPI and the slot of each SA', () => {
    const { records, warnings } = parseIpsecSa(block('198.51.100.7', 'path mtu 1500, media mtu 1500'));
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      interface: 'Ethernet0',
      cryptoMapTag: 'branch-map',
      localAddress: '192.0.2.10',
      peerAddress: '198.51.100.7',
      counters: { pktsDigest: 12, pktsVerify: 11, pktsDecompressFailed: 0, sendErrors: 1 },
      remoteEndpoint: '198.51.100.7',
      pathMtu: 1500,
      mediaMtu: 1500,
      currentOutboundSpi: '0x1A2B3C4D',
    });
    expect(records[0]).not.toHaveProperty('peerPort');
    expect(records[0]?.sas.map((sa) => [sa.direction, sa.spi, sa.slot, sa.connId, sa.flowId])).toEqual([
      ['inbound', '0x5E6F7081', 0, 2000, '1'],
      ['outbound', '0x1A2B3C4D', 0, 2001, undefined],
    ]);
  });

  it.each([
    ['198.51.100.7:500', 'path mtu 1500, media mtu 1500', { peerPort: 500, pathMtu: 1500, mediaMtu: 1500 }],
    ['198.51.100.7:4500', 'path mtu 1500, ip mtu 1500, ip mtu idb FastEthernet0/1', { peerPort: 4500, ipMtu: 1500 }],
  ])('current_peer: %s, %s (12.3, 12.4T)', (peer, mtu, want) => {
    const { records, warnings } = parseIpsecSa(block(peer, mtu));
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ peerAddress: '198.51.100.7', ...want });
  });

  it('warns on an MTU line with an item of no documented kind', () => {
    const { warnings } = parseIpsecSa(block('198.51.100.7', 'path mtu 1500, frob mtu 1500'));
    expect(warnings.map((w) => w.text.trim())).toEqual(['path mtu 1500, frob mtu 1500']);
  });
});
