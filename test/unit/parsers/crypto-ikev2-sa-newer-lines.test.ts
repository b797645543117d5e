import { describe, expect, it } from 'vitest';
import { parseIkev2Sa } from '../../../agent/parsers/crypto/ikev2-sa.js';

// Lines IOS-XE 17.x adds under an SA of `show crypto ikev2 sa detailed`, one test per kind.
const sa = (...lines: string[]) =>
  parseIkev2Sa(
    [
      'Tunnel-id Local                 Remote                fvrf/ivrf            Status',
      '1         192.0.2.10/4500       198.51.100.1/4500     none/none            READY',
      ...lines.map((l) => `      ${l}`),
    ].join('\n'),
  );

describe('show crypto ikev2 sa detailed, newer lines', () => {
  it.each([
    ['Fragmentation not  configured.', { fragmentation: 'not-configured', fragmentationKind: 'cisco' }],
    ['Fragmentation configured.', { fragmentation: 'configured', fragmentationKind: 'cisco' }],
    ['IETF Std Fragmentation  enabled.', { fragmentation: 'enabled', fragmentationKind: 'ietf' }],
    ['IETF Std Fragmentation disabled.', { fragmentation: 'disabled', fragmentationKind: 'ietf' }],
    ['IETF Std Fragmentation MTU in use: 1372 bytes.', { fragmentationMtuBytes: 1372 }],
    ['PQC Key Exchange: ML-KEM-1024', { pqcKeyExchange: 'ML-KEM-1024' }],
    ['Quantum-safe Encryption using PQC: ML-KEM-512', { pqcKeyExchange: 'ML-KEM-512' }],
    ['Remote EAP id: operator', { remoteEapId: 'operator' }],
    ['Local queue msg id: 0             Remote req queue id: 26', { localReqQueued: 0, remoteReqQueued: 26 }],
    ['Local window:      20             Remote window:      1', { localWindow: 20, remoteWindow: 1 }],
    ['DPD configured for 10 seconds, retry 3', { dpdIntervalSec: 10, dpdRetries: 3 }],
    ['DPD configured for 10 seconds, retry 3, on-demand', { dpdIntervalSec: 10, dpdRetries: 3, otherAttributes: { DPD: 'on-demand' } }],
    [
      'Encr: AES-CBC, Keysize: 256, PRF: SHA256, Hash: SHA256, DH Grp:14, Auth sign: PSK, Auth verify: PSK',
      { encryption: 'AES-CBC', keySizeBits: 256, dhGroup: 14 },
    ],
    [
      'Encr: AES-GCM, keysize: 256, PRF: SHA512, Hash: None, DH Grp:20, Auth sign: PSK, Auth verify: PSK, AKE1: MLKEM768',
      { encryption: 'AES-GCM', dhGroup: 20, otherAttributes: { AKE1: 'MLKEM768' } },
    ],
  ])('%s', (line, expected) => {
    const { records, warnings } = sa(line);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject(expected);
  });

  it.each([
    ['Session Resumption is enabled', { 'Session Resumption': 'enabled' }],
    ['Childless SA Initiation: Supported', { 'Childless SA Initiation': 'Supported' }],
    ['Redirect Gateway not configured.', { 'Redirect Gateway': 'not configured' }],
  ])('keeps an attribute no rule names, as printed: %s', (line, attributes) => {
    const { records, warnings } = sa(line);
    expect(warnings).toEqual([]);
    expect(records[0]?.otherAttributes).toEqual(attributes);
  });

  it('still warns on a line of no known shape', () => {
    expect(sa('%%% garbage %%%').warnings.map((w) => w.line)).toEqual([3]);
  });
});
