import { arrayOf, int, object, oneOfStrings, payload, peerSource, str, type Schema } from './common.js';
import { shortcutSchema } from './telemetry.js';
import { badCauseSchema, decisionSchema, driftSchema, intendedSchema, pathRepairReasonSchema } from './state.js';

const verdict = oneOfStrings('unknown', 'good', 'bad');
const count = int({ minimum: 0 });
const event = (kind: string, properties: Record<string, Schema>, required: string[]): Schema =>
  payload(`event ${kind}`, { kind: { const: kind }, ...properties }, ['kind', ...required]);

export const eventSchema: Schema = {
  title: 'event',
  oneOf: [
    event('decision', { decision: decisionSchema }, ['decision']),
    event('path-change', { from: peerSource, to: peerSource, downForMs: count }, ['from', 'to']),
    event('health-change', { candidate: str(), from: verdict, to: verdict, cause: badCauseSchema }, ['candidate', 'from', 'to']),
    event(
      'route-diff',
      {
        table: str(),
        added: count,
        removed: count,
        changed: count,
        prefixes: object({ added: arrayOf(str()), removed: arrayOf(str()), changed: arrayOf(str()) }, ['added', 'removed', 'changed']),
      },
      ['table', 'added', 'removed', 'changed'],
    ),
    event(
      'route-violation',
      {
        table: str(),
        violations: arrayOf(
          object(
            {
              kind: oneOfStrings('missing', 'unexpected'),
              prefix: str(),
              vrf: str(),
              reason: oneOfStrings('outside-allowed', 'too-specific'),
              protocol: str(),
              detail: str(),
            },
            ['kind', 'prefix', 'detail'],
          ),
        ),
        total: count,
      },
      ['table', 'violations', 'total'],
    ),
    event(
      'command',
      {
        tx: { type: ['string', 'null'] },
        cmd: str(),
        keyId: str(),
        outcome: oneOfStrings('done', 'failed', 'refused'),
        code: str(),
        count: int({ minimum: 1 }),
        codes: { type: 'object', additionalProperties: int({ minimum: 1 }) },
      },
      ['tx', 'outcome'],
    ),
    event('warning', { code: str(), message: str(), subject: str() }, ['code', 'message']),
    event(
      'agent-health',
      {
        component: oneOfStrings('store', 'router', 'drift', 'preflight', 'identity'),
        status: oneOfStrings('degraded', 'recovered'),
        code: str(),
        message: str(),
      },
      ['component', 'status', 'code'],
    ),
    event(
      'drift',
      {
        action: oneOfStrings(
          'detected',
          'raised',
          'resolved',
          'repair-applied',
          'repair-failed',
          'mode-applied',
          'path-reselect',
          'path-reselected',
          'path-reselect-failed',
        ),
        mode: oneOfStrings('enforce', 'dry-run'),
        drift: driftSchema,
        intended: intendedSchema,
        applied: oneOfStrings('release', 'steer', 'none'),
        code: str(),
        message: str(),
        reason: pathRepairReasonSchema,
      },
      ['action', 'mode'],
    ),
    event(
      'metered',
      {
        action: oneOfStrings('threshold', 'period-start', 'counters-reset'),
        interface: str(),
        pct: int({ minimum: 1 }),
        periodBytes: count,
        budgetBytes: int({ minimum: 1 }),
        periodStartMs: count,
        previousStartMs: count,
        previousBytes: count,
      },
      ['action', 'interface'],
    ),
    event('shortcut', { action: oneOfStrings('appeared', 'gone', 'moved'), shortcut: shortcutSchema, wasVia: str() }, [
      'action',
      'shortcut',
    ]),
    event(
      'shortcut-violation',
      { violations: arrayOf(object({ prefix: str(), via: str(), protectedPrefix: str() }, ['prefix', 'via', 'protectedPrefix'])) },
      ['violations'],
    ),
  ],
};
