import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { RunningAgent } from '../../agent/compose/start-agent.js';
import { policyOf } from '../../agent/shell/decide/policy-config.js';
import { runFailover, type FailoverResult } from '../harness/failover-run.js';
import { scenarioPath } from '../lab-command.js';
import { labDataPath } from '../lab-data.js';
import { playDualCloudDemo } from './dual-cloud-demo.js';
import { loadScenario } from '../scenario/load.js';
import type { LabSpoke } from '../spoke.js';
import { startEmbeddedBroker } from '../embedded-broker.js';
import { watchFleet } from './mqtt-watch.js';
import { demoClockNote, startDemoDashboard } from './demo-dashboard.js';
import { describeDecision, renderStatus, speedText } from './render-status.js';

const USAGE = `Usage: spokepilot demo [--scenario NAME|FILE] [--speed X] [--compare] [--topology failover|dual-cloud]

The product's main job on its embedded default: a simulated FlexVPN spoke (the
lab, over real SSH) with the agent watching, deciding and steering it while a
fault scenario plays, reporting to an embedded MQTT broker (aedes). Shows the
router and the agent live, then a summary.
--compare also plays the scenario with IOS alone and prints both side by side.
--topology dual-cloud plays a dual-cloud spoke (a tunnel to each hub, iBGP) and
one of lab/scenarios/dual-cloud/ (default dual-cloud-hub1-brownout), the agent
steering through BGP; printed as it plays.`;

export async function demoCommand(argv: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        scenario: { type: 'string' },
        speed: { type: 'string', default: '10' },
        topology: { type: 'string', default: 'failover' },
        compare: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    console.error(`spokepilot demo: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const speed = Number(values.speed);
  if (!(speed > 0) || speed > 100) {
    console.error(`spokepilot demo: --speed must be above 0 and at most 100, not "${values.speed}"`);
    return 2;
  }
  if (values.topology !== 'failover' && values.topology !== 'dual-cloud') {
    console.error(`spokepilot demo: --topology must be failover or dual-cloud, not "${values.topology}"`);
    return 2;
  }
  if (values.topology === 'dual-cloud') return dualCloudDemo(values.scenario ?? 'dual-cloud-hub1-brownout', speed);
  let scenario;
  try {
    scenario = await loadScenario(scenarioPath(values.scenario ?? 'brownout'));
  } catch (err) {
    console.error(`spokepilot demo: ${(err as Error).message}`);
    return 2;
  }
  const work = mkdtempSync(join(tmpdir(), 'spokepilot-demo-'));
  // The embedded default broker, and a subscriber on it standing for the fleet's consumers.
  const broker = await startEmbeddedBroker();
  const watch = await watchFleet(broker.url, 'spokepilot/v1', (leaf, p) => {
    if (!live && leaf === 'status') console.log(`mqtt   status ${String(p.state)} (session ${String(p.session)})`);
  });
  const live = process.stdout.isTTY === true;
  // The web view of the demo fleet: the spoke's fault and the agent's decision, live in a browser,
  // its times read on the lab's clock (the lab spoke's, once it runs: the run's ScaledClock starts at this machine's now).
  let labNow: () => number = Date.now;
  const web = await startDemoDashboard(broker.url, { now: () => labNow(), speed, note: demoClockNote(speed) });
  const webLine =
    typeof web === 'string' ? `dashboard  not started: ${web}` : `dashboard  ${web.address}  (open it to watch the spoke on the web)`;
  console.log(webLine);
  const decisions: string[] = [];
  const timeline: string[] = [];
  let view: { agent: RunningAgent; spoke: LabSpoke; startMs: number } | undefined;
  const draw = () => {
    if (!view) return;
    const { agent, spoke, startMs } = view;
    const router = spoke.router.state();
    const now = router.at;
    const screen = renderStatus({
      title: `spokepilot demo: ${scenario.name} at ${speed}x  (+${((now - startMs) / 1000).toFixed(0)}s of ${scenario.durationSec}s)`,
      nowMs: now,
      startMs,
      router,
      policy: policyOf(agent.runtime.config),
      state: agent.runtime.loop.state,
      decisions,
      timeline,
    });
    process.stdout.write(`\x1b[H\x1b[2J${screen}\n\n${webLine}\n`);
  };
  const timer = live ? setInterval(draw, 250) : undefined;
  let result: FailoverResult;
  try {
    if (!live)
      console.log(`spokepilot demo: ${scenario.name} at ${speedText(speed, scenario.durationSec)}: ${scenario.description ?? ''}`.trim());
    result = await runFailover({
      scenario,
      mode: 'agent',
      speed,
      workDir: work,
      mqttUrl: broker.url,
      // The dashboard's commands, signed with the run's operator key, are obeyed by the demo agent.
      ...(typeof web === 'string' ? {} : { commandKeys: web.commandKeys }),
      onAgent: (agent, spoke) => {
        view = { agent, spoke, startMs: spoke.router.state().at };
        // The run's ScaledClock, from here on: it goes on after the scenario, as the page's ages do.
        const [labAt, hostAt] = [spoke.router.state().at, performance.now()];
        labNow = () => labAt + Math.floor((performance.now() - hostAt) * speed);
      },
      onLine: (line) => {
        timeline.push(line);
        if (!live) console.log(`router ${line}`);
      },
      onDecision: (d) => {
        const text = describeDecision(d, view?.startMs ?? d.atMs);
        decisions.push(text);
        if (!live) console.log(`agent  ${text}`);
      },
    });
  } finally {
    if (timer) clearInterval(timer);
    await watch.stop();
    await broker.stop();
    if (!live && typeof web !== 'string') await web.close();
  }
  if (live) draw();
  let ios: FailoverResult | undefined;
  if (values.compare) {
    // The second run takes as long as the first: say so, or the terminal looks hung.
    console.log(`\n--compare: playing ${scenario.name} again with IOS alone (no agent) at ${speedText(speed, scenario.durationSec)}...`);
    ios = await runFailover({ scenario, mode: 'ios', speed, workDir: work });
  }
  rmSync(work, { recursive: true, force: true });
  console.log('');
  console.log(summary(result, ios));
  const published = Object.entries(watch.counts)
    .map(([leaf, n]) => `${leaf} ${n}`)
    .join(', ');
  console.log(`  MQTT, as a subscriber on the embedded broker saw it: ${published || 'nothing'}`);
  console.log(`  ${webLine}`);
  if (live && typeof web !== 'string') {
    // A person at a terminal may still be reading the page: it stays up, with the run's history, until Ctrl-C.
    console.log("  the dashboard keeps the run's history until Ctrl-C");
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await web.close();
  }
  return 0;
}

/** The dual-cloud design (lab/demo/dual-cloud-demo.ts): printed as it plays, its scenarios in lab/scenarios/dual-cloud/. */
async function dualCloudDemo(name: string, speed: number): Promise<number> {
  let scenario;
  try {
    scenario = await loadScenario(/^[a-z0-9-]+$/.test(name) ? labDataPath(`scenarios/dual-cloud/${name}.yaml`) : scenarioPath(name));
  } catch (err) {
    console.error(`spokepilot demo: ${(err as Error).message}`);
    return 2;
  }
  const work = mkdtempSync(join(tmpdir(), 'spokepilot-demo-'));
  const broker = await startEmbeddedBroker();
  const watch = await watchFleet(broker.url, 'spokepilot/v1', () => undefined);
  try {
    console.log(`spokepilot demo: ${scenario.name} at ${speedText(speed, scenario.durationSec)}: ${scenario.description ?? ''}`.trim());
    const end = await playDualCloudDemo({ scenario, speed, workDir: work, mqttUrl: broker.url });
    console.log(`\nSummary of ${scenario.name}:\n${end}`);
    const published = Object.entries(watch.counts)
      .map(([leaf, n]) => `${leaf} ${n}`)
      .join(', ');
    console.log(`  MQTT, as a subscriber on the embedded broker saw it: ${published || 'nothing'}`);
  } finally {
    await watch.stop();
    await broker.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return 0;
}

function summary(agent: FailoverResult, ios?: FailoverResult): string {
  const row = (name: string, r: FailoverResult) =>
    `  ${name.padEnd(10)} time to a working path ${String(r.timeToWorkingPathSec).padStart(6)} s   path changes ${String(r.pathChanges).padStart(3)}   degraded ${String(r.degradedSec).padStart(4)} s${r.neverRecovered ? '   (never recovered)' : ''}`;
  const end = agent.run.outcome.clients
    .map((c) => `${c.name} ${c.phase}${c.peer ? ` to ${c.peer}` : ''}${c.source ? ` via ${c.source}` : ''}`)
    .join(', ');
  return [
    `Summary of ${agent.scenario} (scenario seconds, measured from the lab's ground truth):`,
    row('agent', agent),
    ...(ios ? [row('IOS alone', ios)] : []),
    `  decisions ${agent.decisions.length}, tunnel at the end: ${end}`,
  ].join('\n');
}
