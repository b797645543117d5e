/**
 * The lab router's SSH host key. IOS routers serve an RSA key (`crypto key
 * generate rsa modulus 2048`), so the lab generates one at start unless the
 * caller supplies a key. The agent pins the host by its fingerprint.
 */
import { createHash, generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import ssh2 from 'ssh2';

export interface HostKey {
  /** Private key as ssh2 reads it (PKCS#1 PEM or OpenSSH). */
  privateKey: string | Buffer;
  /** `SHA256:<base64 without padding>`, as `ssh-keygen -lf` and OpenSSH print it. */
  fingerprint: string;
  /** The public key as a known_hosts / authorized_keys entry: `ssh-rsa AAAA...`. */
  publicKey: string;
}

/**
 * A fresh RSA 2048 key, PKCS#1 PEM. Generated off the event loop: it takes
 * 0.1-0.3 s, and a lab starting several spokes should not stall its clock.
 */
export async function generateHostKeyPem(): Promise<string> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  return privateKey;
}

export function loadHostKey(privateKey: string | Buffer): HostKey {
  const parsed = ssh2.utils.parseKey(privateKey);
  if (parsed instanceof Error) throw new Error(`lab ssh: unusable host key: ${parsed.message}`);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key) throw new Error('lab ssh: no key in host key data');
  const blob = key.getPublicSSH();
  return { privateKey, fingerprint: sshFingerprint(blob), publicKey: `${key.type} ${blob.toString('base64')}` };
}

/** OpenSSH's SHA256 fingerprint of a public key blob (RFC 4253 wire format). */
export function sshFingerprint(publicKeyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(publicKeyBlob).digest('base64').replace(/=+$/, '')}`;
}
