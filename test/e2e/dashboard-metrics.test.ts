/**
 * Both /metrics endpoints, the agent's and the dashboard's, as Prometheus
 * reads them: `promtool check metrics` (Debian's prometheus package) finds no
 * problem in either, and a real Prometheus scrapes both (the dashboard's with
 * its bearer token) and answers queries on what it scraped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { startDashboard, type Dashboard } from '../../agent/fleet/dashboard.js';
import { freeTcpPort } from '../../lab/harness/free-port.js';
import { agentOperatorRig, type AgentOperatorRig } from '../support/agent-operator.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';
import { birth, state, telemetry, topic } from '../unit/fleet-server/synthetic-fleet.js';

const PROMTOOL = '/usr/bin/promtool';
const PROMETHEUS = '/usr/bin/prometheus';
const present = existsSync(PROMTOOL) && existsSync(PROMETHEUS);
if (!present && process.env.CI) throw new Error("promtool and prometheus are missing: .ci/run installs Debian's prometheus package");
if (!present) console.warn("dashboard metrics test skipped: Debian's prometheus package is not installed; in CI it fails instead");

const tmp = tempDir('spokepilot-dash-metrics-');
let rig: AgentOperatorRig;
let dash: Dashboard;

function promtool(text: string): { status: number | null; output: string } {
  const r = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe.skipIf(!present)('/metrics for Prometheus', () => {
  beforeAll(async () => {
    rig = await agentOperatorRig();
    const fleet = await mqtt.connectAsync(rig.broker.url);
    for (let i = 0; i < 3; i++) {
      await fleet.publishAsync(topic(i, 'status'), JSON.stringify(birth(Date.now())), { qos: 1, retain: true });
      await fleet.publishAsync(topic(i, 'state'), JSON.stringify(state(i, Date.now(), i === 1)), { qos: 1, retain: true });
    }
    await fleet.endAsync();
    dash = await startDashboard({
      brokers: [rig.broker.url],
      root: 'spokepilot/v1',
      dbPath: join(tmp.dir, 'fleet.db'),
      listen: { host: '127.0.0.1', port: 0 },
      bootstrapToken: { name: 'prometheus', canCommand: false },
    });
  }, 60_000);
  afterAll(async () => {
    await dash?.close();
    await rig?.close();
    tmp.cleanup();
  });

  it('pass promtool and are scraped by a real Prometheus', async () => {
    await rig.withAgent(rig.configFor('spoke1', join(tmp.dir, 'agent.db')), async ({ agent }) => {
      const agentUrl = `http://127.0.0.1:${agent.httpPort}/metrics`;
      const fleetUrl = `${dash.url}metrics`;
      const scrape = async () => (await fetch(fleetUrl, { headers: { authorization: `Bearer ${dash.token}` } })).text();
      await waitFor('the lab spoke in the fleet metrics', async () => (await scrape()).includes('node="spoke1"'));
      // Telemetry is not retained: published once the dashboard is listening.
      const fleet = await mqtt.connectAsync(rig.broker.url);
      await fleet.publishAsync(topic(0, 'telemetry'), JSON.stringify(telemetry(Date.now(), 5, 30)), { qos: 1 });
      await fleet.endAsync();
      const fleetText = await waitFor('the candidates in the fleet metrics', async () => {
        const t = await scrape();
        return t.includes('spokepilot_fleet_candidate_loss_ratio{site="site0000",node="r0",candidate="fibre"} 0.05') && t;
      });
      // Probe figures are there once the agent has read the router.
      const agentText = await waitFor("the agent's probe figures", async () => {
        const t = await (await fetch(agentUrl)).text();
        return /^spokepilot_sla_rtt_seconds\{/m.test(t) && /^spokepilot_decision_latency_seconds\{quantile="0.5"\} /m.test(t) && t;
      });
      for (const [name, text] of [
        ['fleet', fleetText],
        ['agent', agentText],
      ] as const) {
        const r = promtool(text);
        expect(r, `promtool on the ${name}'s /metrics`).toEqual({ status: 0, output: '' });
      }
      expect(promtool('# TYPE bad_metric_ms gauge\nbad_metric_ms 1\n').status).not.toBe(0); // promtool does judge

      const port = await freeTcpPort();
      const config = join(tmp.dir, 'prometheus.yml');
      const dashboard = new URL(fleetUrl);
      writeFileSync(
        config,
        [
          'global: { scrape_interval: 1s, scrape_timeout: 1s }',
          'scrape_configs:',
          `  - job_name: agent\n    static_configs: [{ targets: ['127.0.0.1:${agent.httpPort}'] }]`,
          `  - job_name: fleet\n    authorization: { credentials: '${dash.token}' }\n    static_configs: [{ targets: ['${dashboard.host}'] }]`,
        ].join('\n') + '\n',
      );
      const prom = spawn(
        PROMETHEUS,
        [`--config.file=${config}`, `--storage.tsdb.path=${join(tmp.dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${port}`],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      let log = '';
      prom.stderr.on('data', (d: Buffer) => {
        log += d.toString();
      });
      const query = async (q: string) => {
        const r = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(q)}`).catch(() => undefined);
        const body = r?.ok
          ? ((await r.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } })
          : undefined;
        return body?.data.result;
      };
      try {
        const up = await waitFor(
          'both targets up',
          async () => {
            const r = await query('up');
            return r?.length === 2 && r.every((x) => x.value[1] === '1') && r;
          },
          40_000,
          500,
        ).catch((err: Error) => {
          throw new Error(`${err.message}\n${log.slice(-2000)}`);
        });
        expect(up.map((x) => x.metric.job).sort()).toEqual(['agent', 'fleet']);
        expect((await query('spokepilot_fleet_spokes{state="backup_path"}'))?.[0]?.value[1]).toBe('1');
        expect((await query('spokepilot_fleet_spoke_online{site="lab",node="spoke1"}'))?.[0]?.value[1]).toBe('1');
        expect((await query('spokepilot_candidate_selected{job="agent"}'))?.length).toBeGreaterThan(0);
      } finally {
        prom.kill('SIGTERM');
        await new Promise((resolve) => prom.once('close', resolve));
      }
    });
  }, 120_000);
});
