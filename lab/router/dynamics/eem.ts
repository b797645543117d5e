/**
 * EEM applets' event detectors and action order, pure (Cisco EEM
 * configuration guide): a track detector fires on the tracked object's change
 * to the named state (`any`: either); a syslog detector on each logged line
 * its regular expression matches, or with `occurs N [period S]` on the Nth
 * match (within S seconds), counting again from zero after it fires; a
 * watchdog timer every S seconds from registration, a countdown timer once.
 * Actions run in label order, labels compared as strings (so `10.0` runs
 * before `2.0`, a well-known EEM trap).
 */
import type { AppletAction, AppletEvent, UpDown } from '../config-model.js';

/**
 * Guard against an applet that triggers itself (its own syslog message or
 * track change matching its event): IOS queues events and bounds each run
 * (maxrun 20 s by default); the lab runs actions instantly, so it bounds
 * runs instead: at most this many per applet in any lab second; the rest are
 * dropped (and noted in the timeline).
 */
export const MAX_RUNS_PER_SECOND = 4;
/** IOS's default maximum run time of a policy, shown by `show event manager policy registered`. */
export const DEFAULT_MAXRUN_SEC = 20;

export interface AppletRuntime {
  /** Times (ms) of syslog matches still counting towards `occurs`. */
  matches: number[];
  /** Next timer expiry (ms); undefined for a countdown that has fired. */
  timerAt?: number;
  /** The registration the timer state belongs to. */
  registeredAt: number;
  /** Start times (ms) of recent runs, for the guard. */
  runs: number[];
}

export function newAppletRuntime(event: AppletEvent | undefined, registeredAt: number): AppletRuntime {
  const rt: AppletRuntime = { matches: [], registeredAt, runs: [] };
  if (event?.kind === 'timer') rt.timerAt = registeredAt + event.timeSec * 1000;
  return rt;
}

export function sortedActions(actions: readonly AppletAction[]): AppletAction[] {
  return [...actions].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

export function trackFires(event: AppletEvent | undefined, trackId: number, to: UpDown): boolean {
  return event?.kind === 'track' && event.track === trackId && (event.state === 'any' || event.state === to);
}

export function syslogMatch(
  event: AppletEvent | undefined,
  rt: AppletRuntime,
  line: string,
  now: number,
): { rt: AppletRuntime; fires: boolean } {
  if (event?.kind !== 'syslog' || !new RegExp(event.pattern).test(line)) return { rt, fires: false };
  const window = event.periodSec === undefined ? Infinity : event.periodSec * 1000;
  const matches = [...rt.matches.filter((t) => now - t < window), now];
  if (matches.length >= (event.occurs ?? 1)) return { rt: { ...rt, matches: [] }, fires: true };
  return { rt: { ...rt, matches }, fires: false };
}

export function timerDue(event: AppletEvent | undefined, rt: AppletRuntime, now: number): { rt: AppletRuntime; fires: boolean } {
  if (event?.kind !== 'timer' || rt.timerAt === undefined || now < rt.timerAt) return { rt, fires: false };
  if (event.timer === 'countdown') {
    const { timerAt: _fired, ...rest } = rt;
    return { rt: rest, fires: true };
  }
  return { rt: { ...rt, timerAt: rt.timerAt + event.timeSec * 1000 }, fires: true };
}

/** Whether a run may start now; if so, the runtime with the run recorded. */
export function admitRun(rt: AppletRuntime, now: number): AppletRuntime | undefined {
  const recent = rt.runs.filter((t) => now - t < 1000);
  if (recent.length >= MAX_RUNS_PER_SECOND) return undefined;
  return { ...rt, runs: [...recent, now] };
}
