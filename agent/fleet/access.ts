/**
 * Who may look and who may command. Tokens are 32 random bytes shown once;
 * only their SHA-256 is stored (a random token of that size needs no slow
 * hash: there is nothing to guess from). Viewing needs any token; sending a
 * command needs one created with the command right.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FleetDb } from './fleet-db.js';

export interface Caller {
  name: string;
  canCommand: boolean;
}

const hashOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

export class AccessTokens {
  constructor(private readonly db: FleetDb) {}

  /** Creates (or replaces) the token called `name`; returns the token, which is not kept. */
  create(name: string, canCommand: boolean, nowMs = Date.now()): string {
    if (!NAME.test(name)) throw new Error(`bad token name "${name}": 1-64 of [A-Za-z0-9._@-]`);
    const token = `spk_${randomBytes(32).toString('base64url')}`;
    this.db
      .prepare(
        'INSERT INTO token (name, hash, can_command, created_ms) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET hash=excluded.hash, can_command=excluded.can_command, created_ms=excluded.created_ms',
      )
      .run(name, hashOf(token), canCommand ? 1 : 0, nowMs);
    return token;
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM token').get() as { n: number }).n;
  }

  /** The caller a token stands for, or undefined for a missing or unknown one. */
  check(token: string | undefined): Caller | undefined {
    if (!token) return undefined;
    const hash = hashOf(token);
    const row = this.db.prepare('SELECT name, hash, can_command FROM token WHERE hash = ?').get(hash) as
      { name: string; hash: string; can_command: number } | undefined;
    if (!row || !timingSafeEqual(Buffer.from(row.hash), Buffer.from(hash))) return undefined;
    return { name: row.name, canCommand: row.can_command === 1 };
  }
}

/** The bearer token of a request: `Authorization: Bearer T`. */
export function bearerOf(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return m?.[1];
}
