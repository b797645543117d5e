/**
 * `npm start` (the demo) prints the dashboard's address, and the page's API
 * shows the demo spoke's fault and the agent's decision; a command sent from
 * it, signed with the run's own operator key, is obeyed by the demo agent.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedBroker } from '../../lab/embedded-broker.js';
import { DEMO_OPERATOR_KEY_ID, startDemoDashboard } from '../../lab/demo/demo-dashboard.js';
import { BIN } from '../support/run-cli.js';
import { waitFor } from '../support/wait-for.js';

describe('the demo on the web', () => {
  it("prints the dashboard address, which shows the agent's switch in words", async () => {
    const child = spawn(process.execPath, [BIN, 'demo', '--speed', '20'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
    try {
      const [, url, token] = await waitFor(
        'the dashboard line',
        () => /^dashboard {2}(http:\/\/127\.0\.0\.1:\d+\/)#token=(spk_\S+) {2}\(open it/m.exec(out) ?? undefined,
        60_000,
      );
      const api = async (path: string, body?: unknown) =>
        (
          await fetch(`${url}${path}`, {
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            ...(body ? { method: 'POST', body: JSON.stringify(body) } : {}),
          })
        ).json() as Promise<Record<string, unknown>>;
      // The page reads the spoke's times on the lab's clock (20x here), and says so.
      expect(await api('api/me')).toEqual({
        name: 'demo',
        canCommand: true,
        signing: true,
        spokeClock: { nowMs: expect.any(Number), speed: 20, note: expect.stringContaining('at 20x') },
      });
      // Sent while the scenario plays, as a newcomer would from the page: the agent verifies the signature and answers.
      const sent = await waitFor(
        "the command's reply",
        async () => {
          const r = (await api('api/command', { site: 'lab', node: 'spoke1', command: 'snapshot' })) as { reply?: { ok: boolean } | null };
          return r.reply && r;
        },
        60_000,
        500,
      );
      expect(sent).toMatchObject({ cmd: 'rebirth', reply: { ok: true } });
      const decision = await waitFor(
        'the switch on the spoke page',
        async () => {
          const page = (await api('api/spoke?key=lab%2Fspoke1')) as { decisions?: { text: string }[] };
          return page.decisions?.find((d) => d.text.startsWith('switch fibre-hub1 -> lte-hub1'))?.text;
        },
        60_000,
        250,
      );
      expect(decision).toMatch(/fibre-hub1 went bad at .*(RTT|jitter|loss) [\d.]+ (ms|%) over the [\d.]+ (ms|%) threshold/);
      // On the dashboard's own clock the lab's 20x times lay ahead ("went bad at 04:49:05 (in 50 s)"); on the lab's they are past.
      expect(decision).toMatch(/went bad at \S+ \((just now|\d[^)]* ago)\)/);
      const page = (await api('api/spoke?key=lab%2Fspoke1')) as { commands: { cmd: string; sentBy: string; ok?: boolean }[] };
      expect(page.commands).toContainEqual(expect.objectContaining({ cmd: 'rebirth', sentBy: 'demo', ok: true }));
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 120_000);

  it("keeps the run's operator keys and database in its own directory only, gone on close", async () => {
    const broker = await startEmbeddedBroker();
    try {
      const web = await startDemoDashboard(broker.url);
      if (typeof web === 'string') throw new Error(web);
      expect(
        readdirSync(web.dir)
          .filter((f) => f.startsWith('operator'))
          .sort(),
      ).toEqual(['operator.key', 'operator.pub']);
      expect(statSync(join(web.dir, 'operator.key')).mode & 0o077).toBe(0);
      expect(web.commandKeys).toEqual([{ id: DEMO_OPERATOR_KEY_ID, publicKey: expect.stringContaining('BEGIN PUBLIC KEY') }]);
      await web.close();
      expect(existsSync(web.dir)).toBe(false);
    } finally {
      await broker.stop();
    }
  });
});
