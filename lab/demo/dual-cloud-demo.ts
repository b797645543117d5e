/**
 * `spokepilot demo --topology dual-cloud`: a dual-cloud lab spoke over real
 * SSH, its spoke-side configuration pasted as `config ios` prints it, the
 * agent steering it through BGP and reporting to the embedded MQTT broker,
 * while a scenario of lab/scenarios/dual-cloud/ plays. Prints as it goes:
 * the router's timeline, the agent's decisions, and where each direction's
 * traffic goes (outbound: BGP's best path; return: the hubs' core).
 */
import { join } from 'node:path';
import { startAgent } from '../../agent/compose/start-agent.js';
import { parseAs } from '../../agent/parsers/registry.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { agentClockFrom } from '../harness/clock-bridge.js';
import { dualCloudLabAgentConfig, dualCloudSpokeLines } from '../harness/dual-cloud-agent-config.js';
import { DUAL_CLOUD_LAN } from '../router/dual-cloud-config.js';
import { playScenario } from '../scenario/runner.js';
import type { Scenario } from '../scenario/schema.js';
import { startLabSpoke } from '../spoke.js';
import { ScaledClock } from '../world/clock.js';
import { DUAL_CLOUD_SUMMARY } from '../world/dual-cloud-world.js';
import { describeDecision } from './render-status.js';
import { labSshCli } from '../harness/lab-ssh-cli.js';

export async function playDualCloudDemo(o: { scenario: Scenario; speed: number; workDir: string; mqttUrl: string }): Promise<string> {
  const clock = new ScaledClock(o.speed);
  const spoke = await startLabSpoke({
    clock,
    seed: o.scenario.seed ?? 1,
    topology: 'dual-cloud',
    users: [{ username: 'agent', password: 'agent', privilege: 15 }],
  });
  const config = {
    ...dualCloudLabAgentConfig(spoke.router.world, {
      sshPort: spoke.ssh.port,
      hostKeySha256: spoke.ssh.fingerprint,
      dbPath: join(o.workDir, 'dual-cloud.db'),
      mqttUrl: o.mqttUrl,
    }),
  };
  const cli = labSshCli(spoke.ssh, { username: 'agent', password: 'agent' });
  const lan = `${DUAL_CLOUD_LAN.network}/24`;
  const directions = async () => {
    const paths = parseAs('show ip bgp', await cli.show('show bgp ipv4 unicast'), 'show bgp ipv4 unicast').records;
    const best = paths.find((p) => p.network === DUAL_CLOUD_SUMMARY && p.best);
    const out = spoke.router.world.hubs().find((h) => h.tunnelAddress === best?.nextHop)?.name ?? 'none';
    return `outbound via ${out}${best?.localPref !== undefined ? ` (local preference ${best.localPref})` : ''}, return via ${spoke.router.world.returnHubFor(lan) ?? 'none'}`;
  };
  try {
    await cli.configure(dualCloudSpokeLines(config));
    await cli.exec('clear ip bgp * soft');
    const agent = await startAgent(config, { log: silentLogger, clock: agentClockFrom(clock) });
    const startMs = clock.now();
    agent.runtime.onDecision((d) => console.log(`agent  ${describeDecision(d, startMs)}`));
    // Each verified steer: where both directions go now, read back as the agent verified it.
    agent.runtime.events.on((e) => {
      if (e.kind === 'actuation')
        void directions()
          .then((d) => console.log(`agent  ${e.outcome.ok ? 'verified' : `failed (${e.outcome.code})`}: ${d}`))
          .catch(() => undefined);
    });
    console.log(`router traffic ${await directions()}`);
    let last = '';
    const run = await playScenario(spoke.router, clock, o.scenario, {
      onLine: (line) => {
        console.log(`router ${line}`);
        void directions()
          .then((d) => {
            if (d !== last) {
              last = d;
              console.log(`router traffic ${d}`);
            }
          })
          .catch(() => undefined);
      },
    }).done;
    const end = await directions();
    const restore = await agent.stop('demo over', 10_000);
    void run;
    return `  at the end: ${end}\n  on stop: the agent's route-maps neutral (${restore.outcome}); BGP alone: ${await directions()}`;
  } finally {
    await cli.close();
    await spoke.stop();
    clock.clearAll();
  }
}
