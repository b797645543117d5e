/**
 * The policy's machine-readable reasons (proto/payloads.ts ReasonPayload) as
 * sentences. SENTENCES is keyed by every reason code: a code added to the
 * contract without a sentence here does not compile.
 */
import type { BadCausePayload, DecisionPayload, PathRepairReasonPayload, ReasonPayload } from '../../../proto/payloads.js';
import { duration, when } from './time.js';

type Code = ReasonPayload['code'];
type Render<C extends Code> = (r: Extract<ReasonPayload, { code: C }>, nowMs: number) => string;

const path = (o: { peer?: string; source?: string }) =>
  [o.peer && `hub ${o.peer}`, o.source && `WAN ${o.source}`].filter(Boolean).join(' via ') || 'no named path';

const ALL_DOWN: Record<Extract<ReasonPayload, { code: 'all-down' }>['behaviour'], string> = {
  hold: 'the agent holds the current path',
  release: "the agent releases the router to IOS's own failover",
  'least-bad': 'the agent uses the least bad one',
};

const SENTENCES: { [C in Code]: Render<C> } = {
  adopted: (r) => `the router was already on ${r.candidate}: the agent takes it as its starting point`,
  'adopted-unknown-path': (r) => `the router uses a path no candidate describes (${path(r)}): the agent takes it as it is`,
  'current-bad': (r, now) => `${r.candidate} went bad at ${when(r.sinceMs, now)}: ${causeWords(r.cause)}`,
  'current-suppressed': (r) => `${r.candidate} flaps too often (damping penalty ${Math.round(r.penalty)}): held off until it calms down`,
  'router-forbids': (r) => `the router's own tracks forbid ${r.candidate} (${path(r)})`,
  preempt: (r, now) =>
    `${r.candidate} is preferred over ${r.over} and has been good since ${when(r.goodSinceMs, now)}, longer than the ${duration(r.preemptDelaySec)} preemption delay`,
  override: (r, now) => `operator ${r.by} forced ${path(r)} until ${when(r.untilMs, now)}`,
  'override-ended': (r) => `the override by ${r.by} ended: back to the preferred good path`,
  'all-down': (r) => `every candidate is down: ${ALL_DOWN[r.behaviour] ?? `behaviour "${r.behaviour}"`}`,
  'steer-failed': (r) => `steering to ${r.candidate} failed (${errorWords(r.errorCode)})`,
  'metered-failback': (r, now) =>
    `${r.over} is on a metered WAN and ${r.candidate} has been good since ${when(r.goodSinceMs, now)}, longer than the ${duration(r.preemptDelaySec)} preemption delay: back at once`,
  'metered-budget-spent': (r) =>
    `the budget of metered WAN ${r.source} is spent: ${r.candidate} is kept for a hard failure of every other path, and a degraded one is used meanwhile`,
  'class-noncompliant': (r) =>
    `${r.candidate} fails critical class${r.failed.length === 1 ? '' : 'es'} ${r.failed.map((f) => `${f.class} (${breachWords(f.breaches)})`).join(', ')}: moved to the most preferred path that meets every critical class`,
  'class-best-of-worst': (r) =>
    `no path meets every critical class: ${r.candidate} is the least far from them (worst measure ${r.excess}x its level, against ${r.overExcess}x on ${r.over}, beyond the ${r.bandPct} % band)`,
};

const METRIC_WORDS = { lossPct: ['loss', '%'], rttMs: ['RTT', ' ms'], jitterMs: ['jitter', ' ms'] } as const;

/** `jitter 48 ms over 30 ms, loss 3 % over 1 %`. */
function breachWords(breaches: readonly { metric: keyof typeof METRIC_WORDS; value: number; threshold: number }[]): string {
  return (
    breaches
      .map((b) => {
        const [name, unit] = METRIC_WORDS[b.metric];
        return `${name} ${b.value}${unit} over ${b.threshold}${unit}`;
      })
      .join(', ') || 'judged failing'
  );
}

/** One reason as a sentence. A reason from another agent version this one does not know is said to be so, with its data. */
export function reasonSentence(r: ReasonPayload, nowMs: number): string {
  const render = (SENTENCES as Record<string, ((r: ReasonPayload, now: number) => string) | undefined>)[r?.code];
  return render ? render(r, nowMs) : `a reason this version cannot put in words: ${JSON.stringify(r)}`;
}

type RepairCode = PathRepairReasonPayload['code'];
type RenderRepair<C extends RepairCode> = (r: Extract<PathRepairReasonPayload, { code: C }>, nowMs: number) => string;

/** Path repairs (agent/core/path-repair.ts), keyed by every code of the contract as SENTENCES is. */
const REPAIR_SENTENCES: { [C in RepairCode]: RenderRepair<C> } = {
  'path-reselect': (r, now) =>
    `the router stayed on hub ${r.from} while ${r.candidate} (hub ${r.peer}) is good since ${when(r.goodSinceMs, now)} and intended for over ${duration(r.settleSec)}: ` +
    `the agent clears hub ${r.from}'s IKEv2 SA so the FlexVPN client selects its first possible peer again (attempt ${r.attempt})`,
  'path-reselected': (r) =>
    `the router is back on ${r.candidate} (hub ${r.peer}) ${duration(r.afterMs / 1000)} after hub ${r.from}'s SA was cleared (attempt ${r.attempt})`,
  'path-reselect-failed': (r, now) =>
    `after hub ${r.from}'s SA was cleared the router ${r.landed ? `came back on hub ${r.landed}` : 'found no peer'}, not ${r.candidate} (hub ${r.peer}): ` +
    `hub ${r.peer} may refuse new sessions; next try ${when(r.retryAtMs, now)} (attempt ${r.attempt} failed)`,
};

/** A path repair's reason as a sentence; one from another version is said to be so, with its data. */
export function pathRepairSentence(r: PathRepairReasonPayload, nowMs: number): string {
  const render = (REPAIR_SENTENCES as Record<string, ((r: PathRepairReasonPayload, now: number) => string) | undefined>)[r?.code];
  return render ? render(r, nowMs) : `a path repair this version cannot put in words: ${JSON.stringify(r)}`;
}

/** Why a candidate is bad. */
export function causeWords(c: BadCausePayload): string {
  switch (c.kind) {
    case 'quality': {
      const via = (c.via === 'tunnel' ? ' (probes through the tunnel)' : '') + (c.sustained ? ' in each of its latest probes' : '');
      return (
        c.breaches
          .map((b) => `${METRIC[b.metric]} ${round(b.value)}${UNIT[b.metric]} over the ${round(b.threshold)}${UNIT[b.metric]} threshold`)
          .join(', ') + via
      );
    }
    case 'interface-down':
      return `interface ${c.interface} is down`;
    case 'bgp-down':
      return `its BGP session to hub ${c.neighbor} is down`;
    case 'router-track-down':
      return `the router's quality track ${c.track} for this hub is Down${c.confirmedBy ? `, and its latest probes agree: ${breachWords(c.confirmedBy)}` : ''}`;
    case 'unreachable':
      return `${c.consecutiveTimeouts} probes in a row timed out${c.via === 'tunnel' ? ' through the tunnel' : ''}`;
  }
}

const METRIC = { lossPct: 'loss', rttMs: 'RTT', jitterMs: 'jitter' } as const;
const UNIT = { lossPct: ' %', rttMs: ' ms', jitterMs: ' ms' } as const;
const round = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

const ACTIONS: Record<DecisionPayload['action'], string> = {
  adopt: 'adopt',
  switch: 'switch',
  release: 'release',
  hold: 'hold',
};

/** "switch lte-hub1 -> fibre-hub1 [dry-run]: <reason>". */
export function decisionLine(d: DecisionPayload, nowMs: number): string {
  const move = d.from && d.to ? `${d.from} -> ${d.to}` : (d.to ?? d.from ?? '');
  const marks = [
    d.dryRun ? '[dry-run: not applied]' : '',
    d.deferredUntilMs ? `[waits for the change rate limit until ${when(d.deferredUntilMs, nowMs)}]` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return `${ACTIONS[d.action] ?? d.action}${move ? ` ${move}` : ''}${marks ? ` ${marks}` : ''}: ${reasonSentence(d.reason, nowMs)}`;
}

/** Error codes the agent reports (router, actuator, store), in words, with the code kept for searching. */
export function errorWords(code: string): string {
  const words = ERRORS[code];
  return words ? `${words} [${code}]` : code;
}

const ERRORS: Record<string, string> = {
  ACTUATE_ROUTER_ERROR: 'the router refused or did not answer',
  ACTUATE_VERIFY_FAILED: 'the router did not move to it in time',
  ACTUATE_SUPERSEDED: 'a newer decision replaced it',
  ROUTER_AUTH_FAILED: 'the router refused the credential',
  ROUTER_HOSTKEY_MISMATCH: "the router's SSH host key is not the pinned one",
  ROUTER_UNREACHABLE: 'the router cannot be reached',
  ROUTER_CONNECT_FAILED: 'no connection to the router',
  ROUTER_DISCONNECTED: 'the router dropped the session',
  ROUTER_TIMEOUT: 'the router did not answer in time',
  ROUTER_CLI_ERROR: 'IOS refused a command',
  ROUTER_OUTPUT_TOO_LARGE: "the router's output was over the limit",
  ROUTER_CLOSED: 'the agent was stopping',
  STORE_RECREATED: 'the database was corrupt: moved aside and recreated',
  STORE_IN_MEMORY: 'the database cannot be opened: journal and outbox kept in memory, routes not cached',
  STORE_WRITE_FAILED: 'the disk refuses writes: reports kept in memory',
  STORE_UNAVAILABLE: 'the database is unavailable',
  DRIFT_UNREPAIRED: "the agent's stub tracks are not as intended and repairs did not take",
  DRIFT_PATH: "the tracks are right but the router stays on another path (a reselect did not take, or is not the agent's to make)",
  DUPLICATE_NODE: 'another agent runs with the same site and node',
};
