import { describeError } from '../../../proto/coded-error.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import type { Supersede } from './actuator.js';

/**
 * A steer's verification, shared by the stub-track actuator and the BGP
 * steering: re-read the router every `pollMs` until what it shows passes
 * `check`, the timeout runs out, or a newer decision supersedes the steer. A
 * read that fails counts as not yet (logged at debug): the router may be busy
 * taking the change. On failure, `seen` is what the last good read showed, in
 * words (`describe`), for the error.
 */
export async function waitUntil<V>(o: {
  clock: Clock;
  log: Logger;
  timeoutMs: number;
  pollMs: number;
  token: Supersede;
  read: () => Promise<V>;
  check: (v: V) => boolean;
  describe?: (v: V) => string;
}): Promise<{ ok: true } | { ok: false; seen?: string }> {
  const deadline = o.clock.now() + o.timeoutMs;
  let seen: string | undefined;
  for (;;) {
    if (o.token.superseded) return { ok: false, ...(seen !== undefined ? { seen } : {}) };
    try {
      const v = await o.read();
      if (o.check(v)) return { ok: true };
      seen = o.describe?.(v);
    } catch (err) {
      const { code, message } = describeError(err);
      o.log.debug('verify-read-failed', { error: code ? `${code}: ${message}` : message });
    }
    if (o.clock.now() >= deadline) return { ok: false, ...(seen !== undefined ? { seen } : {}) };
    await o.token.sleep(o.clock, o.pollMs);
  }
}
