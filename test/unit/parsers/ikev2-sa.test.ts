import { describe, expect, it } from 'vitest';
import { parseIkev2Sa } from '../../../agent/parsers/crypto/ikev2-sa.js';

describe('show crypto ikev2 sa', () => {
  it('reads an IPv4 SA with its row, crypto suite and lifetimes', () => {
    const text = [
      'spoke1#show crypto ikev2 sa',
      ' IPv4 Crypto IKEv2  SA ',
      '',
      'Tunnel-id Local                 Remote                fvrf/ivrf            Status ',
      '1         192.0.2.10/4500       198.51.100.1/4500     INET/none            READY  ',
      '      Encr: AES-CBC, keysize: 256, PRF: SHA512, Hash: SHA512, DH Grp:19, Auth sign: PSK, Auth verify: PSK',
      '      Life/Active Time: 86400/1032 sec',
      '',
      ' IPv6 Crypto IKEv2  SA ',
      '',
      'spoke1#',
    ].join('\n');
    const { records, warnings } = parseIkev2Sa(text);
    expect(warnings).toEqual([]);
    expect(records).toEqual([
      {
        family: 'ipv4', tunnelId: 1, localAddress: '192.0.2.10', localPort: 4500,
        remoteAddress: '198.51.100.1', remotePort: 4500, fvrf: 'INET', status: 'ready', statusRaw: 'READY',
        encryption: 'AES-CBC', keySizeBits: 256, prf: 'SHA512', hash: 'SHA512', dhGroup: 19,
        authSign: 'PSK', authVerify: 'PSK', lifetimeSec: 86400, activeTimeSec: 1032,
      },
    ]);
  });

  it('maps an unseen status to unknown and keeps the raw text', () => {
    const { records } = parseIkev2Sa('Tunnel-id Local Remote fvrf/ivrf Status\n2 10.0.0.1/500 10.0.0.2/500 none/none ZOMBIE\n');
    expect(records[0]?.status).toBe('unknown');
    expect(records[0]?.statusRaw).toBe('ZOMBIE');
  });

  it('warns on a line it does not understand and keeps the rest', () => {
    const { records, warnings } = parseIkev2Sa('1 10.0.0.1/500 10.0.0.2/500 none/none READY\n      Frobnicate yes\n');
    expect(records).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.line).toBe(2);
  });
});
