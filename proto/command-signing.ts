/**
 * The canonical signing form of a command and Ed25519 sign/verify (node:crypto).
 *
 *   canonical = "spokepilot-cmd-v1\n" + JSON of the command without `sig`,
 *               object keys sorted by UTF-16 code units at every depth,
 *               no whitespace, strings and numbers as JSON.stringify writes them
 *
 * This is RFC 8785 (JCS) for the values commands carry (integers, strings,
 * booleans, arrays, objects). The prefix keeps a signature over a command from
 * ever being valid for another kind of message signed with the same key.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { CommandName, SignedCommand, UnsignedCommand } from './commands.js';

export { canonicalJson };

export const SIGNING_PREFIX = 'spokepilot-cmd-v1\n';

/** The bytes that are signed: everything but `sig`. */
export function signingInput(command: object): Buffer {
  const { sig: _sig, ...rest } = command as Record<string, unknown>;
  return Buffer.from(SIGNING_PREFIX + canonicalJson(rest), 'utf8');
}

export function signCommand<N extends CommandName>(command: UnsignedCommand<N>, privateKey: KeyObject): SignedCommand<N> {
  const sig = sign(null, signingInput(command), privateKey).toString('base64url');
  return { ...command, sig };
}

export function verifyCommandSignature(command: object & { sig: string }, publicKey: KeyObject): boolean {
  try {
    return verify(null, signingInput(command), publicKey, Buffer.from(command.sig, 'base64url'));
  } catch {
    return false;
  }
}

/** A fresh nonce: 16 random bytes, base64url. */
export function newNonce(): string {
  return randomBytes(16).toString('base64url');
}

/** Public keys in config are PEM (SPKI) or the raw 32-byte key in base64/base64url. */
export function parsePublicKey(text: string): KeyObject {
  const t = text.trim();
  if (t.startsWith('-----BEGIN')) return createPublicKey(t);
  const raw = Buffer.from(t, 'base64url');
  if (raw.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

export function parsePrivateKey(pem: string): KeyObject {
  return createPrivateKey(pem);
}

/** A new key pair for an operator: PEM private key (PKCS#8) and the public key in both forms. */
export function generateSigningKey(): { privatePem: string; publicPem: string; publicRaw: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' }) as { x: string };
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    publicRaw: jwk.x,
  };
}

export interface CommandDraft<N extends CommandName> {
  site: string;
  node: string;
  cmd: N;
  args: UnsignedCommand<N>['args'];
  keyId: string;
  nowMs: number;
  /** Seconds until it expires; default 60. */
  ttlSec?: number;
  tx?: string;
}

/** Builds and signs a command: what operators' tools and the tests use. */
export function buildSignedCommand<N extends CommandName>(d: CommandDraft<N>, privateKey: KeyObject): SignedCommand<N> {
  const unsigned: UnsignedCommand<N> = {
    v: 1,
    id: randomBytes(12).toString('base64url'),
    ts: d.nowMs,
    tx: d.tx ?? randomBytes(8).toString('hex'),
    site: d.site,
    node: d.node,
    cmd: d.cmd,
    args: d.args,
    exp: d.nowMs + (d.ttlSec ?? 60) * 1000,
    nonce: newNonce(),
    keyId: d.keyId,
  };
  return signCommand(unsigned, privateKey);
}
