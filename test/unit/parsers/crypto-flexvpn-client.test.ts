import { describe, expect, it } from 'vitest';
import { parseFlexVpnClient } from '../../../agent/parsers/crypto/flexvpn-client.js';
import { resolveCommand } from '../../../agent/parsers/registry.js';

// The raw sample and a two-client block are parser cases (test/unit/parsers/cases/show-crypto-ikev2-client-flexvpn).
describe('show crypto ikev2 client flexvpn', () => {
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
