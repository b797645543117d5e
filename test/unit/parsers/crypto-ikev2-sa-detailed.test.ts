import { describe, expect, it } from 'vitest';
import { parseIkev2Sa } from '../../../agent/parsers/crypto/ikev2-sa.js';
import { resolveCommand } from '../../../agent/parsers/registry.js';

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

// Whole outputs read into their expected records are parser cases (test/unit/parsers/cases/show-crypto-ikev2-sa-detailed/).
describe('show crypto ikev2 sa detailed', () => {
  it('reads the responder side: assigned address, NAT outside, IPv6 subnets, the list ending at the next label', () => {
    const { records, warnings } = parseIkev2Sa(HUB);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      tunnelId: 3,
      remotePort: 61022,
      authSign: 'RSA',
      dpdIntervalSec: 0,
      dpdRetries: 0,
      fragmentation: 'not-configured',
      extendedAuthentication: 'not-configured',
      natT: 'detected-outside',
      role: 'responder',
      quantumSafePpk: 'enabled',
      assignedPeerAddress: '10.255.0.23',
      remoteSubnets: ['2001:DB8:10::/48', '192.168.7.0/24'],
      localId: 'hub1.example.net',
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
    const { records } = parseIkev2Sa(
      '2 10.0.0.1/500 10.0.0.2/500 none/none IN-NEG-RETRY\n      Status Description: Initiator waiting for AUTH response\n',
    );
    expect(records[0]).toMatchObject({
      status: 'unknown',
      statusRaw: 'IN-NEG-RETRY',
      statusDescription: 'Initiator waiting for AUTH response',
    });
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
