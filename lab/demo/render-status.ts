import type { PolicyConfig } from '../../agent/core/policy/config.js';
import type { BadCause } from '../../agent/core/policy/health.js';
import type { Decision, PolicyState, Reason } from '../../agent/core/policy/types.js';
import type { RouterSnapshot } from '../router/index.js';

const sec = (ms: number, startMs: number) => `+${((ms - startMs) / 1000).toFixed(1)}s`;

/** One line saying why: the metric, its value and threshold, the candidate, since when. */
export function describeReason(r: Reason, startMs: number): string {
  switch (r.code) {
    case 'adopted':
      return `adopted the router's path ${r.candidate}`;
    case 'adopted-unknown-path':
      return `router on a path that is no candidate (${r.peer ?? '-'} via ${r.source ?? '-'})`;
    case 'current-bad':
      return `${r.candidate} ${describeCause(r.cause)} since ${sec(r.sinceMs, startMs)}`;
    case 'current-suppressed':
      return `${r.candidate} flapping, suppressed (penalty ${r.penalty})`;
    case 'router-forbids':
      return `the router's own tracks forbid ${r.candidate} (${[r.peer && `hub ${r.peer}`, r.source && `WAN ${r.source}`].filter(Boolean).join(', ')})`;
    case 'preempt':
      return `${r.candidate} good since ${sec(r.goodSinceMs, startMs)} (>= ${r.preemptDelaySec}s), better than ${r.over}`;
    case 'override':
      return `operator ${r.by} forced ${[r.peer, r.source].filter(Boolean).join(' via ')} until ${sec(r.untilMs, startMs)}`;
    case 'override-ended':
      return `override by ${r.by} ended`;
    case 'all-down':
      return `every path is down: ${r.behaviour}`;
    case 'steer-failed':
      return `the router would not take ${r.candidate} (${r.errorCode})`;
    case 'metered-failback':
      return `${r.candidate} good since ${sec(r.goodSinceMs, startMs)} (>= ${r.preemptDelaySec}s): off metered ${r.over} at once`;
    case 'metered-budget-spent':
      return `budget of metered ${r.source} spent: ${r.candidate} only for a hard failure`;
    case 'class-noncompliant':
      return `${r.candidate} fails critical ${r.failed.map((f) => `${f.class} (${f.breaches.map((b) => `${b.metric} ${b.value} > ${b.threshold}`).join(', ')})`).join(', ')}`;
    case 'class-best-of-worst':
      return `no path meets every critical class: ${r.candidate} least far (${r.excess}x against ${r.overExcess}x on ${r.over})`;
  }
}

export function describeCause(c: BadCause): string {
  switch (c.kind) {
    case 'quality':
      return c.breaches.map((b) => `${b.metric} ${b.value} > ${b.threshold}`).join(', ') + (c.via ? ' through the tunnel' : '');
    case 'interface-down':
      return `${c.interface} down`;
    case 'bgp-down':
      return `BGP session to ${c.neighbor} down`;
    case 'router-track-down':
      return `router track ${c.track} down${c.confirmedBy ? ` (probes agree: ${c.confirmedBy.map((b) => `${b.metric} ${b.value} > ${b.threshold}`).join(', ')})` : ''}`;
    case 'unreachable':
      return `${c.consecutiveTimeouts} probes lost in a row${c.via ? ' through the tunnel' : ''}`;
  }
}

export function describeDecision(d: Decision, startMs: number): string {
  const what = d.action === 'switch' ? `switch ${d.from ?? '-'} -> ${d.to}` : d.action === 'adopt' ? `adopt ${d.to ?? '(none)'}` : d.action;
  const deferred = d.deferredUntilMs !== undefined ? ` (waits for the rate limit until ${sec(d.deferredUntilMs, startMs)})` : '';
  return `${sec(d.atMs, startMs).padStart(8)}  ${what}${d.dryRun ? ' [dry-run]' : ''}: ${describeReason(d.reason, startMs)}${deferred}`;
}

/** The live view: the router as it is, each candidate as the agent judges it, the last decisions and router events. */
export function renderStatus(o: {
  title: string;
  nowMs: number;
  startMs: number;
  router: RouterSnapshot;
  policy: PolicyConfig;
  state: PolicyState;
  decisions: string[];
  timeline: string[];
}): string {
  const lines = [o.title, ''];
  for (const c of o.router.clients) {
    lines.push(`Router   FlexVPN ${c.name}: ${c.phase}${c.peer ? `, peer ${c.peer}` : ''}${c.source ? ` via ${c.source}` : ''}`);
  }
  lines.push(
    `Agent    on ${o.state.selected ?? '(nothing yet)'}${o.state.released ? ' (released: IOS decides alone)' : ''}, mode ${o.policy.mode}`,
    '',
    'Candidates (agent view)',
  );
  for (const c of o.policy.candidates) {
    const h = o.state.health[c.id];
    const m = h?.metrics;
    const metrics = m ? `loss ${m.lossPct}%  rtt ${m.rttMs ?? '-'}ms  jitter ${m.jitterMs ?? '-'}ms` : 'no samples yet';
    const flag = h?.damping.suppressed ? `  SUPPRESSED (penalty ${Math.round(h.damping.penalty)})` : '';
    const why = h?.verdict === 'bad' && h.cause ? `  (${describeCause(h.cause)})` : '';
    lines.push(`  ${c.id.padEnd(12)} ${(h?.verdict ?? 'unknown').toUpperCase().padEnd(8)} ${metrics.padEnd(40)}${why}${flag}`);
  }
  lines.push('', 'Decisions', ...(o.decisions.length ? o.decisions.slice(-6) : ['  (none yet)']));
  // The fault stays in view: the router's own events would scroll it away within seconds.
  const faults = o.timeline.filter(isFaultLine);
  lines.push('', 'Faults', ...(faults.length ? faults.slice(-4).map((l) => `  ${l}`) : ['  (none yet)']));
  lines.push(
    '',
    'Router events',
    ...o.timeline
      .filter((l) => !isFaultLine(l))
      .slice(-8)
      .map((l) => `  ${l}`),
  );
  return lines.join('\n');
}

/** The lab's speed in words: how fast its clock runs and what the scenario costs in real time. */
export function speedText(speed: number, durationSec: number): string {
  return `${speed}x real time (${durationSec} s of scenario in about ${Math.ceil(durationSec / speed)} s)`;
}

/** A scenario's change to the world (`+  30.0s  >> path ...`), as the timeline writes it, not the router's reaction. */
export function isFaultLine(line: string): boolean {
  return /^\+\s*-?[\d.]+s {2}>> /.test(line);
}
