import { describe, expect, it } from 'vitest';
import { parseIkev2Sa } from '../../../agent/parsers/crypto/ikev2-sa.js';
import { resolveCommand } from '../../../agent/parsers/registry.js';

// A spoke's IKEv2 SA to its hub, with IKEv2 routing pushing subnets, as 17.x prints it.
const SPOKE = [
  'spoke1#show crypto ikev2 sa detailed',
  ' IPv4 Crypto IKEv2  SA ',
  '',
  'Tunnel-id Local                 Remote                fvrf/ivrf            Status ',
  '1         192.0.2.10/4500       198.51.100.1/4500     INET/CORP            READY  ',
  '      Encr: AES-GCM, keysize: 256, PRF: SHA384, Hash: None, DH Grp:20, Auth sign: PSK, Auth verify: PSK, QR',
  '      Life/Active Time: 86400/3721 sec',
  '      CE id: 1021, Session-id: 7',
  '      Local spi: 5D4519820D6B9F4A       Remote spi: 65D3D6F7D18D5A47',
  '      Status Description: Negotiation done',
  '      Local id: spoke1.example.net',
  '      Remote id: hub1.example.net',
  '      Local req msg id:  12             Remote req msg id:  3         ',
  '      Local next msg id: 13             Remote next msg id: 4         ',
  '      Local req queued:  12             Remote req queued:  3         ',
  '      Local window:      5              Remote window:      5         ',
  '      DPD configured for 10 seconds, retry 2',
  '      Fragmentation configured.',
  '      Dynamic Route Update: disabled',
  '      Extended Authentication configured.',
  '      NAT-T is detected inside',
  '      Cisco Trust Security SGT is enabled',
  '      Initiator of SA : Yes',
  '      Quantum-safe Encryption using Dynamic PPK',
  '      Local Sys Id: sks1 Remote Sys Id: sks2',
  '      PEER TYPE: Other',
  '      Pushed IP address: 10.255.0.17',
  '      Remote subnets:',
  '      10.0.0.0 255.0.0.0',
  '      172.16.0.0 255.240.0.0',
  '      10.255.0.1 255.255.255.255',
  '',
  ' IPv6 Crypto IKEv2  SA ',
  '',
  'spoke1#',
].join('\n');

// The hub's view of a spoke: responder, NAT on the spoke's side, an address handed out.
const HUB = [
  'Tunnel-id Local                 Remote                fvrf/ivrf            Status',
  '3         198.51.100.1/4500     203.0.113.77/61022    none/none            READY',
  '      Encr: AES-CBC, keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:19, Auth sign: RSA, Auth verify: RSA',
  '      Life/Active Time: 86400/86 sec',
  '      Status Description: Negotiation done',
  '      DPD configured for 0 seconds, retry 0',
  '      Fragmentation not  configured.',
  '      Extended Authentication not configured.',
  '      NAT-T is detected  outside',
  '      Initiator of SA : No',
  '      Quantum Resistance Enabled',
  '      Assigned host addr: 10.255.0.23',
  '      Remote subnets:',
  '      2001:DB8:10::/48',
  '      192.168.7.0/24',
  '      Local id: hub1.example.net',
].join('\n');

describe('show crypto ikev2 sa detailed', () => {
  it('reads every detailed field of a spoke SA, pushed subnets as CIDR', () => {
    const { records, warnings } = parseIkev2Sa(SPOKE);
    expect(warnings).toEqual([]);
    expect(records).toEqual([
      {
        family: 'ipv4', tunnelId: 1, localAddress: '192.0.2.10', localPort: 4500,
        remoteAddress: '198.51.100.1', remotePort: 4500, fvrf: 'INET', ivrf: 'CORP', status: 'ready', statusRaw: 'READY',
        encryption: 'AES-GCM', keySizeBits: 256, prf: 'SHA384', hash: 'None', dhGroup: 20, authSign: 'PSK', authVerify: 'PSK',
        lifetimeSec: 86400, activeTimeSec: 3721, ceId: 1021, sessionId: 7,
        localSpi: '5D4519820D6B9F4A', remoteSpi: '65D3D6F7D18D5A47',
        statusDescription: 'Negotiation done', localId: 'spoke1.example.net', remoteId: 'hub1.example.net',
        localReqMsgId: 12, remoteReqMsgId: 3, localNextMsgId: 13, remoteNextMsgId: 4,
        localReqQueued: 12, remoteReqQueued: 3, localWindow: 5, remoteWindow: 5,
        dpdIntervalSec: 10, dpdRetries: 2, fragmentation: 'configured', fragmentationKind: 'cisco', dynamicRouteUpdate: 'disabled',
        extendedAuthentication: 'configured', natT: 'detected-inside', ctsSgt: 'enabled', role: 'initiator',
        quantumSafePpk: 'dynamic', localSysId: 'sks1', remoteSysId: 'sks2', peerType: 'Other',
        pushedAddress: '10.255.0.17', remoteSubnets: ['10.0.0.0/8', '172.16.0.0/12', '10.255.0.1/32'],
      },
    ]);
  });

  it('reads the responder side: assigned address, NAT outside, IPv6 subnets, the list ending at the next label', () => {
    const { records, warnings } = parseIkev2Sa(HUB);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      tunnelId: 3, remotePort: 61022, authSign: 'RSA', dpdIntervalSec: 0, dpdRetries: 0,
      fragmentation: 'not-configured', extendedAuthentication: 'not-configured', natT: 'detected-outside',
      role: 'responder', quantumSafePpk: 'enabled', assignedPeerAddress: '10.255.0.23',
      remoteSubnets: ['2001:DB8:10::/48', '192.168.7.0/24'], localId: 'hub1.example.net',
    });
    expect(records[0]).not.toHaveProperty('fvrf');
    expect(records[0]).not.toHaveProperty('pushedAddress');
  });

  it('keeps NAT-T wording it has not seen as unknown with the raw text', () => {
    const { records, warnings } = parseIkev2Sa('1 10.0.0.1/500 10.0.0.2/500 none/none READY\n      NAT-T is detected on both sides\n');
    expect(warnings).toEqual([]);
    expect(records[0]?.natT).toBe('unknown');
    expect(records[0]?.natTRaw).toBe('detected on both sides');
  });

  it('maps an unseen SA status to unknown and keeps the raw text', () => {
    const { records } = parseIkev2Sa('2 10.0.0.1/500 10.0.0.2/500 none/none IN-NEG-RETRY\n      Status Description: Initiator waiting for AUTH response\n');
    expect(records[0]).toMatchObject({ status: 'unknown', statusRaw: 'IN-NEG-RETRY', statusDescription: 'Initiator waiting for AUTH response' });
  });

  it('warns with the line number on garbage, and on a subnet line outside a subnet list, keeping the SAs', () => {
    const text = [
      '1 10.0.0.1/500 10.0.0.2/500 none/none READY',
      '      Local id: 10.0.0.1',
      '      Frobnicate yes',
      '      10.9.0.0 255.255.0.0',
      '2 10.0.0.1/500 10.0.0.3/500 none/none READY',
      '      Remote subnets:',
      '      10.8.0.0 255.0.255.0',
    ].join('\n');
    const { records, warnings } = parseIkev2Sa(text);
    expect(records.map((r) => r.tunnelId)).toEqual([1, 2]);
    expect(records[0]?.localId).toBe('10.0.0.1');
    expect(records[1]?.remoteSubnets).toEqual([]);
    // a non-contiguous mask is not a subnet
    expect(warnings.map((w) => w.line)).toEqual([3, 4, 7]);
  });

  it('answers to both IOS spellings of the command', () => {
    expect(resolveCommand('show crypto ikev2 sa detailed')?.spec.id).toBe('show crypto ikev2 sa detailed');
    expect(resolveCommand('show  crypto ikev2 sa detail')?.spec.id).toBe('show crypto ikev2 sa detailed');
    expect(resolveCommand('show crypto ikev2 sa')?.spec.id).toBe('show crypto ikev2 sa');
  });
});
