import { readTextCapped } from './read-capped.js';
import { redactUrlUserinfo, SECRET_KEYS } from './issue-text.js';
import type { Secret } from './types.js';
import { CodedError } from '../../proto/coded-error.js';

/** A secret the configuration names but the agent cannot read; the configuration's other faults are issues, not errors (validate.ts). */
export type SecretErrorCode = 'CONFIG_SECRET_UNAVAILABLE';

export class SecretError extends CodedError<SecretErrorCode> {
  constructor(message: string, options?: { cause?: unknown }) {
    super('CONFIG_SECRET_UNAVAILABLE', message, options);
  }
}

/** A password or a PEM key is a few KiB; a larger "secret" file is a wrong path (a log, a disk image). */
export const MAX_SECRET_FILE_BYTES = 64 * 1024;

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
  const read = readTextCapped(secret.file, MAX_SECRET_FILE_BYTES, 'secret file');
  if (!read.ok) throw new SecretError(read.message);
  return read.text.replace(/\r?\n$/, '');
}

/**
 * A copy of a configuration fragment for printing: every secret given inline
 * becomes [redacted]; a reference to one ({ env } or { file }) is shown, as it
 * says where the secret lives, not what it is. Credentials written into any
 * URL (`mqtt://user:pass@host`) are redacted too, wherever they appear.
 */
export function redact<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (k, v: unknown) => {
      if (typeof v !== 'string') return v;
      return SECRET_KEYS.has(k) ? '[redacted]' : redactUrlUserinfo(v);
    }),
  ) as T;
}
