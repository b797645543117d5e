import { describe, expect, it } from 'vitest';
import { parseIpsecSa } from '../../../agent/parsers/crypto/ipsec-sa.js';
import { resolveCommand } from '../../../agent/parsers/registry.js';

// A spoke's FlexVPN tunnel over NAT: GRE/IPsec, tunnel protection, one SA each way.
const DETAIL = [
  'spoke1#show crypto ipsec sa detail',
  '',
  'interface: Tu0',
  '    Crypto map tag: Tunnel0-head-0, local addr 192.0.2.10',
  '',
  '   protected vrf: CORP',
  '   local  ident (addr/mask/prot/port): (192.0.2.10/255.255.255.255/47/0)',
  '   remote ident (addr/mask/prot/port): (198.51.100.1/255.255.255.255/47/0)',
  '   current_peer 198.51.100.1 port 4500',
  '     PERMIT, flags={origin_is_acl,}',
  '    #pkts encaps: 1021377, #pkts encrypt: 1021377, #pkts digest: 1021377',
  '    #pkts decaps: 884213, #pkts decrypt: 884213, #pkts verify: 884213',
  '    #pkts compressed: 0, #pkts decompressed: 0',
  '    #pkts not compressed: 0, #pkts compr. failed: 0',
  '    #pkts not decompressed: 0, #pkts decompress failed: 0',
  '    #pkts no sa (send) 1, #pkts invalid sa (rcv) 2',
  '    #pkts encaps failed (send) 3, #pkts decaps failed (rcv) 4',
  '    #pkts invalid prot (recv) 5, #pkts verify failed: 6',
  '    #pkts invalid identity (recv) 7, #pkts invalid len (rcv) 8',
  '    #pkts replay rollover (send): 9, #pkts replay rollover (rcv) 10',
  '    ##pkts replay failed (rcv): 11',
  '    #pkts tagged (send): 12, #pkts untagged (rcv): 13',
  '    #pkts not tagged (send): 14, #pkts not untagged (rcv): 15',
  '    #pkts internal err (send): 16, #pkts internal err (recv) 17',
  '',
  '     local crypto endpt.: 192.0.2.10, remote crypto endpt.: 198.51.100.1',
  '     plaintext mtu 1422, path mtu 1500, ip mtu 1500, ip mtu idb Gi0/0/0',
  '     current outbound spi: 0x2E8482F8(780436216)',
  '     PFS (Y/N): Y, DH group: group19',
  '',
  '     inbound esp sas:',
  '      spi: 0xA54D38A4(2773301412)',
  '        transform: esp-gcm 256 ,',
  '        in use settings ={Tunnel UDP-Encaps, esn}',
  '        conn id: 2077, flow_id: ESG:77, sibling_flags FFFFFFFF80004048, crypto map: Tunnel0-head-0, initiator : True',
  '         sa timing: remaining key lifetime (k/sec): (4471231/2489)',
  '        IV size: 8 bytes',
  '        replay detection support: Y  replay window size: 1024',
  '        Status: ACTIVE(ACTIVE)',
  '',
  '     inbound ah sas:',
  '',
  '     inbound pcp sas:',
  '',
  '     outbound esp sas:',
  '      spi: 0x2E8482F8(780436216)',
  '        transform: esp-gcm 256 ,',
  '        in use settings ={Tunnel UDP-Encaps, esn}',
  '        conn id: 2078, flow_id: ESG:78, sibling_flags FFFFFFFF80004048, crypto map: Tunnel0-head-0, initiator : False',
  '         sa timing: remaining key lifetime (sec): (2489)',
  '        IV size: 8 bytes',
  '        replay detection support: N',
  '        Status: STANDBY(STANDBY)',
  '',
  '     outbound ah sas:',
  '',
  '     outbound pcp sas:',
  'spoke1#',
].join('\n');

describe('show crypto ipsec sa detail', () => {
  it('reads an ident with every counter and both SAs', () => {
    const { records, warnings } = parseIpsecSa(DETAIL);
    expect(warnings).toEqual([]);
    expect(records).toEqual([{
      interface: 'Tunnel0', cryptoMapTag: 'Tunnel0-head-0', localAddress: '192.0.2.10', protectedVrf: 'CORP',
      localIdent: { prefix: '192.0.2.10/32', protocol: 47, port: 0 },
      remoteIdent: { prefix: '198.51.100.1/32', protocol: 47, port: 0 },
      peerAddress: '198.51.100.1', peerPort: 4500, action: 'permit', flags: ['origin_is_acl'],
      counters: {
        pktsEncaps: 1021377, pktsEncrypt: 1021377, pktsDigest: 1021377, pktsDecaps: 884213, pktsDecrypt: 884213, pktsVerify: 884213,
        pktsCompressed: 0, pktsDecompressed: 0, pktsNotCompressed: 0, pktsCompressFailed: 0, pktsNotDecompressed: 0, pktsDecompressFailed: 0,
        pktsNoSaSend: 1, pktsInvalidSaRecv: 2, pktsEncapsFailedSend: 3, pktsDecapsFailedRecv: 4, pktsInvalidProtRecv: 5, pktsVerifyFailed: 6,
        pktsInvalidIdentityRecv: 7, pktsInvalidLenRecv: 8, pktsReplayRolloverSend: 9, pktsReplayRolloverRecv: 10, pktsReplayFailedRecv: 11,
        pktsTaggedSend: 12, pktsUntaggedRecv: 13, pktsNotTaggedSend: 14, pktsNotUntaggedRecv: 15, pktsInternalErrSend: 16, pktsInternalErrRecv: 17,
      },
      localEndpoint: '192.0.2.10', remoteEndpoint: '198.51.100.1', plaintextMtu: 1422, pathMtu: 1500, ipMtu: 1500,
      ipMtuInterface: 'GigabitEthernet0/0/0', currentOutboundSpi: '0x2E8482F8', pfs: true, dhGroup: 'group19',
      sas: [
        {
          direction: 'inbound', protocol: 'esp', spi: '0xA54D38A4', transform: 'esp-gcm 256', settings: ['Tunnel UDP-Encaps', 'esn'],
          connId: 2077, flowId: 'ESG:77', siblingFlags: 'FFFFFFFF80004048', cryptoMap: 'Tunnel0-head-0', initiator: true,
          remainingLifetimeKb: 4471231, remainingLifetimeSec: 2489, ivSizeBytes: 8, replayDetection: true, replayWindowSize: 1024,
          status: 'active', statusRaw: 'ACTIVE(ACTIVE)',
        },
        {
          direction: 'outbound', protocol: 'esp', spi: '0x2E8482F8', transform: 'esp-gcm 256', settings: ['Tunnel UDP-Encaps', 'esn'],
          connId: 2078, flowId: 'ESG:78', siblingFlags: 'FFFFFFFF80004048', cryptoMap: 'Tunnel0-head-0', initiator: false,
          remainingLifetimeSec: 2489, ivSizeBytes: 8, replayDetection: false, status: 'standby', statusRaw: 'STANDBY(STANDBY)',
        },
      ],
    }]);
  });
});

describe('show crypto ipsec sa', () => {
  it('starts an ident at local ident when IOS prints no vrf line, and reads IPv6 idents', () => {
    const text = [
      'interface: Tunnel6',
      '    Crypto map tag: Tunnel6-head-0, local addr 2001:DB8::1',
      '   local  ident (addr/prefixlen/prot/port): (::/0/0/0)',
      '   remote ident (addr/prefixlen/prot/port): (2001:DB8:1::/48/0/0)',
      '   current_peer 2001:DB8::2 port 500',
      '    #send errors 0, #recv errors 3',
      '   local  ident (addr/mask/prot/port): (10.0.0.0/255.0.0.0/6/179)',
      '   remote ident (addr/mask/prot/port): (10.1.0.0/255.255.0.0/6/0)',
      '     PFS (Y/N): N, DH group: none',
    ].join('\n');
    const { records, warnings } = parseIpsecSa(text);
    expect(warnings).toEqual([]);
    expect(records).toEqual([
      {
        interface: 'Tunnel6', cryptoMapTag: 'Tunnel6-head-0', localAddress: '2001:DB8::1',
        localIdent: { prefix: '::/0', protocol: 0, port: 0 }, remoteIdent: { prefix: '2001:DB8:1::/48', protocol: 0, port: 0 },
        peerAddress: '2001:DB8::2', peerPort: 500, counters: { sendErrors: 0, recvErrors: 3 }, sas: [],
      },
      {
        interface: 'Tunnel6', cryptoMapTag: 'Tunnel6-head-0', localAddress: '2001:DB8::1',
        localIdent: { prefix: '10.0.0.0/8', protocol: 6, port: 179 }, remoteIdent: { prefix: '10.1.0.0/16', protocol: 6, port: 0 },
        counters: {}, pfs: false, sas: [],
      },
    ]);
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

  it('resolves the filtered forms of the command', () => {
    expect(resolveCommand('show crypto ipsec sa peer 198.51.100.1 detail')).toMatchObject({ spec: { id: 'show crypto ipsec sa detail' }, args: { peer: '198.51.100.1' } });
    expect(resolveCommand('show crypto ipsec sa interface Tunnel0')?.spec.id).toBe('show crypto ipsec sa');
  });
});
