import { readFileSync } from 'node:fs';
import type { Secret } from './types.js';

export class SecretError extends Error {
  readonly code = 'CONFIG_SECRET_UNAVAILABLE';
}

/**
 * Resolves a secret at the moment it is needed. The error names where the
 * secret should have come from, never its value.
 */
export function resolveSecret(secret: Secret, env: NodeJS.ProcessEnv = process.env): string {
  if (typeof secret === 'string') return secret;
  if ('env' in secret) {
    const v = env[secret.env];
    if (v === undefined || v === '') throw new SecretError(`environment variable ${secret.env} is not set`);
    return v;
  }
  try {
    return readFileSync(secret.file, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    throw new SecretError(`cannot read secret file ${secret.file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/**
 * A copy of a configuration fragment for printing: every secret given inline
 * becomes [redacted]; a reference to one ({ env } or { file }) is shown, as it
 * says where the secret lives, not what it is.
 */
export function redact<T>(value: T): T {
  const secretKeys = new Set(['password', 'privateKey', 'passphrase', 'secret']);
  return JSON.parse(JSON.stringify(value, (k, v: unknown) => (secretKeys.has(k) && typeof v === 'string' ? '[redacted]' : v))) as T;
}
