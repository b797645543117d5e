/**
 * The agent's configuration for the dual-cloud lab spoke (lab/router/dual-cloud-config.ts),
 * derived from its world: one candidate per hub (its iBGP neighbour over its own tunnel,
 * hub 1 first), each judged on one icmp-echo through its tunnel (operation 40 + hub), the
 * hubs' summary steered and read back, the return path tagged with the community both hubs
 * map to a lower local preference. Tuned as the failover lab's agent is: judge on the last
 * 8 probes, read them every second.
 */
import type { AgentConfig } from '../../agent/config/types.js';
import { validateConfig } from '../../agent/config/validate.js';
import { dualCloudIos } from '../../agent/core/dual-cloud/ios-config.js';
import { AVOID_COMMUNITY, DUAL_CLOUD_AS, DUAL_CLOUD_SUMMARY } from '../world/dual-cloud-world.js';
import type { World } from '../world/world.js';

export interface DualCloudAgentConfigOptions {
  sshPort: number;
  hostKeySha256: string;
  dbPath: string;
  mode?: 'enforce' | 'dry-run';
  mqttUrl?: string;
  /** Deep-merged over the lab's policy. */
  policy?: Partial<AgentConfig['policy']>;
}

/** The in-tunnel probe of the hub at `index` (0-based). */
export const dualCloudProbe = (index: number): number => 41 + index;

export function dualCloudLabAgentConfig(world: World, o: DualCloudAgentConfigOptions): AgentConfig {
  const hubs = world.hubs().map((h, i) => ({
    neighbor: h.tunnelAddress!,
    tunnel: `Tunnel${i + 1}`,
    routeMapIn: `SPOKEPILOT-IN-${h.name.toUpperCase()}`,
    routeMapOut: `SPOKEPILOT-OUT-${h.name.toUpperCase()}`,
  }));
  const doc = {
    site: 'lab',
    node: 'spoke1',
    topology: 'dual-cloud',
    router: {
      transport: 'ssh',
      ssh: {
        host: '127.0.0.1',
        port: o.sshPort,
        username: 'agent',
        password: 'agent',
        hostKeySha256: o.hostKeySha256,
        commandTimeoutMs: 10_000,
      },
    },
    dualCloud: {
      asn: DUAL_CLOUD_AS,
      hubs,
      prefixes: [DUAL_CLOUD_SUMMARY],
      returnPath: { community: AVOID_COMMUNITY },
      // The data centre behind the hubs: never through another spoke.
      protectedPrefixes: ['10.0.0.0/16'],
    },
    candidates: hubs.map((h, i) => ({ id: world.hubs()[i]!.name, peer: h.neighbor, source: h.tunnel, slaOperations: [dualCloudProbe(i)] })),
    policy: {
      windowSamples: 8,
      minSamples: 3,
      failAfter: 1,
      recoverAfter: 3,
      unreachableAfter: 2,
      preemptDelaySec: 60,
      fail: { lossPct: 20, rttMs: 250, jitterMs: 60 },
      recover: { lossPct: 5, rttMs: 150, jitterMs: 30 },
      minChangeIntervalSec: 5,
      mode: o.mode ?? 'enforce',
      ...o.policy,
    },
    actuation: { verifyTimeoutSec: 30, retries: 2 },
    polling: { slaSec: 1, flexvpnSec: 5, interfacesSec: 5, cryptoSec: 10, routesSec: 30, jitter: 0.1 },
    store: { path: o.dbPath },
    log: { level: 'warn' },
    http: { listen: '127.0.0.1:0' },
    ...(o.mqttUrl ? { mqtt: { url: o.mqttUrl, heartbeatSec: 60 } } : {}),
  };
  const r = validateConfig(doc);
  if (!r.ok) throw new Error(`dual-cloud lab agent config invalid: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return r.config;
}

/** What `spokepilot config ios` prints for that configuration, as configuration lines to send (comments dropped). */
export function dualCloudSpokeLines(config: AgentConfig): string[] {
  const text = dualCloudIos({
    dualCloud: config.dualCloud!,
    candidates: config.candidates,
    probeFrequencySec: config.polling.slaSec,
    serviceLevelRttMs: config.policy.fail.rttMs,
  });
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('!'));
}
