/**
 * Example payloads built from the TS types (so they compile only if they match
 * the types); payload-schemas.test.ts checks every one against the JSON Schemas.
 */
import type { ReplyPayload, SignedCommand } from '../../../proto/commands.js';
import type {
  BadCausePayload,
  EventPayload,
  RoutesPayload,
  StatePayload,
  StatusPayload,
  TelemetryPayload,
  TopicPayloads,
} from '../../../proto/payloads.js';

const env = (id: string) => ({ v: 1 as const, id, ts: 1_767_225_600_000 });

export const birth: StatusPayload = { ...env('a1-0'), state: 'online', session: 42, agentVersion: '0.1.0', instance: 'q3Zr0Jx8c1Ls' };
export const will: StatusPayload = { ...env('a1-1'), state: 'offline', session: 42, reason: 'connection-lost' };
export const goodbyeNotRestored: StatusPayload = {
  ...env('a1-1b'),
  state: 'offline',
  session: 42,
  reason: 'shutdown',
  restore: 'timeout',
  restoreCode: 'RESTORE_TIMEOUT',
};

export const state: StatePayload = {
  ...env('a1-2'),
  historical: true,
  health: { status: 'ok', degraded: [] },
  client: 'FLEX',
  mode: 'enforce',
  released: false,
  active: { peer: '192.0.2.1', source: 'GigabitEthernet0/0', candidate: 'fibre-hub1' },
  selected: 'fibre-hub1',
  override: { peer: '192.0.2.2', source: 'Cellular0/1/0', untilMs: 1_767_229_200_000, by: 'ops-1' },
  candidates: [
    { id: 'fibre-hub1', peer: '192.0.2.1', source: 'GigabitEthernet0/0', verdict: 'good', sinceMs: 1_767_220_000_000, suppressed: false },
    {
      id: 'lte-hub1',
      peer: '192.0.2.1',
      source: 'Cellular0/1/0',
      verdict: 'bad',
      sinceMs: 1_767_224_000_000,
      suppressed: true,
      cause: { kind: 'quality', breaches: [{ metric: 'lossPct', value: 30, threshold: 20 }] },
    },
    {
      id: 'fibre-hub2',
      peer: '192.0.2.2',
      source: 'GigabitEthernet0/0',
      verdict: 'bad',
      sinceMs: 1,
      suppressed: false,
      cause: { kind: 'interface-down', interface: 'GigabitEthernet0/0' },
    },
    {
      id: 'lte-hub2',
      peer: '192.0.2.2',
      source: 'Cellular0/1/0',
      verdict: 'bad',
      sinceMs: 1,
      suppressed: false,
      cause: { kind: 'unreachable', consecutiveTimeouts: 3, via: 'tunnel' },
    },
  ],
  tunnel: { interface: 'Tunnel0', lineProtocol: 'up', ikeSa: 'ready', ipsecSas: 2 },
  lastDecision: {
    atMs: 1_767_224_000_000,
    action: 'switch',
    from: 'lte-hub1',
    to: 'fibre-hub1',
    dryRun: false,
    deferredUntilMs: 1_767_224_010_000,
    reason: { code: 'preempt', candidate: 'fibre-hub1', over: 'lte-hub1', goodSinceMs: 1_767_223_700_000, preemptDelaySec: 300 },
  },
};

/** A dual-cloud spoke's hub 1, bad for `cause`. */
const badHub1 = (cause: BadCausePayload): StatePayload['candidates'][number] => ({
  id: 'hub1',
  peer: '172.31.1.1',
  source: 'Tunnel1',
  verdict: 'bad',
  sinceMs: 1_767_225_000_000,
  suppressed: false,
  cause,
});

export const degradedState: StatePayload = {
  ...state,
  id: 'a1-2b',
  health: {
    status: 'degraded',
    degraded: [
      {
        component: 'store',
        code: 'STORE_IN_MEMORY',
        message: 'STORE_CANNOT_OPEN: ...; journal and outbox kept in memory until restart',
        sinceMs: 1_767_225_000_000,
      },
    ],
  },
};

/** The router on LTE after a hand-flipped fibre track the router refuses to take back: raised. */
export const driftState: StatePayload = {
  ...state,
  id: 'a1-2c',
  health: {
    status: 'degraded',
    degraded: [
      {
        component: 'drift',
        code: 'DRIFT_UNREPAIRED',
        message: 'intended fibre-hub1: track 111 not-stub, want up (3 repairs tried)',
        sinceMs: 1_767_225_000_000,
      },
    ],
  },
  drift: {
    status: 'unrepaired',
    intended: { candidate: 'fibre-hub1', released: false },
    tracks: [
      { track: 111, want: 'up', seen: 'not-stub' },
      { track: 101, want: 'up', seen: 'missing' },
    ],
    path: true,
    active: { peer: '192.0.2.1', source: 'Cellular0/1/0' },
    repairs: 3,
    sinceMs: 1_767_225_000_000,
  },
};

/** A dual-cloud spoke steered to hub 2 whose return-path tag was removed by hand: being repaired. */
export const dualCloudDriftState: StatePayload = {
  ...state,
  id: 'a1-2d',
  drift: {
    status: 'repairing',
    intended: { candidate: 'hub2', released: false },
    tracks: [],
    path: false,
    active: { peer: '172.31.2.1', source: 'Tunnel2' },
    repairs: 1,
    sinceMs: 1_767_225_000_000,
    routeMaps: ['route-map SPOKEPILOT-OUT-HUB1 sets community none, intended 65000:110'],
  },
};

export const telemetry: TelemetryPayload = {
  ...env('a1-3'),
  trigger: 'heartbeat',
  sla: [
    { operation: 1, candidate: 'fibre-hub1', returnCode: 'ok', samples: 10, lossPct: 0, rttMs: 18.4, jitterMs: 1.2 },
    { operation: 3, candidate: 'lte-hub1', returnCode: 'timeout', samples: 10, lossPct: 30 },
  ],
  interfaces: [
    {
      name: 'GigabitEthernet0/0',
      status: 'up',
      lineProtocol: 'up',
      inBitsPerSec: 1_200_000,
      outBitsPerSec: 800_000,
      inErrors: 0,
      outErrors: 0,
      outDrops: 12,
    },
    { name: 'Cellular0/1/0', status: 'down', lineProtocol: 'down' },
  ],
  ipsec: [{ peer: '192.0.2.1', interface: 'Tunnel0', sasUp: 2, pktsEncaps: 1_000_000, pktsDecaps: 990_000, sendErrors: 0, recvErrors: 1 }],
  metered: [
    {
      interface: 'Cellular0/1/0',
      periodStartMs: 1_764_547_200_000,
      periodBytes: 41_234_567,
      day: '2026-12-06',
      dayBytes: 1_450_211,
      budgetBytes: 2_000_000_000,
      usedPct: 2.1,
      spent: false,
      whenSpent: 'hard-failure-only',
    },
  ],
  classes: [
    {
      candidate: 'fibre-hub1',
      class: 'voice',
      compliance: 'fails',
      critical: true,
      sinceMs: 1_767_225_000_000,
      samples: 1000,
      lossPct: 0.4,
      rttMs: 58,
      jitterMs: 41.5,
      breaches: [{ metric: 'jitterMs', value: 41.5, threshold: 30 }],
    },
    {
      candidate: 'fibre-hub1',
      class: 'bulk',
      compliance: 'meets',
      critical: false,
      sinceMs: 1_767_220_000_000,
      samples: 1000,
      lossPct: 0,
      rttMs: 14,
      jitterMs: 1.1,
      breaches: [],
    },
  ],
  // A dual-cloud spoke's NHRP shortcut to spoke 2's LAN, with its hold time left.
  shortcuts: [{ prefix: '10.20.13.0/24', via: '172.31.1.13', interface: 'Virtual-Access1', nbmaAddress: '192.0.2.50', expireSec: 7199 }],
};

export const events: EventPayload[] = [
  {
    ...env('e0'),
    kind: 'decision',
    decision: { atMs: 1, action: 'adopt', to: 'fibre-hub1', dryRun: false, reason: { code: 'adopted', candidate: 'fibre-hub1' } },
  },
  {
    ...env('e1'),
    kind: 'decision',
    decision: { atMs: 1, action: 'adopt', dryRun: true, reason: { code: 'adopted-unknown-path', peer: '192.0.2.9' } },
  },
  {
    ...env('e2'),
    kind: 'decision',
    decision: {
      atMs: 1,
      action: 'switch',
      from: 'a',
      to: 'b',
      dryRun: false,
      reason: { code: 'current-bad', candidate: 'a', sinceMs: 1, cause: { kind: 'unreachable', consecutiveTimeouts: 4 } },
    },
  },
  {
    ...env('e3'),
    kind: 'decision',
    decision: {
      atMs: 1,
      action: 'switch',
      from: 'a',
      to: 'b',
      dryRun: false,
      reason: { code: 'current-suppressed', candidate: 'a', penalty: 3100 },
    },
  },
  {
    ...env('e4'),
    kind: 'decision',
    decision: {
      atMs: 1,
      action: 'switch',
      to: 'b',
      dryRun: false,
      reason: { code: 'override', by: 'ops-1', untilMs: 2, source: 'Cellular0/1/0' },
    },
  },
  {
    ...env('e5'),
    kind: 'decision',
    decision: { atMs: 1, action: 'switch', to: 'a', dryRun: false, reason: { code: 'override-ended', by: 'ops-1' } },
  },
  {
    ...env('e6'),
    kind: 'decision',
    decision: { atMs: 1, action: 'release', dryRun: false, reason: { code: 'all-down', behaviour: 'release' } },
  },
  {
    ...env('e7'),
    kind: 'decision',
    decision: { atMs: 1, action: 'hold', dryRun: false, reason: { code: 'steer-failed', candidate: 'b', errorCode: 'ROUTER_TIMEOUT' } },
  },
  {
    ...env('e8'),
    kind: 'path-change',
    from: { peer: '192.0.2.1', source: 'Cellular0/1/0' },
    to: { peer: '192.0.2.1', source: 'GigabitEthernet0/0' },
    downForMs: 5000,
  },
  {
    ...env('e9'),
    kind: 'health-change',
    candidate: 'lte-hub1',
    from: 'good',
    to: 'bad',
    cause: { kind: 'quality', breaches: [{ metric: 'rttMs', value: 420, threshold: 300 }], via: 'tunnel' },
  },
  {
    ...env('e10'),
    kind: 'route-diff',
    table: 'ipv4/',
    added: 1,
    removed: 0,
    changed: 2,
    prefixes: { added: ['10.20.0.0/16'], removed: [], changed: ['0.0.0.0/0', '10.0.0.0/8'] },
  },
  {
    ...env('e11'),
    kind: 'route-violation',
    table: 'ipv4/',
    violations: [
      { kind: 'missing', prefix: '10.0.0.0/8', detail: 'no route covers it' },
      {
        kind: 'unexpected',
        prefix: '10.1.2.0/24',
        vrf: 'red',
        reason: 'too-specific',
        protocol: 'bgp',
        detail: 'longer than /16 allowed in 10.1.0.0/16',
      },
    ],
    total: 2,
  },
  { ...env('e12'), kind: 'command', tx: 'tx-1', cmd: 'force-path', keyId: 'ops-1', outcome: 'done' },
  { ...env('e13'), kind: 'command', tx: null, outcome: 'refused', code: 'malformed' },
  { ...env('e13b'), kind: 'command', tx: null, outcome: 'refused', count: 9120, codes: { malformed: 9000, 'bad-signature': 120 } },
  { ...env('e14'), kind: 'warning', code: 'PARSE_WARNING', message: 'line 12 not understood', subject: 'show ip sla statistics' },
  {
    ...env('e15'),
    kind: 'agent-health',
    component: 'router',
    status: 'degraded',
    code: 'ROUTER_HOSTKEY_MISMATCH',
    message: 'host key SHA256:... is not the pinned one',
  },
  { ...env('e16'), kind: 'agent-health', component: 'router', status: 'recovered', code: 'ROUTER_UNREACHABLE' },
  {
    ...env('e17'),
    kind: 'agent-health',
    component: 'drift',
    status: 'degraded',
    code: 'DRIFT_UNREPAIRED',
    message: 'intended fibre-hub1: track 111 down, want up (3 repairs tried)',
  },
  {
    ...env('e18'),
    kind: 'drift',
    action: 'detected',
    mode: 'enforce',
    drift: {
      status: 'repairing',
      intended: { candidate: 'fibre-hub1', released: false },
      tracks: [{ track: 111, want: 'up', seen: 'down' }],
      path: false,
      active: { peer: '192.0.2.1', source: 'GigabitEthernet0/0' },
      repairs: 1,
      sinceMs: 1_767_225_000_000,
    },
  },
  {
    ...env('e19'),
    kind: 'drift',
    action: 'repair-failed',
    mode: 'enforce',
    intended: { candidate: 'fibre-hub1', released: false },
    code: 'ROUTER_CLI_ERROR',
    message: '%Track type cannot be changed',
  },
  { ...env('e20'), kind: 'drift', action: 'mode-applied', mode: 'dry-run', applied: 'release', intended: { released: true } },
  { ...env('e20b'), kind: 'drift', action: 'detected', mode: 'enforce', drift: dualCloudDriftState.drift! },
  {
    ...env('e21'),
    kind: 'drift',
    action: 'path-reselect',
    mode: 'enforce',
    reason: {
      code: 'path-reselect',
      candidate: 'fibre-hub1',
      peer: '192.0.2.1',
      from: '192.0.2.2',
      goodSinceMs: 1_767_225_000_000,
      settleSec: 60,
      attempt: 1,
    },
  },
  {
    ...env('e22'),
    kind: 'drift',
    action: 'path-reselect-failed',
    mode: 'enforce',
    reason: {
      code: 'path-reselect-failed',
      candidate: 'fibre-hub1',
      peer: '192.0.2.1',
      from: '192.0.2.2',
      landed: '192.0.2.2',
      attempt: 1,
      retryAtMs: 1_767_225_060_000,
    },
  },
  {
    ...env('e27'),
    kind: 'decision',
    decision: {
      atMs: 1,
      action: 'switch',
      from: 'lte-hub1',
      to: 'fibre-hub2',
      dryRun: false,
      reason: { code: 'metered-failback', candidate: 'fibre-hub2', over: 'lte-hub1', goodSinceMs: 1, preemptDelaySec: 300 },
    },
  },
  {
    ...env('e29'),
    kind: 'decision',
    decision: {
      atMs: 1,
      action: 'switch',
      from: 'fibre-hub1',
      to: 'lte-hub1',
      dryRun: false,
      reason: {
        code: 'class-noncompliant',
        candidate: 'fibre-hub1',
        failed: [{ class: 'voice', breaches: [{ metric: 'jitterMs', value: 41.5, threshold: 30 }] }],
      },
    },
  },
  {
    ...env('e30'),
    kind: 'decision',
    decision: {
      atMs: 1,
      action: 'switch',
      from: 'fibre-hub1',
      to: 'lte-hub1',
      dryRun: false,
      reason: { code: 'class-best-of-worst', candidate: 'lte-hub1', excess: 1.2, over: 'fibre-hub1', overExcess: 2.6, bandPct: 25 },
    },
  },
  {
    ...env('e28'),
    kind: 'decision',
    decision: {
      atMs: 1,
      action: 'hold',
      from: 'fibre-hub1',
      dryRun: false,
      reason: { code: 'metered-budget-spent', candidate: 'lte-hub1', source: 'Cellular0/1/0' },
    },
  },
  {
    ...env('e24'),
    kind: 'metered',
    action: 'threshold',
    interface: 'Cellular0/1/0',
    pct: 80,
    periodBytes: 1_600_000_000,
    budgetBytes: 2_000_000_000,
    periodStartMs: 1_764_547_200_000,
  },
  {
    ...env('e25'),
    kind: 'metered',
    action: 'period-start',
    interface: 'Cellular0/1/0',
    periodStartMs: 1_767_225_600_000,
    previousStartMs: 1_764_547_200_000,
    previousBytes: 1_712_000_000,
  },
  { ...env('e26'), kind: 'metered', action: 'counters-reset', interface: 'Cellular0/1/0' },
  {
    ...env('e23'),
    kind: 'drift',
    action: 'path-reselected',
    mode: 'enforce',
    reason: { code: 'path-reselected', candidate: 'fibre-hub1', peer: '192.0.2.1', from: '192.0.2.2', attempt: 2, afterMs: 4_000 },
  },
  {
    ...env('e3b'),
    kind: 'decision',
    decision: {
      atMs: 1,
      action: 'switch',
      from: 'a',
      to: 'b',
      dryRun: false,
      reason: { code: 'router-forbids', candidate: 'a', peer: '192.0.2.1', source: 'GigabitEthernet0/0' },
    },
  },
  // A dual-cloud spoke: hub 1's BGP session went down; a shortcut to spoke 2 appeared, one moved, one takes a protected prefix.
  { ...env('e29'), kind: 'health-change', candidate: 'hub1', from: 'good', to: 'bad', cause: { kind: 'bgp-down', neighbor: '172.31.1.1' } },
  // Hub 1's quality track on the router (dualCloud.hubs[].qualityTrack) went Down, and the agent's latest runs agreed.
  {
    ...env('e33'),
    kind: 'health-change',
    candidate: 'hub1',
    from: 'good',
    to: 'bad',
    cause: { kind: 'router-track-down', track: 141, confirmedBy: [{ metric: 'lossPct', value: 12.67, threshold: 5 }] },
  },
  // A dual-cloud hub whose latest probes all showed the breach, with no track to wait for.
  {
    ...env('e34'),
    kind: 'health-change',
    candidate: 'hub1',
    from: 'good',
    to: 'bad',
    cause: { kind: 'quality', sustained: true, breaches: [{ metric: 'rttMs', value: 351, threshold: 250 }] },
  },
  {
    ...env('e30'),
    kind: 'shortcut',
    action: 'appeared',
    shortcut: { prefix: '10.20.13.0/24', via: '172.31.1.13', interface: 'Virtual-Access1', nbmaAddress: '192.0.2.50', expireSec: 7199 },
  },
  {
    ...env('e31'),
    kind: 'shortcut',
    action: 'moved',
    shortcut: { prefix: '10.20.13.0/24', via: '172.31.2.13', interface: 'Virtual-Access2' },
    wasVia: '172.31.1.13',
  },
  {
    ...env('e32'),
    kind: 'shortcut-violation',
    violations: [{ prefix: '10.0.1.0/24', via: '172.31.1.13', protectedPrefix: '10.0.0.0/16' }],
  },
];

export const routes: RoutesPayload = {
  ...env('a1-4'),
  family: 'ipv4',
  vrf: 'red',
  count: 2,
  truncated: false,
  routes: [
    {
      prefix: '0.0.0.0/0',
      protocol: 'static',
      code: 'S*',
      distance: 1,
      metric: 0,
      nextHops: [{ address: '198.51.100.1', interface: 'GigabitEthernet0/0' }],
    },
    { prefix: '10.0.0.0/8', protocol: 'nhrp', code: 'H', nextHops: [{ interface: 'Tunnel0' }] },
  ],
};

export const cmd: SignedCommand<'force-path'> = {
  ...env('c1'),
  tx: 'tx-1',
  site: 'site-1',
  node: 'spoke-1',
  cmd: 'force-path',
  args: { peer: '192.0.2.2', source: 'Cellular0/1/0', forSec: 3600 },
  exp: 1_767_225_660_000,
  nonce: 'q8Jc3E0Vh8W2p6sL0mXxVw',
  keyId: 'ops-1',
  sig: 'c2lnbmF0dXJl',
};

export const replies: ReplyPayload[] = [
  { ...env('r1'), tx: 'tx-1', cmd: 'force-path', ok: true, result: { untilMs: 1_767_229_200_000 } },
  { ...env('r2'), tx: 'tx-2', cmd: 'get-state', ok: false, error: { code: 'expired', message: 'expired 61000 ms ago' } },
  { ...env('r3'), tx: null, ok: false, error: { code: 'malformed', message: 'not JSON' } },
  { ...env('r4'), tx: 'tx-4', cmd: 'run-show', ok: false, error: { code: 'timeout', message: 'no result within 30000 ms' } },
];

/** Every example by leaf. */
export const EXAMPLES: { [L in keyof TopicPayloads]: TopicPayloads[L][] } = {
  status: [birth, will, goodbyeNotRestored],
  state: [
    state,
    degradedState,
    driftState,
    dualCloudDriftState,
    // A dual-cloud spoke whose hub 1 its latest probes judged bad at once.
    {
      ...state,
      id: 'a1-2-sustained',
      candidates: [badHub1({ kind: 'quality', sustained: true, breaches: [{ metric: 'lossPct', value: 12.4, threshold: 5 }] })],
    },
    // A dual-cloud spoke whose hub 1 the router's own quality track judged bad.
    {
      ...state,
      id: 'a1-2-track',
      candidates: [
        badHub1({ kind: 'router-track-down', track: 141, confirmedBy: [{ metric: 'rttMs', value: 351, threshold: 250 }] }),
        // Hub 2's track is Down too, on one burst its probes do not show: not acted on.
        {
          id: 'hub2',
          peer: '172.31.2.1',
          source: 'Tunnel2',
          verdict: 'good',
          sinceMs: 1_767_220_000_000,
          suppressed: false,
          trackUnconfirmed: 142,
        },
      ],
    },
    ...[events.find((e) => e.id === 'e29'), events.find((e) => e.id === 'e30')].map((e, i): StatePayload => ({
      ...state,
      id: `a1-2-class-${i}`,
      lastDecision: (e as Extract<EventPayload, { kind: 'decision' }>).decision,
    })),
  ],
  telemetry: [telemetry],
  event: events,
  routes: [routes],
  cmd: [cmd],
  reply: replies,
};
