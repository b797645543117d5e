import { describe, expect, it } from 'vitest';
import { noReplyMessage } from '../../../agent/cli/no-reply.js';

// A fixed local midday: two minutes before Date.now() just after midnight is yesterday, which the
// message dates in full (and the test failed from 00:00 to 00:02).
const o = { tx: 'tx-1', node: 'lyon/r2', waitedSec: 10, nowMs: new Date(2026, 11, 7, 12, 0, 0).getTime() };

describe('fleet send without a reply blames what the evidence blames', () => {
  it('the broker, when it never acknowledged the command or was lost', () => {
    expect(noReplyMessage({ acked: false, lostBroker: true }, o)).toBe(
      'no reply to tx-1 within 10 s: the broker never acknowledged the command (the connection to it was lost), so lyon/r2 may not have it',
    );
    expect(noReplyMessage({ acked: true, lostBroker: true }, o)).toMatch(/the broker took the command, then the connection to it was lost/);
  });

  it('the spoke, only by its own status', () => {
    expect(
      noReplyMessage({ acked: true, lostBroker: false, status: { state: 'offline', reason: 'connection-lost', ts: o.nowMs - 120_000 } }, o),
    ).toMatch(/lyon\/r2 is offline since \d\d:\d\d:\d\d \(2 min ago\) \(connection-lost\)/);
    expect(noReplyMessage({ acked: true, lostBroker: false, status: { state: 'online', ts: o.nowMs } }, o)).toMatch(
      /lyon\/r2 is online since .* but it did not answer/,
    );
  });
});
