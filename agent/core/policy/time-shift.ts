import type { CandidateHealth } from './health.js';
import type { PolicyState } from './types.js';

/**
 * The wall clock stepped by `deltaMs` (an NTP step, an RTC fix) while real
 * time went on as usual: every absolute time in the state moves with it, so
 * durations measured from them stay true. Without this, a step back by an
 * hour made a 60 s override last an hour and a minute, and a step forward
 * made a path look clean for an hour longer than it had been (the fault
 * suite's clock jumps).
 */
export function shiftTimes(s: PolicyState, deltaMs: number): PolicyState {
  if (deltaMs === 0) return s;
  const at = (t: number) => t + deltaMs;
  const opt = (t: number | undefined) => (t === undefined ? undefined : t + deltaMs);
  const health: Record<string, CandidateHealth> = {};
  for (const [id, h] of Object.entries(s.health)) {
    health[id] = {
      ...h,
      // 0: no verdict yet; it stays "never".
      sinceMs: h.sinceMs === 0 ? 0 : at(h.sinceMs),
      ...(h.cleanSinceMs !== undefined ? { cleanSinceMs: at(h.cleanSinceMs) } : {}),
      damping: h.damping.penalty === 0 ? h.damping : { ...h.damping, atMs: at(h.damping.atMs) },
    };
  }
  const windows = Object.fromEntries(Object.entries(s.windows).map(([op, w]) => [op, w.map((x) => ({ ...x, atMs: at(x.atMs) }))]));
  const steerBlockedUntil = Object.fromEntries(Object.entries(s.steerBlockedUntil).map(([id, t]) => [id, at(t)]));
  const shifted: PolicyState = { ...s, health, windows, steerBlockedUntil };
  if (s.override) shifted.override = { ...s.override, untilMs: at(s.override.untilMs) };
  if (s.lastChangeMs !== undefined) shifted.lastChangeMs = opt(s.lastChangeMs)!;
  if (s.steeringHeldUntilMs !== undefined) shifted.steeringHeldUntilMs = opt(s.steeringHeldUntilMs)!;
  if (s.tunnelWindow)
    shifted.tunnelWindow = { ...s.tunnelWindow, samples: s.tunnelWindow.samples.map((x) => ({ ...x, atMs: at(x.atMs) })) };
  // A hub track's Down time bounds the probes its hub is judged on while Down (`since`), and a class
  // has met its level since `sinceMs` (a step forward made it look met for an hour longer).
  if (s.hubTracksDown) shifted.hubTracksDown = s.hubTracksDown.map((x) => (x.sinceMs === undefined ? x : { ...x, sinceMs: at(x.sinceMs) }));
  if (s.classes) {
    shifted.classes = Object.fromEntries(
      Object.entries(s.classes).map(([id, byClass]) => [
        id,
        Object.fromEntries(Object.entries(byClass).map(([name, h]) => [name, h.sinceMs === 0 ? h : { ...h, sinceMs: at(h.sinceMs) }])),
      ]),
    );
  }
  return shifted;
}
