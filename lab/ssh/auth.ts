/**
 * Login checks for the lab's SSH server: local users with a password and/or
 * authorized public keys (IOS `username X secret Y`, `ip ssh pubkey-chain`).
 */
import { timingSafeEqual } from 'node:crypto';
import ssh2, { type AuthContext, type ParsedKey } from 'ssh2';
import type { CliView } from '../cli/view.js';

export interface LabUser {
  username: string;
  password?: string;
  /** OpenSSH public key lines (`ssh-ed25519 AAAA... comment`) or key data. */
  authorizedKeys?: ReadonlyArray<string | Buffer>;
  /** 15 lands in privileged exec (`username X privilege 15`); default 1, user exec. */
  privilege?: 1 | 15;
  /** `username X view NAME`: the user runs in this CLI view (lab/cli/view.ts). */
  view?: CliView;
}

interface Account {
  user: LabUser;
  keys: ParsedKey[];
}

function parsePublicKey(data: string | Buffer): ParsedKey {
  const parsed = ssh2.utils.parseKey(data);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error) throw new Error(`lab ssh: unusable authorized key: ${String(key)}`);
  return key;
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export class Authenticator {
  private readonly accounts: Account[];

  constructor(users: readonly LabUser[]) {
    this.accounts = users.map((user) => ({ user, keys: (user.authorizedKeys ?? []).map(parsePublicKey) }));
  }

  /**
   * Answers one authentication request; returns the user once accepted.
   * Public keys follow the two-step protocol (RFC 4252 §7): a query without
   * a signature is accepted if the key is authorized, and the login only
   * succeeds when the signature over the session blob verifies.
   */
  check(ctx: AuthContext): LabUser | undefined {
    const account = this.accounts.find((a) => a.user.username === ctx.username);
    const methods = ['publickey', 'password'] as const;
    if (account && ctx.method === 'password' && account.user.password !== undefined) {
      if (sameBytes(Buffer.from(ctx.password), Buffer.from(account.user.password))) {
        ctx.accept();
        return account.user;
      }
    }
    if (account && ctx.method === 'publickey') {
      const key = account.keys.find((k) => sameBytes(ctx.key.data, k.getPublicSSH()));
      if (key && !ctx.signature) {
        ctx.accept(); // "this key would do": the client then signs
        return undefined;
      }
      if (key && ctx.blob && ctx.signature && key.verify(ctx.blob, ctx.signature, ctx.hashAlgo) === true) {
        ctx.accept();
        return account.user;
      }
    }
    ctx.reject([...methods]);
    return undefined;
  }
}
