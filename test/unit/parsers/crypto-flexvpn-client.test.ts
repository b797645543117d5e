import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFlexVpnClient } from '../../../agent/parsers/crypto/flexvpn-client.js';
import { resolveCommand } from '../../../agent/parsers/registry.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

describe('show crypto ikev2 client flexvpn', () => {
  it('parses the raw sample with zero warnings into the expected records', () => {
    const text = readFileSync(here('../../corpus/samples/show_crypto_ikev2_client_flexvpn.txt'), 'utf8');
    const expected = JSON.parse(readFileSync(here('../../fixtures/samples/show_crypto_ikev2_client_flexvpn.expected.json'), 'utf8'));
    const { records, warnings } = parseFlexVpnClient(text);
    expect(warnings).toEqual([]);
    expect(records).toEqual(expected);
  });

  it('reads several client blocks with VRFs, backup groups and abbreviated interfaces', () => {
    const text = [
      'spoke1#show crypto ikev2 client flexvpn',
      '  Profile : HUBS-FIBRE',
      '  Current state:ACTIVE',
      '  Peer : 198.51.100.1',
      '  Source : Gi0/0/0',
      '  ivrf : CORP',
      '  fvrf : INET',
      '  Backup group: 1',
      '  Tunnel interface : Tu0',
      '',
      '  Profile : HUBS-LTE',
      '  Current state:WAITING',
      '  Peer : None',
      '  Source : Cellular0/1/0',
      '  ivrf : IP DEFAULT',
      '  fvrf : IP DEFAULT',
      '  Backup group: Default',
      '  Tunnel interface : Tunnel1',
      'spoke1#',
    ].join('\n');
    const { records, warnings } = parseFlexVpnClient(text);
    expect(warnings).toEqual([]);
    expect(records).toEqual([
      {
        profile: 'HUBS-FIBRE', currentState: 'active', currentStateRaw: 'ACTIVE', peer: '198.51.100.1',
        sourceInterface: 'GigabitEthernet0/0/0', ivrf: 'CORP', fvrf: 'INET', backupGroup: 1, tunnelInterface: 'Tunnel0',
      },
      // A state other than ACTIVE has not been seen in public output: kept raw, mapped to unknown.
      {
        profile: 'HUBS-LTE', currentState: 'unknown', currentStateRaw: 'WAITING',
        sourceInterface: 'Cellular0/1/0', backupGroup: 'default', tunnelInterface: 'Tunnel1',
      },
    ]);
  });

  it('warns with the line number on garbage and keeps the rest', () => {
    const text = [
      'Current state:ACTIVE',
      '  Profile : flexblk',
      '  Frobnicate : yes',
      '  Backup group: seven',
      '  this line has no colon',
      '  Tunnel interface : Tunnel0',
    ].join('\n');
    const { records, warnings } = parseFlexVpnClient(text);
    expect(warnings.map((w) => w.line)).toEqual([1, 3, 4, 5]);
    expect(records).toEqual([{ profile: 'flexblk', currentState: 'unknown', currentStateRaw: '', tunnelInterface: 'Tunnel0' }]);
  });

  it('resolves with or without a client name', () => {
    expect(resolveCommand('show crypto ikev2 client flexvpn')?.spec.id).toBe('show crypto ikev2 client flexvpn');
    expect(resolveCommand('show crypto ikev2 client flexvpn Tunnel1')).toMatchObject({ args: { name: 'Tunnel1' } });
  });
});
