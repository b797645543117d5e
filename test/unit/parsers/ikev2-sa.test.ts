import { describe, expect, it } from 'vitest';
import { parseIkev2Sa } from '../../../agent/parsers/crypto/ikev2-sa.js';

// Whole outputs read into their expected records are parser cases (test/unit/parsers/cases/show-crypto-ikev2-sa/).
describe('show crypto ikev2 sa', () => {
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
