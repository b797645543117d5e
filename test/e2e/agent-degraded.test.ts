/**
 * A degraded agent still serves (red-team findings 6 and 11): the lab spoke
 * over SSH, the agent in this process, the embedded aedes broker and an
 * operator's client. A corrupt database is moved aside and recreated; a
 * database that cannot be used leaves journal and outbox in memory; a router
 * whose host key does not match, that refuses the credential, or that cannot
 * be reached is reported. In every case the spoke
 * publishes its birth and state, answers signed commands, and says
 * `degraded` with the reason in /healthz, /status and on MQTT.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentOperatorRig, published, waitFor, type AgentOperatorRig } from '../support/agent-operator.js';
import { tempDir } from '../support/temp-dir.js';
import { runCli } from '../support/run-cli.js';
import { freeTcpPort } from '../../lab/harness/free-port.js';
import type { AgentConfig } from '../../agent/config/types.js';

const tmp = tempDir('spokepilot-degraded-');
let rig: AgentOperatorRig;

describe('a degraded agent keeps serving and says why', () => {
  beforeAll(async () => {
    rig = await agentOperatorRig();
  });
  afterAll(async () => {
    await rig.close();
    tmp.cleanup();
  });

  it('a corrupt database is moved aside and recreated; the spoke publishes, answers, and says degraded', async () => {
    const dir = join(tmp.dir, 'corrupt');
    mkdirSync(dir);
    const dbPath = join(dir, 'spokepilot.db');
    writeFileSync(dbPath, Buffer.concat([Buffer.from('GARBAGE, NOT A DATABASE'), Buffer.alloc(8192, 0x5a)]));
    await rig.withAgent(rig.configFor('corrupt', dbPath), async ({ agent, seen, health, command }) => {
      expect(agent.degradations.list()).toEqual([expect.objectContaining({ component: 'store', code: 'STORE_RECREATED' })]);
      expect(readdirSync(dir).some((f) => f.startsWith('spokepilot.db.corrupt-'))).toBe(true); // kept for forensics
      expect(existsSync(dbPath)).toBe(true);
      await waitFor('birth', () => published(seen, 'status').some((s) => s.state === 'online'));
      expect(await command('tx-corrupt')).toMatchObject({ ok: true });
      expect(await health()).toMatchObject({ status: 'degraded', degraded: [expect.objectContaining({ code: 'STORE_RECREATED' })] });
      await waitFor('an agent-health event naming the store', () =>
        published(seen, 'event').some((e) => e.kind === 'agent-health' && e.status === 'degraded' && e.code === 'STORE_RECREATED'),
      );
      await waitFor('the retained state to say degraded', () =>
        published(seen, 'state').some((s) => (s.health as { status: string } | undefined)?.status === 'degraded'),
      );
    });
  }, 60_000);

  it('a database that cannot be opened leaves journal and outbox in memory; the spoke still publishes and answers', async () => {
    // Its directory is a file: nothing can be written there, not the database, the lock or the
    // MQTT session counter (the red team's re-test found that last one kept MQTT down).
    writeFileSync(join(tmp.dir, 'not-a-dir'), '');
    const dbPath = join(tmp.dir, 'not-a-dir', 'spokepilot.db');
    await rig.withAgent(rig.configFor('nodisk', dbPath), async ({ agent, seen, health, command }) => {
      expect(agent.degradations.list()).toEqual([expect.objectContaining({ component: 'store', code: 'STORE_IN_MEMORY' })]);
      await waitFor('birth', () => published(seen, 'status').some((s) => s.state === 'online'));
      await waitFor('state', () => published(seen, 'state').length > 0);
      expect(await command('tx-nodisk')).toMatchObject({ ok: true });
      expect(await health()).toMatchObject({ status: 'degraded', degraded: [expect.objectContaining({ code: 'STORE_IN_MEMORY' })] });
      const status = (await (await fetch(`http://127.0.0.1:${agent.httpPort}/status`)).json()) as {
        health: { status: string };
        mqtt: unknown;
      };
      expect(status.health.status).toBe('degraded');
      expect(status.mqtt).not.toBeNull();
    });
  }, 60_000);

  it('a router whose host key does not match is reported at once: /healthz, an agent-health event, and a goodbye saying the restore failed', async () => {
    const wrongKey = `SHA256:${'A'.repeat(43)}`;
    await rig.withAgent(
      rig.configFor('mitm', join(tmp.dir, 'mitm.db'), (c) => {
        c.router.ssh!.hostKeySha256 = wrongKey;
      }),
      async ({ agent, seen, health, command }) => {
        await waitFor('healthz to say degraded', async () => {
          const h = await health();
          return h.status === 'degraded' ? h : undefined;
        });
        expect(await health()).toMatchObject({
          degraded: [expect.objectContaining({ component: 'router', code: 'ROUTER_HOSTKEY_MISMATCH' })],
        });
        await waitFor('an agent-health event', () =>
          published(seen, 'event').some((e) => e.kind === 'agent-health' && e.code === 'ROUTER_HOSTKEY_MISMATCH'),
        );
        expect(await command('tx-mitm')).toMatchObject({ ok: true }); // still answers the NOC
        // Its goodbye says the router could not be restored (it could not even be reached).
        const restore = await agent.stop('test over', 5000);
        expect(['failed', 'timeout']).toContain(restore.outcome);
        const goodbye = await waitFor('the goodbye', () =>
          published(seen, 'status').find((s) => s.state === 'offline' && s.reason === 'shutdown'),
        );
        expect(goodbye).toMatchObject({ restore: restore.outcome, restoreCode: expect.any(String) });
      },
    );
  }, 60_000);

  it('a refused credential and an unreachable router are degraded with the reason in /healthz and in `spokepilot status`', async () => {
    const cases = [
      {
        node: 'badpass',
        code: 'ROUTER_AUTH_FAILED',
        words: 'the router refused the credential',
        change: (c: AgentConfig) => {
          c.router.ssh!.password = 'not-the-password';
        },
      },
      {
        node: 'noroute',
        code: 'ROUTER_UNREACHABLE',
        words: 'the router cannot be reached',
        change: (c: AgentConfig, port: number) => {
          c.router.ssh!.port = port;
        },
      },
    ];
    for (const k of cases) {
      const deadPort = await freeTcpPort(); // nothing listens there
      await rig.withAgent(
        rig.configFor(k.node, join(tmp.dir, `${k.node}.db`), (c) => k.change(c, deadPort)),
        async ({ agent, health }) => {
          const h = await waitFor(
            `healthz to say ${k.code}`,
            async () => {
              const body = await health();
              return (body.degraded as { code: string }[] | undefined)?.some((d) => d.code === k.code) ? body : undefined;
            },
            30_000,
          );
          expect(h).toMatchObject({ status: 'degraded', degraded: [expect.objectContaining({ component: 'router', code: k.code })] });
          const cli = await runCli(['status', '--port', String(agent.httpPort)]);
          expect(cli.stdout).toMatch(/health {7}degraded: 1 problem/);
          expect(cli.stdout).toContain(`router: ${k.words} [${k.code}] since`);
        },
      );
    }
  }, 120_000);
});
