import { SLA_RETURN_CODES } from '../records/health.js';
import { arrayOf, int, num, object, oneOfStrings, payload, str } from './common.js';

const count = int({ minimum: 0 });

/** A dual-cloud spoke's NHRP shortcut (proto/payloads.ts ShortcutTelemetry). */
export const shortcutSchema = object({ prefix: str(), via: str(), interface: str(), nbmaAddress: str(), expireSec: count }, [
  'prefix',
  'via',
  'interface',
]);

export const telemetrySchema = payload(
  'telemetry',
  {
    trigger: oneOfStrings('change', 'heartbeat'),
    sla: arrayOf(
      object(
        {
          operation: int({ minimum: 1 }),
          candidate: str(),
          returnCode: oneOfStrings(...SLA_RETURN_CODES),
          samples: count,
          lossPct: num({ minimum: 0, maximum: 100 }),
          rttMs: num({ minimum: 0 }),
          jitterMs: num({ minimum: 0 }),
        },
        ['operation', 'returnCode', 'samples', 'lossPct'],
      ),
    ),
    interfaces: arrayOf(
      object(
        {
          name: str(),
          status: oneOfStrings('up', 'down', 'administratively-down', 'deleted', 'reset', 'unknown'),
          lineProtocol: oneOfStrings('up', 'down', 'unknown'),
          inBitsPerSec: count,
          outBitsPerSec: count,
          inErrors: count,
          outErrors: count,
          outDrops: count,
        },
        ['name', 'status', 'lineProtocol'],
      ),
    ),
    ipsec: arrayOf(
      object(
        {
          peer: str(),
          interface: str(),
          sasUp: count,
          pktsEncaps: count,
          pktsDecaps: count,
          sendErrors: count,
          recvErrors: count,
        },
        ['peer', 'interface', 'sasUp', 'pktsEncaps', 'pktsDecaps', 'sendErrors', 'recvErrors'],
      ),
    ),
    metered: arrayOf(
      object(
        {
          interface: str(),
          periodStartMs: count,
          periodBytes: count,
          day: str(),
          dayBytes: count,
          budgetBytes: int({ minimum: 1 }),
          usedPct: num({ minimum: 0 }),
          spent: { type: 'boolean' },
          whenSpent: oneOfStrings('hard-failure-only', 'ignore'),
        },
        ['interface', 'periodStartMs', 'periodBytes', 'day', 'dayBytes', 'budgetBytes', 'usedPct', 'spent', 'whenSpent'],
      ),
    ),
    classes: arrayOf(
      object(
        {
          candidate: str(),
          class: str(),
          compliance: oneOfStrings('unknown', 'meets', 'fails'),
          critical: { type: 'boolean' },
          sinceMs: count,
          samples: count,
          lossPct: num({ minimum: 0, maximum: 100 }),
          rttMs: num({ minimum: 0 }),
          jitterMs: num({ minimum: 0 }),
          breaches: arrayOf(
            object({ metric: oneOfStrings('lossPct', 'rttMs', 'jitterMs'), value: num(), threshold: num() }, [
              'metric',
              'value',
              'threshold',
            ]),
          ),
        },
        ['candidate', 'class', 'compliance', 'critical', 'sinceMs', 'samples', 'lossPct', 'breaches'],
      ),
    ),
    shortcuts: arrayOf(shortcutSchema),
  },
  ['trigger', 'sla', 'interfaces', 'ipsec'],
);
