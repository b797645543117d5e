/** Command round trips through a real broker, every refusal included, and a replay after an agent restart. */
import { expect } from 'vitest';
import type { ReplyPayload } from '../../../proto/commands.js';
import { command, recordingTarget, resign, testKeys, AT } from '../../unit/commands/command-kit.js';
import { agentStack } from './agent-stack.js';
import { Observer } from './observer.js';
import { FAST_BACKOFF, type BrokerConn } from './scenarios.js';
import { waitFor } from './wait.js';

export async function commandRoundTrips(conn: BrokerConn, dir: string): Promise<void> {
  const keys = testKeys();
  const target = recordingTarget();
  const make = () =>
    agentStack({
      dir,
      at: AT,
      broker: { ...conn, backoff: FAST_BACKOFF, clientId: `cmd-agent-${Math.random()}` },
      keys: keys.configured,
      target,
    });
  let stack = make();
  const operator = await Observer.connect(conn.url, stack.topics.reply);
  const ask = async (payload: unknown, tx: string | null): Promise<ReplyPayload> => {
    const before = operator.seen.length;
    await operator.client.publishAsync(stack.topics.cmd, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 });
    const hit = await operator.waitFor((s) => operator.seen.indexOf(s) >= before && s.body.tx === tx, `reply to ${tx}`);
    return hit.body as unknown as ReplyPayload;
  };
  try {
    await stack.start();
    await waitFor(() => stack.broker.listening, 10_000, 'agent connected and subscribed');

    const get = command(keys, 'get-state', {});
    expect(await ask(get, get.tx)).toMatchObject({
      ok: true,
      cmd: 'get-state',
      result: { state: { active: { candidate: 'fibre-hub1' } } },
    });
    const force = command(keys, 'force-path', { source: 'Cellular0/1/0', forSec: 900 });
    expect(await ask(force, force.tx)).toMatchObject({ ok: true, result: { untilMs: expect.any(Number) } });
    expect(target.calls.at(-1)).toMatchObject({ method: 'forcePath', arg: { source: 'Cellular0/1/0', by: keys.ops.id } });
    const show = command(keys, 'run-show', { command: 'show version' });
    expect(await ask(show, show.tx)).toMatchObject({ ok: true, result: { output: target.showOutput, truncated: false } });

    const now = Date.now();
    const { sig: _s, keyId: _k, ...unsigned } = command(keys, 'get-state', {}, { tx: 'unsigned-1' });
    const refusals: [string, unknown, string | null][] = [
      ['malformed', '{not json', null],
      ['unsigned', unsigned, 'unsigned-1'],
      ['unknown-key', resign({ ...command(keys, 'get-state', {}, { tx: 'rogue-1' }), keyId: 'rogue' }, keys.rogue.privateKey), 'rogue-1'],
      ['bad-signature', { ...command(keys, 'clear-override', {}, { tx: 'tamper-1' }), cmd: 'rebirth' }, 'tamper-1'],
      ['wrong-target', command(keys, 'get-state', {}, { node: 'spoke-99', tx: 'other-1' }), 'other-1'],
      ['expired', command(keys, 'get-state', {}, { nowMs: now - 600_000, tx: 'old-1' }), 'old-1'],
      ['not-yet-valid', command(keys, 'get-state', {}, { nowMs: now + 600_000, tx: 'future-1' }), 'future-1'],
      ['lifetime-too-long', command(keys, 'get-state', {}, { ttlSec: 86_400, tx: 'long-1' }), 'long-1'],
      ['replayed', get, get.tx],
      [
        'unknown-command',
        resign({ ...command(keys, 'get-state', {}, { tx: 'unknown-1' }), cmd: 'write-memory' as 'get-state' }, keys.ops.privateKey),
        'unknown-1',
      ],
      ['invalid-args', command(keys, 'force-path', { forSec: 0 }, { tx: 'args-1' }), 'args-1'],
      ['not-allowed', command(keys, 'run-show', { command: 'show running-config' }, { tx: 'show-1' }), 'show-1'],
    ];
    for (const [code, payload, tx] of refusals) {
      const r = await ask(payload, tx);
      expect(r.ok ? 'ok' : r.error.code, code).toBe(code);
    }
    // Every command and refusal is in the journal.
    const journaled = stack.journal.query({ kinds: ['command'] });
    expect(
      journaled.filter(
        (e) => (e.data as { outcome: string }).outcome === 'refused' || (e.data as { outcome: string }).outcome === 'failed',
      ),
    ).toHaveLength(refusals.length);

    // A restarted agent still refuses a replay (the nonce came back from the journal).
    await stack.stop();
    stack = make();
    await stack.start();
    await waitFor(() => stack.broker.listening, 10_000, 'agent reconnected and subscribed');
    const replay = await ask(force, force.tx);
    expect(replay).toMatchObject({ ok: false, error: { code: 'replayed' } });
  } finally {
    await stack.stop().catch(() => {});
    await operator.close();
  }
}
