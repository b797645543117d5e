import type { SignedCommand } from '../../../proto/commands.js';
import type { CommandTarget } from './command-target.js';
import { allowedShowCommand } from './show-allow-list.js';
import { describeError } from '../../../proto/coded-error.js';

export type Outcome =
  { ok: true; result: unknown } | { ok: false; code: 'invalid-args' | 'not-allowed' | 'failed' | 'timeout'; message: string };

export interface RunLimits {
  timeoutMs: number;
  maxShowOutputBytes: number;
}

/** Carries out one verified command against the target. Never throws. */
export async function runCommand(c: SignedCommand, target: CommandTarget, limits: RunLimits, nowMs: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, code: 'timeout', message: `no result within ${limits.timeoutMs} ms` }), limits.timeoutMs);
  });
  try {
    return await Promise.race([dispatch(c, target, limits, nowMs), timeout]);
  } catch (err) {
    const { code, message } = describeError(err);
    return { ok: false, code: 'failed', message: `${code ? `${code}: ` : ''}${message}` };
  } finally {
    clearTimeout(timer);
  }
}

async function dispatch(c: SignedCommand, target: CommandTarget, limits: RunLimits, nowMs: number): Promise<Outcome> {
  const args = c.args as Record<string, unknown>;
  switch (c.cmd) {
    case 'get-state':
      return { ok: true, result: { state: target.getState() } };
    case 'get-routes':
      return { ok: true, result: await target.getRoutes(args) };
    case 'get-events':
      return { ok: true, result: await target.getEvents(args) };
    case 'force-path': {
      const a = c.args as SignedCommand<'force-path'>['args'];
      const untilMs = nowMs + a.forSec * 1000;
      await target.forcePath({ ...(a.peer ? { peer: a.peer } : {}), ...(a.source ? { source: a.source } : {}), untilMs, by: c.keyId });
      return { ok: true, result: { untilMs } };
    }
    case 'clear-override':
      await target.clearOverride(c.keyId);
      return { ok: true, result: {} };
    case 'set-policy': {
      const policy = (c.args as SignedCommand<'set-policy'>['args']).policy;
      // An empty policy changes nothing: most likely a mistake in the operator's document, so it is said.
      if (Object.keys(policy).length === 0) return { ok: false, code: 'invalid-args', message: 'the policy names no setting to change' };
      const check = target.validatePolicy(policy);
      if (!check.ok) return { ok: false, code: 'invalid-args', message: check.errors.join('; ') };
      return { ok: true, result: (await target.applyPolicy(policy, c.keyId)) ?? {} };
    }
    case 'run-show': {
      const requested = (c.args as SignedCommand<'run-show'>['args']).command;
      const command = allowedShowCommand(requested);
      if (!command)
        return { ok: false, code: 'not-allowed', message: `"${requested.slice(0, 80)}" is not an allowed read-only show command` };
      const output = await target.runShow(command);
      const bytes = Buffer.from(output, 'utf8');
      const truncated = bytes.length > limits.maxShowOutputBytes;
      return {
        ok: true,
        result: { command, truncated, output: truncated ? bytes.subarray(0, limits.maxShowOutputBytes).toString('utf8') : output },
      };
    }
    case 'rebirth':
      await target.rebirth();
      return { ok: true, result: {} };
  }
}
