/**
 * Red-team finding 1: ~4 MB of `[[],[],…]` on `cmd`, published retained, used
 * to run the IOx heap (64 MB) out inside JSON.parse on every start. The agent's
 * MQTT stack runs here in a child with that heap against a real mosquitto.
 * (SPOKEPILOT_TEST_MAX_PAYLOAD=100000000 turns the limit off: the child then
 * dies with "JavaScript heap out of memory", as the shipped agent did.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyPayload } from '../../../proto/commands.js';
import { DEFAULT_ROOT, nodeTopics } from '../../../proto/topics.js';
import { AT, command, testKeys } from '../../unit/commands/command-kit.js';
import { tempDir } from '../../support/temp-dir.js';
import { MOSQUITTO_BIN, startMosquitto, type Mosquitto } from './mosquitto-harness.js';
import { Observer } from './observer.js';
import { waitFor } from './wait.js';

const CHILD = fileURLToPath(new URL('./small-heap-agent-child.ts', import.meta.url));
const IOX_HEAP = ['--max-old-space-size=64', '--max-semi-space-size=1'];
const topics = nodeTopics(DEFAULT_ROOT, AT);

/** 6 MB of empty arrays: parsed, millions of JS arrays, far over a 64 MB heap. */
const nestedArrays = (mb: number) => {
  const k = Math.floor((mb * 1024 * 1024) / 3);
  return Buffer.from('[' + '[],'.repeat(k - 1) + '[]]');
};

interface Agent {
  child: ChildProcess;
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startAgent(url: string, protocol: 4 | 5, dir: string, publicPem: string): Agent {
  const child = spawn(process.execPath, [...IOX_HEAP, '--import', 'tsx', CHILD, url, String(protocol), dir], {
    env: { ...process.env, SPOKEPILOT_TEST_PUBKEY: publicPem },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    const parts = out.split('\n');
    out = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, lines, exited };
}

/** A condition that fails at once when the agent died (as it did, out of memory, before the size limit). */
const whileAlive = (a: Agent, cond: () => boolean) => () => {
  if (a.child.exitCode !== null || a.child.signalCode !== null) throw new Error(`agent died: ${a.child.exitCode ?? a.child.signalCode}`);
  return cond();
};

async function stopAgent(a: Agent): Promise<{ stats: Record<string, number>; calls: string[] }> {
  a.child.kill('SIGTERM');
  expect(await a.exited).toEqual({ code: 0, signal: null });
  return JSON.parse(a.lines.find((l) => l.startsWith('{"stats"'))!);
}

describe.skipIf(!MOSQUITTO_BIN)('oversized and retained commands (mosquitto, 64 MB heap child)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let broker: Mosquitto;
  let operator: Observer;
  const keys = testKeys();
  const publicPem = keys.ops.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  beforeAll(async () => {
    tmp = tempDir('spokepilot-oversized-');
    broker = (await startMosquitto(tmp.dir))!;
    operator = await Observer.connect(broker.url, topics.reply);
  });
  afterAll(async () => {
    await operator?.client.publishAsync(topics.cmd, '', { qos: 1, retain: true }).catch(() => {});
    await operator?.close();
    await broker?.stop();
    tmp?.cleanup();
  });

  const replies = () => operator.on('reply').map((s) => s.body as unknown as ReplyPayload);
  const code = (r: ReplyPayload | undefined) => (r ? (r.ok ? 'ok' : r.error.code) : undefined);
  const ask = async (payload: object, tx: string, retain = false): Promise<ReplyPayload> => {
    await operator.client.publishAsync(topics.cmd, JSON.stringify(payload), { qos: 1, retain });
    return (await operator.waitFor((s) => s.body.tx === tx, `reply to ${tx}`, 20_000)).body as unknown as ReplyPayload;
  };

  it('MQTT 3.1.1: a retained 6 MB nested-array command is refused unparsed as too-large, answered, and the agent lives on', async () => {
    await operator.client.publishAsync(topics.cmd, nestedArrays(6), { qos: 1, retain: true });
    const agent = startAgent(broker.url, 4, join(tmp.dir, 'agent-v4'), publicPem);
    try {
      await waitFor(
        whileAlive(agent, () => replies().some((r) => code(r) === 'too-large')),
        30_000,
        'the too-large refusal',
      );
      expect(replies().find((r) => code(r) === 'too-large')).toMatchObject({ tx: null, ok: false });
      const get = command(keys, 'get-state', {});
      expect(code(await ask(get, get.tx))).toBe('ok');
      const { stats, calls } = await stopAgent(agent);
      expect(stats).toMatchObject({ unauthenticatedRefusals: 1, journalFailures: 0 });
      expect(calls).toEqual(['getState']);
    } finally {
      agent.child.kill('SIGKILL');
    }
  }, 60_000);

  it('MQTT 5: the broker drops the 6 MB retained message (Maximum Packet Size) and the agent answers commands', async () => {
    const before = replies().length;
    const agent = startAgent(broker.url, 5, join(tmp.dir, 'agent-v5'), publicPem);
    try {
      await waitFor(
        whileAlive(agent, () => agent.lines.includes('{"ready":true}')),
        30_000,
        'the agent to connect',
      );
      const get = command(keys, 'get-state', {});
      expect(code(await ask(get, get.tx))).toBe('ok');
      // Replies come in the order the agent handled messages; the retained one would have come first.
      expect(replies().slice(before).map(code)).toEqual(['ok']);
      const { stats } = await stopAgent(agent);
      expect(stats.unauthenticatedRefusals).toBe(0);
    } finally {
      agent.child.kill('SIGKILL');
    }
  }, 60_000);

  it('a retained signed command is refused as retained and never carried out, on subscribe and (MQTT 5) live', async () => {
    const stored = command(keys, 'force-path', { source: 'Cellular0/1/0', forSec: 60 }, { tx: 'retained-1' });
    await operator.client.publishAsync(topics.cmd, JSON.stringify(stored), { qos: 1, retain: true });
    const agent = startAgent(broker.url, 5, join(tmp.dir, 'agent-retained'), publicPem);
    try {
      await waitFor(
        whileAlive(agent, () => replies().some((r) => r.tx === 'retained-1')),
        30_000,
        'the refusal of the stored command',
      );
      expect(code(replies().find((r) => r.tx === 'retained-1'))).toBe('retained');
      const live = command(keys, 'clear-override', {}, { tx: 'retained-live' });
      expect(code(await ask(live, 'retained-live', true))).toBe('retained');
      const { calls, stats } = await stopAgent(agent);
      expect(calls).toEqual([]);
      expect(stats.unauthenticatedRefusals).toBe(2);
    } finally {
      agent.child.kill('SIGKILL');
    }
  }, 60_000);
});
