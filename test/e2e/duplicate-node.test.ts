/**
 * Two agents configured with one site/node (a copied configuration) used to
 * overwrite each other's state silently. Each now stamps its status with an
 * instance id; both report the other as DUPLICATE_NODE in /healthz, /status,
 * the MQTT state, an agent-health event and their journals. Real SSH to the
 * lab, the embedded aedes broker, both agents in this process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt from 'mqtt';
import { join } from 'node:path';
import { startAgent, type RunningAgent } from '../../agent/compose/start-agent.js';
import type { AgentConfig } from '../../agent/config/types.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { agentOperatorRig, waitFor, type AgentOperatorRig } from '../support/agent-operator.js';
import { runCli } from '../support/run-cli.js';
import { tempDir } from '../support/temp-dir.js';

const tmp = tempDir('spokepilot-twins-');
let rig: AgentOperatorRig;

const healthz = async (a: RunningAgent) =>
  (await (await fetch(`http://127.0.0.1:${a.httpPort}/healthz`)).json()) as {
    status: string;
    degraded?: { component: string; code: string; message: string }[];
  };
const duplicateReported = async (a: RunningAgent) => (await healthz(a)).degraded?.find((d) => d.code === 'DUPLICATE_NODE');

describe('two agents with the same site/node', () => {
  beforeAll(async () => {
    rig = await agentOperatorRig();
  });
  afterAll(async () => {
    await rig.close();
    tmp.cleanup();
  });

  /** Two agents for lab/<node>; the second in dry-run so they do not also fight over the router. */
  async function twins(node: string, clientIds?: [string, string]): Promise<[RunningAgent, RunningAgent]> {
    const config = (which: 0 | 1) =>
      rig.configFor(node, join(tmp.dir, `${node}-${which}`, 'spokepilot.db'), (c: AgentConfig) => {
        if (clientIds) c.mqtt!.clientId = clientIds[which];
        if (which === 1) c.policy.mode = 'dry-run';
      });
    const first = await startAgent(config(0), { log: silentLogger });
    await waitFor('the first agent online', () => first.mqtt?.stats().connected || undefined);
    const second = await startAgent(config(1), { log: silentLogger });
    return [first, second];
  }

  it('on two routers (two client ids): both report it everywhere, and the survivor clears it when the other says goodbye', async () => {
    const operator = await mqtt.connectAsync(rig.broker.url, { clientId: 'operator-twins' });
    const events: Record<string, unknown>[] = [];
    operator.on('message', (topic, payload) => {
      if (topic.endsWith('/event')) events.push(JSON.parse(payload.toString()) as Record<string, unknown>);
    });
    await operator.subscribeAsync('spokepilot/v1/lab/twin/#', { qos: 1 });
    const [a, b] = await twins('twin', ['router-a', 'router-b']);
    try {
      const seenByA = await waitFor('the first agent to report the duplicate', () => duplicateReported(a));
      const seenByB = await waitFor('the second agent to report the duplicate', () => duplicateReported(b));
      expect(seenByA.message).toContain('publishes as lab/twin');
      expect(seenByA.message).toContain(b.mqtt!.instance);
      expect(seenByB.message).toContain(a.mqtt!.instance);
      // One agent-health event from each, on the node's event topic.
      await waitFor(
        'an agent-health event from each',
        () =>
          events.filter((e) => e.kind === 'agent-health' && e.code === 'DUPLICATE_NODE' && e.status === 'degraded').length >= 2 ||
          undefined,
      );
      const cli = await runCli(['status', '--port', String(a.httpPort)]);
      expect(cli.stdout).toContain('identity: another agent runs with the same site and node [DUPLICATE_NODE] since');
      const journal = await runCli(['events', '--db', join(tmp.dir, 'twin-0', 'spokepilot.db'), '--kind', 'agent-health']);
      expect(journal.stdout).toMatch(
        /agent-health +identity {2}degraded: another agent runs with the same site and node \[DUPLICATE_NODE\]/,
      );

      await b.stop('test over', 5000);
      await waitFor('the survivor to clear it', async () => ((await healthz(a)).status === 'ok' ? true : undefined));
    } finally {
      await b.stop('test over', 5000);
      await a.stop('test over', 5000);
      await operator.endAsync();
    }
  }, 90_000);

  it('on one host (the same default client id, kicking each other off the broker): both still report it', async () => {
    const [a, b] = await twins('clone');
    try {
      await waitFor('the first agent to report the duplicate', () => duplicateReported(a), 30_000);
      await waitFor('the second agent to report the duplicate', () => duplicateReported(b), 30_000);
    } finally {
      await b.stop('test over', 5000);
      await a.stop('test over', 5000);
    }
  }, 90_000);

  it('a restarted agent does not take its dead predecessor for a twin (a retained birth from before it started)', async () => {
    const operator = await mqtt.connectAsync(rig.broker.url, { clientId: 'operator-phoenix' });
    const statuses: Record<string, unknown>[] = [];
    operator.on('message', (_topic, payload) => statuses.push(JSON.parse(payload.toString()) as Record<string, unknown>));
    // What a crashed predecessor leaves until the broker fires its Will: its birth, retained.
    const predecessor = {
      v: 1,
      id: 'dead-0',
      ts: Date.now() - 60_000,
      state: 'online',
      session: 1,
      agentVersion: '0.1.0',
      instance: 'crashed-predecessor',
    };
    await operator.publishAsync('spokepilot/v1/lab/phoenix/status', JSON.stringify(predecessor), { qos: 1, retain: true });
    await operator.subscribeAsync('spokepilot/v1/lab/phoenix/status', { qos: 1 });
    const agent = await startAgent(rig.configFor('phoenix', join(tmp.dir, 'phoenix', 'spokepilot.db')), { log: silentLogger });
    try {
      await waitFor('its birth', () => statuses.some((s) => s.state === 'online' && s.instance === agent.mqtt!.instance) || undefined);
      // Its subscription's retained copy (the predecessor's birth) came before its own birth went round.
      await waitFor('healthz', () => healthz(agent));
      expect(await duplicateReported(agent)).toBeUndefined();
      // Its Will, fired late (stamped, like every Will, when its CONNECT set it), is not a twin either: the agent says it is here again.
      await operator.publishAsync(
        'spokepilot/v1/lab/phoenix/status',
        JSON.stringify({ ...predecessor, id: 'dead-1', state: 'offline', reason: 'connection-lost' }),
        { qos: 1, retain: true },
      );
      await waitFor('a new birth after the stale Will', () =>
        statuses.at(-1)?.instance === agent.mqtt!.instance && statuses.at(-1)?.state === 'online' ? true : undefined,
      );
      expect(await duplicateReported(agent)).toBeUndefined();
    } finally {
      await agent.stop('test over', 5000);
      await operator.endAsync();
    }
  }, 60_000);
});
