/**
 * A degraded agent still serves (red-team findings 6 and 11): the lab spoke
 * over SSH, the agent in this process, the embedded aedes broker and an
 * operator's client. A corrupt database is moved aside and recreated; a
 * database that cannot be used leaves journal and outbox in memory; a router
 * whose host key does not match is reported. In every case the spoke
 * publishes its birth and state, answers signed commands, and says
 * `degraded` with the reason in /healthz, /status and on MQTT.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { startAgent, type RunningAgent } from '../../agent/compose.js';
import type { AgentConfig } from '../../agent/config/types.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { buildSignedCommand, generateSigningKey, parsePrivateKey } from '../../proto/command-signing.js';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import { agentClockFrom } from '../../lab/harness/clock-bridge.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../lab/embedded-broker.js';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { ScaledClock } from '../../lab/world/clock.js';
import { tempDir } from '../support/temp-dir.js';

const tmp = tempDir('spokepilot-degraded-');
const key = generateSigningKey();
let clock: ScaledClock;
let spoke: LabSpoke;
let broker: EmbeddedBroker;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function configFor(name: string, dbPath: string, change?: (c: AgentConfig) => void): AgentConfig {
  const c = labAgentConfig(spoke.router.world, {
    sshPort: spoke.ssh.port, hostKeySha256: spoke.ssh.fingerprint, dbPath, mqttUrl: broker.url,
    commandKeys: [{ id: 'noc-1', publicKey: key.publicPem }],
  });
  c.node = name;
  change?.(c);
  return c;
}

/** Runs an agent and an operator watching its subtree; returns what the operator saw and a command sender. */
async function withAgent(config: AgentConfig, body: (a: {
  agent: RunningAgent; seen: { topic: string; body: Record<string, unknown> }[]; health: () => Promise<Record<string, unknown>>;
  command: (tx: string) => Promise<Record<string, unknown>>;
}) => Promise<void>): Promise<void> {
  const operator = await mqtt.connectAsync(broker.url, { clientId: `operator-${config.node}` });
  const seen: { topic: string; body: Record<string, unknown> }[] = [];
  operator.on('message', (topic, payload) => seen.push({ topic, body: JSON.parse(payload.toString()) as Record<string, unknown> }));
  await operator.subscribeAsync(`spokepilot/v1/lab/${config.node}/#`, { qos: 1 });
  const agent = await startAgent(config, { log: silentLogger, clock: agentClockFrom(clock) });
  try {
    await body({
      agent, seen,
      health: async () => (await (await fetch(`http://127.0.0.1:${agent.httpPort}/healthz`)).json()) as Record<string, unknown>,
      command: async (tx) => {
        const cmd = buildSignedCommand({ site: 'lab', node: config.node, cmd: 'get-state', args: {}, keyId: 'noc-1', nowMs: Date.now(), tx }, parsePrivateKey(key.privatePem));
        await operator.publishAsync(`spokepilot/v1/lab/${config.node}/cmd`, JSON.stringify(cmd), { qos: 1 });
        return waitFor(`the reply to ${tx}`, () => seen.find((m) => m.topic.endsWith('/reply') && m.body.tx === tx)?.body);
      },
    });
  } finally {
    await agent.stop('test over', 5000);
    await operator.endAsync();
  }
}

const published = (seen: { topic: string; body: Record<string, unknown> }[], leaf: string) => seen.filter((m) => m.topic.endsWith(`/${leaf}`)).map((m) => m.body);

describe('a degraded agent keeps serving and says why', () => {
  beforeAll(async () => {
    clock = new ScaledClock(1);
    spoke = await startLabSpoke({ clock, seed: 3, users: [{ username: 'agent', password: 'agent', privilege: 15 }] });
    broker = await startEmbeddedBroker();
  });
  afterAll(async () => {
    await broker.stop();
    await spoke.stop();
    clock.clearAll();
    tmp.cleanup();
  });

  it('a corrupt database is moved aside and recreated; the spoke publishes, answers, and says degraded', async () => {
    const dir = join(tmp.dir, 'corrupt');
    mkdirSync(dir);
    const dbPath = join(dir, 'spokepilot.db');
    writeFileSync(dbPath, Buffer.concat([Buffer.from('GARBAGE, NOT A DATABASE'), Buffer.alloc(8192, 0x5a)]));
    await withAgent(configFor('corrupt', dbPath), async ({ agent, seen, health, command }) => {
      expect(agent.degradations.list()).toEqual([expect.objectContaining({ component: 'store', code: 'STORE_RECREATED' })]);
      expect(readdirSync(dir).some((f) => f.startsWith('spokepilot.db.corrupt-'))).toBe(true); // kept for forensics
      expect(existsSync(dbPath)).toBe(true);
      await waitFor('birth', () => published(seen, 'status').some((s) => s.state === 'online'));
      expect(await command('tx-corrupt')).toMatchObject({ ok: true });
      expect(await health()).toMatchObject({ status: 'degraded', degraded: [expect.objectContaining({ code: 'STORE_RECREATED' })] });
      await waitFor('an agent-health event naming the store', () => published(seen, 'event').some((e) => e.kind === 'agent-health' && e.status === 'degraded' && e.code === 'STORE_RECREATED'));
      await waitFor('the retained state to say degraded', () => published(seen, 'state').some((s) => (s.health as { status: string } | undefined)?.status === 'degraded'));
    });
  }, 60_000);

  it('a database that cannot be opened leaves journal and outbox in memory; the spoke still publishes and answers', async () => {
    const dbPath = join(tmp.dir, 'a-directory.db');
    mkdirSync(dbPath); // SQLite cannot open a directory: as good as a file it may not write
    await withAgent(configFor('nodisk', dbPath), async ({ agent, seen, health, command }) => {
      expect(agent.degradations.list()).toEqual([expect.objectContaining({ component: 'store', code: 'STORE_IN_MEMORY' })]);
      await waitFor('birth', () => published(seen, 'status').some((s) => s.state === 'online'));
      await waitFor('state', () => published(seen, 'state').length > 0);
      expect(await command('tx-nodisk')).toMatchObject({ ok: true });
      expect(await health()).toMatchObject({ status: 'degraded', degraded: [expect.objectContaining({ code: 'STORE_IN_MEMORY' })] });
      const status = (await (await fetch(`http://127.0.0.1:${agent.httpPort}/status`)).json()) as { health: { status: string }; mqtt: unknown };
      expect(status.health.status).toBe('degraded');
      expect(status.mqtt).not.toBeNull();
    });
  }, 60_000);

  it('a router whose host key does not match is reported at once: /healthz, an agent-health event, and a goodbye saying the restore failed', async () => {
    const wrongKey = `SHA256:${'A'.repeat(43)}`;
    await withAgent(configFor('mitm', join(tmp.dir, 'mitm.db'), (c) => { c.router.ssh!.hostKeySha256 = wrongKey; }), async ({ agent, seen, health, command }) => {
      await waitFor('healthz to say degraded', async () => {
        const h = await health();
        return h.status === 'degraded' ? h : undefined;
      });
      expect(await health()).toMatchObject({ degraded: [expect.objectContaining({ component: 'router', code: 'ROUTER_HOSTKEY_MISMATCH' })] });
      await waitFor('an agent-health event', () => published(seen, 'event').some((e) => e.kind === 'agent-health' && e.code === 'ROUTER_HOSTKEY_MISMATCH'));
      expect(await command('tx-mitm')).toMatchObject({ ok: true }); // still answers the NOC
      // Its goodbye says the router could not be restored (it could not even be reached).
      const restore = await agent.stop('test over', 5000);
      expect(['failed', 'timeout']).toContain(restore.outcome);
      const goodbye = await waitFor('the goodbye', () => published(seen, 'status').find((s) => s.state === 'offline' && s.reason === 'shutdown'));
      expect(goodbye).toMatchObject({ restore: restore.outcome, restoreCode: expect.any(String) });
    });
  }, 60_000);
});
