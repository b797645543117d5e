import { planRelease, type ActuationTargets } from '../../core/actuation/plan.js';
import { parseAs } from '../../parsers/registry.js';
import type { RouterCli } from '../../ports/router-cli.js';
import { CodedError, describeError } from '../../../proto/coded-error.js';
import type { DualCloudConfig } from '../../core/dual-cloud/config.js';
import { planBgpRelease, routeMapIntents } from '../../core/dual-cloud/plan.js';
import { routeMapDifferences } from '../../core/dual-cloud/verify.js';

/** How leaving the router to IOS went; logged, published in the offline status, and the exit code. */
export type RestoreOutcome =
  | { outcome: 'verified' }
  | { outcome: 'skipped'; why: 'on-stop-leave' | 'dry-run' }
  | { outcome: 'failed' | 'timeout' | 'unverified'; code: string; message: string };

/**
 * Leaves the router on its own configuration: every agent-owned stub track up,
 * as IOS alone would run, then reads the tracks back. Success is what the
 * router says after, never that a command was sent: a spoke left with its
 * primary WAN forbidden after the agent is gone is the worst way to stop.
 */
export async function restoreNative(
  router: RouterCli,
  targets: ActuationTargets,
  budgetMs: number,
  alsoLines: readonly string[] = [],
): Promise<RestoreOutcome> {
  const deadline = Date.now() + budgetMs;
  try {
    // `alsoLines`: the rest of the router's own configuration the agent changed (metered WANs' full-rate probes stopped).
    const release = planRelease(targets);
    const lines = [...release.configLines, ...alsoLines];
    await withinMs(
      (async () => {
        if (lines.length > 0) await router.configure(lines);
        for (const cmd of release.execCommands) await router.exec(cmd);
      })(),
      budgetMs,
    );
  } catch (err) {
    return failure(err, 'failed');
  }
  let text: string;
  try {
    text = await withinMs(router.show('show track brief'), deadline - Date.now());
  } catch (err) {
    return failure(err, 'unverified');
  }
  const tracks = parseAs('show track brief', text).records;
  const ids = [...targets.peers.map((p) => p.stubTrack), ...targets.sources.map((s) => s.stubTrack)];
  const notUp = ids.filter((id) => {
    const t = tracks.find((x) => x.id === id);
    return !t || (t.state !== 'up' && t.delayedState !== 'up');
  });
  if (notUp.length > 0) {
    return { outcome: 'unverified', code: 'RESTORE_NOT_VERIFIED', message: `stub tracks not up after the restore: ${notUp.join(', ')}` };
  }
  return { outcome: 'verified' };
}

/**
 * A dual-cloud spoke left to BGP alone: every agent-owned route-map neutral
 * (no local preference, no tag), soft clears so the hubs and the spoke apply
 * it, then the route-maps read back. BGP's own best path decides from here.
 */
export async function restoreDualCloud(router: RouterCli, dualCloud: DualCloudConfig, budgetMs: number): Promise<RestoreOutcome> {
  const deadline = Date.now() + budgetMs;
  const plan = planBgpRelease(dualCloud);
  try {
    await withinMs(
      (async () => {
        await router.configure(plan.configLines);
        for (const cmd of plan.execCommands) await router.exec(cmd);
      })(),
      budgetMs,
    );
  } catch (err) {
    return failure(err, 'failed');
  }
  let text: string;
  try {
    text = await withinMs(router.show('show route-map'), deadline - Date.now());
  } catch (err) {
    return failure(err, 'unverified');
  }
  const entries = parseAs('show route-map', text).records;
  const diffs = routeMapDifferences(routeMapIntents(dualCloud, undefined), entries);
  if (diffs.length > 0)
    return {
      outcome: 'unverified',
      code: 'RESTORE_NOT_VERIFIED',
      message: `route-maps not neutral after the restore: ${diffs.join('; ')}`,
    };
  return { outcome: 'verified' };
}

class DeadlineError extends CodedError<'RESTORE_TIMEOUT'> {
  constructor(message: string) {
    super('RESTORE_TIMEOUT', message);
  }
}

function withinMs<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DeadlineError(`no answer from the router within ${Math.max(0, Math.round(ms))} ms`)),
      Math.max(0, ms),
    );
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

function failure(err: unknown, otherwise: 'failed' | 'unverified'): RestoreOutcome {
  if (err instanceof DeadlineError) return { outcome: 'timeout', code: err.code, message: err.message };
  const { code, message } = describeError(err);
  return { outcome: otherwise, code: code ?? 'RESTORE_FAILED', message };
}
