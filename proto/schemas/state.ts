import { arrayOf, bool, epochMs, int, num, object, oneOfStrings, payload, str, type Schema } from './common.js';

export const statusSchema = payload(
  'status',
  {
    state: oneOfStrings('online', 'offline'),
    session: int({ minimum: 0 }),
    reason: oneOfStrings('connection-lost', 'shutdown'),
    restore: oneOfStrings('verified', 'skipped', 'failed', 'timeout', 'unverified'),
    restoreCode: str(),
    agentVersion: str(),
    instance: str({ minLength: 1, maxLength: 64 }),
  },
  ['state', 'session'],
);

const verdict = oneOfStrings('unknown', 'good', 'bad');

const breachSchema = object({ metric: oneOfStrings('lossPct', 'rttMs', 'jitterMs'), value: num(), threshold: num() }, [
  'metric',
  'value',
  'threshold',
]);

export const badCauseSchema: Schema = {
  oneOf: [
    object(
      {
        kind: { const: 'quality' },
        breaches: arrayOf(breachSchema),
        via: oneOfStrings('tunnel'),
        sustained: { const: true },
      },
      ['kind', 'breaches'],
    ),
    object({ kind: { const: 'interface-down' }, interface: str() }, ['kind', 'interface']),
    object({ kind: { const: 'unreachable' }, consecutiveTimeouts: int({ minimum: 0 }), via: oneOfStrings('tunnel') }, [
      'kind',
      'consecutiveTimeouts',
    ]),
    object({ kind: { const: 'bgp-down' }, neighbor: str() }, ['kind', 'neighbor']),
    object({ kind: { const: 'router-track-down' }, track: int({ minimum: 1 }), confirmedBy: arrayOf(breachSchema) }, ['kind', 'track']),
  ],
};

/** A service class a path fails, with what is beyond the class's level. */
export const classBreachesSchema = object({ class: str(), breaches: arrayOf(breachSchema) }, ['class', 'breaches']);

const reason = (code: string, properties: Record<string, Schema>, required: string[]): Schema =>
  object({ code: { const: code }, ...properties }, ['code', ...required]);

export const reasonSchema: Schema = {
  oneOf: [
    reason('adopted', { candidate: str() }, ['candidate']),
    reason('adopted-unknown-path', { peer: str(), source: str() }, []),
    reason('current-bad', { candidate: str(), cause: badCauseSchema, sinceMs: epochMs }, ['candidate', 'cause', 'sinceMs']),
    reason('current-suppressed', { candidate: str(), penalty: num() }, ['candidate', 'penalty']),
    reason('router-forbids', { candidate: str(), peer: str(), source: str() }, ['candidate']),
    reason('preempt', { candidate: str(), over: str(), goodSinceMs: epochMs, preemptDelaySec: num({ minimum: 0 }) }, [
      'candidate',
      'over',
      'goodSinceMs',
      'preemptDelaySec',
    ]),
    reason('override', { by: str(), untilMs: epochMs, peer: str(), source: str() }, ['by', 'untilMs']),
    reason('override-ended', { by: str() }, ['by']),
    reason('all-down', { behaviour: oneOfStrings('hold', 'release', 'least-bad') }, ['behaviour']),
    reason('steer-failed', { candidate: str(), errorCode: str() }, ['candidate', 'errorCode']),
    reason('metered-failback', { candidate: str(), over: str(), goodSinceMs: epochMs, preemptDelaySec: num({ minimum: 0 }) }, [
      'candidate',
      'over',
      'goodSinceMs',
      'preemptDelaySec',
    ]),
    reason('metered-budget-spent', { candidate: str(), source: str() }, ['candidate', 'source']),
    reason('class-noncompliant', { candidate: str(), failed: arrayOf(classBreachesSchema) }, ['candidate', 'failed']),
    reason(
      'class-best-of-worst',
      {
        candidate: str(),
        excess: num({ minimum: 0 }),
        over: str(),
        overExcess: num({ minimum: 0 }),
        bandPct: num({ minimum: 0 }),
      },
      ['candidate', 'excess', 'over', 'overExcess', 'bandPct'],
    ),
  ],
};

/** proto/payloads.ts PathRepairReasonPayload. */
export const pathRepairReasonSchema: Schema = {
  oneOf: [
    reason(
      'path-reselect',
      {
        candidate: str(),
        peer: str(),
        from: str(),
        goodSinceMs: epochMs,
        settleSec: int({ minimum: 0 }),
        attempt: int({ minimum: 1 }),
      },
      ['candidate', 'peer', 'from', 'goodSinceMs', 'settleSec', 'attempt'],
    ),
    reason('path-reselected', { candidate: str(), peer: str(), from: str(), attempt: int({ minimum: 1 }), afterMs: int({ minimum: 0 }) }, [
      'candidate',
      'peer',
      'from',
      'attempt',
      'afterMs',
    ]),
    reason(
      'path-reselect-failed',
      {
        candidate: str(),
        peer: str(),
        from: str(),
        landed: str(),
        attempt: int({ minimum: 1 }),
        retryAtMs: epochMs,
      },
      ['candidate', 'peer', 'from', 'attempt', 'retryAtMs'],
    ),
  ],
};

export const decisionSchema = object(
  {
    atMs: epochMs,
    action: oneOfStrings('adopt', 'switch', 'release', 'hold'),
    from: str(),
    to: str(),
    reason: reasonSchema,
    dryRun: bool,
    deferredUntilMs: epochMs,
  },
  ['atMs', 'action', 'reason', 'dryRun'],
);

export const degradationSchema = object(
  {
    component: oneOfStrings('store', 'router', 'drift', 'preflight', 'identity'),
    code: str(),
    message: str(),
    sinceMs: epochMs,
  },
  ['component', 'code', 'message', 'sinceMs'],
);

export const intendedSchema = object({ candidate: str(), released: bool }, ['released']);

export const driftSchema = object(
  {
    status: oneOfStrings('repairing', 'unrepaired', 'dry-run', 'held'),
    intended: intendedSchema,
    tracks: arrayOf(
      object(
        {
          track: int({ minimum: 1, maximum: 1000 }),
          want: oneOfStrings('up', 'down'),
          seen: oneOfStrings('up', 'down', 'not-stub', 'missing'),
        },
        ['track', 'want', 'seen'],
      ),
    ),
    path: bool,
    active: object({ peer: str(), source: str() }),
    repairs: int({ minimum: 0 }),
    sinceMs: epochMs,
    routeMaps: arrayOf(str()),
  },
  ['status', 'intended', 'tracks', 'path', 'active', 'repairs', 'sinceMs'],
);

export const stateSchema = payload(
  'state',
  {
    health: object({ status: oneOfStrings('ok', 'degraded'), degraded: arrayOf(degradationSchema) }, ['status', 'degraded']),
    client: str(),
    mode: oneOfStrings('enforce', 'dry-run'),
    active: object({ peer: str(), source: str(), candidate: str() }),
    selected: str(),
    released: bool,
    override: object({ peer: str(), source: str(), untilMs: epochMs, by: str() }, ['untilMs', 'by']),
    candidates: arrayOf(
      object(
        {
          id: str(),
          peer: str(),
          source: str(),
          verdict,
          sinceMs: epochMs,
          cause: badCauseSchema,
          suppressed: bool,
          trackUnconfirmed: int({ minimum: 1 }),
        },
        ['id', 'peer', 'source', 'verdict', 'sinceMs', 'suppressed'],
      ),
    ),
    tunnel: object(
      {
        interface: str(),
        lineProtocol: oneOfStrings('up', 'down', 'unknown'),
        ikeSa: oneOfStrings('ready', 'in-negotiation', 'deleted', 'unknown', 'none'),
        ipsecSas: int({ minimum: 0 }),
      },
      ['lineProtocol', 'ikeSa', 'ipsecSas'],
    ),
    lastDecision: decisionSchema,
    drift: driftSchema,
  },
  ['mode', 'active', 'released', 'candidates', 'tunnel'],
);
