import type { KeyObject } from 'node:crypto';
import { verifyCommandSignature } from '../../../proto/command-signing.js';
import { isCommandName, type RefusalCode, type SignedCommand } from '../../../proto/commands.js';
import type { PayloadValidators } from '../../../proto/schemas/index.js';
import type { NonceCache } from './nonce-cache.js';

export interface VerifyPolicy {
  site: string;
  node: string;
  /** Public keys by key id, from configuration. */
  keys: ReadonlyMap<string, KeyObject>;
  /** Longest a command may live (exp - ts); bounds how long nonces are kept. */
  maxLifetimeMs: number;
  /** Tolerated clock difference between the operator's tool and the router. */
  skewMs: number;
  /** Larger payloads are refused unparsed: a few MB of `[[],[],…]` parse into more than the IOx heap. */
  maxPayloadBytes: number;
}

export interface Refusal {
  tx: string | null;
  cmd?: string;
  keyId?: string;
  code: RefusalCode;
  message: string;
}

export type Verified = { ok: true; command: SignedCommand } | { ok: false; refusal: Refusal };

const TX = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * Authenticates and checks one raw command, in an order that never lets an
 * unauthenticated message touch state: size (before any decoding), retain,
 * shape, signature, target, time, and only then the nonce cache (so forged
 * messages cannot fill it).
 */
export function verifyCommand(
  raw: Buffer,
  policy: VerifyPolicy,
  validators: PayloadValidators,
  nonces: NonceCache,
  nowMs: number,
  retained = false,
): Verified {
  if (raw.length > policy.maxPayloadBytes) return refuse(null, 'too-large', `${raw.length} bytes, at most ${policy.maxPayloadBytes}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    return refuse(null, 'malformed', 'not JSON');
  }
  const o = (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {}) as Record<string, unknown>;
  const tx = typeof o.tx === 'string' && TX.test(o.tx) ? o.tx : null;
  const base = {
    ...(typeof o.cmd === 'string' ? { cmd: o.cmd.slice(0, 64) } : {}),
    ...(typeof o.keyId === 'string' ? { keyId: o.keyId.slice(0, 64) } : {}),
  };
  const refuseWith = (code: RefusalCode, message: string): Verified => ({ ok: false, refusal: { tx, ...base, code, message } });
  // The contract says commands are never retained: a retained one would be carried out again on every subscribe.
  if (retained) return refuseWith('retained', 'commands must not be published retained');

  const errors = validators.payload('cmd', parsed);
  if (errors) return refuseWith('malformed', errors.slice(0, 5).join('; '));
  const c = parsed as SignedCommand;
  if (c.sig === undefined || c.keyId === undefined) return refuseWith('unsigned', 'commands must carry keyId and sig');
  const key = policy.keys.get(c.keyId);
  if (!key) return refuseWith('unknown-key', `no public key "${c.keyId}" is configured`);
  if (!verifyCommandSignature(c, key)) return refuseWith('bad-signature', `signature does not verify with key "${c.keyId}"`);
  if (c.site !== policy.site || c.node !== policy.node)
    return refuseWith('wrong-target', `for ${c.site}/${c.node}, this is ${policy.site}/${policy.node}`);
  if (c.exp + policy.skewMs < nowMs) return refuseWith('expired', `expired ${nowMs - c.exp} ms ago`);
  if (c.ts - policy.skewMs > nowMs)
    return refuseWith('not-yet-valid', `issued ${c.ts - nowMs} ms in the future (clock skew allowed: ${policy.skewMs} ms)`);
  if (c.exp - c.ts > policy.maxLifetimeMs || c.exp < c.ts) {
    return refuseWith('lifetime-too-long', `lifetime ${c.exp - c.ts} ms, at most ${policy.maxLifetimeMs} ms`);
  }
  if (nonces.has(c.nonce)) return refuseWith('replayed', 'this nonce was already used');
  if (!nonces.remember(c.nonce, c.exp, nowMs)) return refuseWith('busy', 'too many unexpired commands; try again later');
  if (!isCommandName(c.cmd)) return refuseWith('unknown-command', `unknown command "${c.cmd}"`);
  const argErrors = validators.args(c.cmd, c.args);
  if (argErrors) return refuseWith('invalid-args', argErrors.slice(0, 5).join('; '));
  return { ok: true, command: c };
}

function refuse(tx: string | null, code: RefusalCode, message: string): Verified {
  return { ok: false, refusal: { tx, code, message } };
}
