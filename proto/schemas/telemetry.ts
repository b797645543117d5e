import { arrayOf, int, num, object, oneOfStrings, payload, str } from './common.js';

const count = int({ minimum: 0 });

export const telemetrySchema = payload('telemetry', {
  trigger: oneOfStrings('change', 'heartbeat'),
  sla: arrayOf(object({
    operation: int({ minimum: 1 }),
    candidate: str(),
    returnCode: oneOfStrings('ok', 'timeout', 'over-threshold', 'no-connection', 'busy', 'unknown'),
    samples: count,
    lossPct: num({ minimum: 0, maximum: 100 }),
    rttMs: num({ minimum: 0 }),
    jitterMs: num({ minimum: 0 }),
  }, ['operation', 'returnCode', 'samples', 'lossPct'])),
  interfaces: arrayOf(object({
    name: str(),
    status: oneOfStrings('up', 'down', 'administratively-down', 'deleted', 'reset', 'unknown'),
    lineProtocol: oneOfStrings('up', 'down', 'unknown'),
    inBitsPerSec: count,
    outBitsPerSec: count,
    inErrors: count,
    outErrors: count,
    outDrops: count,
  }, ['name', 'status', 'lineProtocol'])),
  ipsec: arrayOf(object({
    peer: str(), interface: str(), sasUp: count, pktsEncaps: count, pktsDecaps: count, sendErrors: count, recvErrors: count,
  }, ['peer', 'interface', 'sasUp', 'pktsEncaps', 'pktsDecaps', 'sendErrors', 'recvErrors'])),
}, ['trigger', 'sla', 'interfaces', 'ipsec']);
