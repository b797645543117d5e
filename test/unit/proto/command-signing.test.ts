import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildSignedCommand,
  canonicalJson,
  generateSigningKey,
  parsePrivateKey,
  parsePublicKey,
  signingInput,
  verifyCommandSignature,
} from '../../../proto/command-signing.js';

describe('command signing', () => {
  it('has a canonical form: sorted keys at every depth, no whitespace, sig left out', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 'é', y: null }], c: true }, u: undefined })).toBe(
      '{"a":{"c":true,"d":[3,{"y":null,"z":"é"}]},"b":1}',
    );
    expect(signingInput({ sig: 'x', b: 2, a: 'q' }).toString()).toBe('spokepilot-cmd-v1\n{"a":"q","b":2}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
  });

  it('signs and verifies; any change to a signed field breaks the signature', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const c = buildSignedCommand(
      { site: 's', node: 'n', cmd: 'force-path', args: { source: 'Cellular0/1/0', forSec: 60 }, keyId: 'k', nowMs: 1000 },
      privateKey,
    );
    expect(verifyCommandSignature(c, publicKey)).toBe(true);
    // Key order on the wire does not matter: the canonical form sorts.
    const reordered = Object.fromEntries(Object.entries(c).reverse()) as typeof c;
    expect(verifyCommandSignature(reordered, publicKey)).toBe(true);
    for (const tamper of [
      { node: 'm' },
      { exp: c.exp + 1 },
      { nonce: c.nonce.replace(/^./, 'A') === c.nonce ? 'B' + c.nonce.slice(1) : c.nonce.replace(/^./, 'A') },
      { args: { source: 'Cellular0/1/0', forSec: 61 } },
      { sig: 'AAAA' },
    ]) {
      expect(verifyCommandSignature({ ...c, ...tamper }, publicKey), JSON.stringify(tamper)).toBe(false);
    }
    expect(verifyCommandSignature(c, generateKeyPairSync('ed25519').publicKey)).toBe(false);
  });

  it('reads keys as PEM or raw base64url, as written by generateSigningKey', () => {
    const k = generateSigningKey();
    const c = buildSignedCommand({ site: 's', node: 'n', cmd: 'get-state', args: {}, keyId: 'k', nowMs: 1 }, parsePrivateKey(k.privatePem));
    expect(verifyCommandSignature(c, parsePublicKey(k.publicPem))).toBe(true);
    expect(verifyCommandSignature(c, parsePublicKey(k.publicRaw))).toBe(true);
    expect(() => parsePublicKey('AAAA')).toThrow();
    expect(c.nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
