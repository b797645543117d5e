/**
 * The agent's configuration for the dual-cloud lab spoke (lab/router/dual-cloud-config.ts),
 * derived from its world: one candidate per hub (its iBGP neighbour over its own tunnel,
 * hub 1 first), each judged on an icmp-echo (operation 40 + hub) and an icmp-jitter run
 * (operation 50 + hub) through its tunnel, the
 * hubs' summary steered and read back, the return path tagged with the community both hubs
 * map to a lower local preference. Everything else as the failover lab's agent
 * (lab/harness/agent-config.ts, labAgentBase): judge on the last 8 probes, read them every second.
 */
import type { AgentConfig, DualCloudAgentConfig } from '../../agent/config/types.js';
import { dualCloudIos } from '../../agent/core/dual-cloud/ios-config.js';
import { AVOID_COMMUNITY, DUAL_CLOUD_AS, DUAL_CLOUD_SUMMARY } from '../world/dual-cloud-world.js';
import type { World } from '../world/world.js';
import { labAgentBase, validated } from './agent-config.js';

export interface DualCloudAgentConfigOptions {
  sshPort: number;
  hostKeySha256: string;
  dbPath: string;
  mode?: 'enforce' | 'dry-run';
  mqttUrl?: string;
  /** The agent's syslog listener on 127.0.0.1 (the router's `logging host` pointed at it wakes its reads). */
  syslogPort?: number;
  /** Deep-merged over the lab's policy. */
  policy?: Partial<AgentConfig['policy']>;
}

/** The in-tunnel echo of the hub at `index` (0-based): what its quality track follows. */
export const dualCloudProbe = (index: number): number => 41 + index;

/** The in-tunnel icmp-jitter run of the hub at `index`: loss and jitter over ten packets. */
export const dualCloudJitterProbe = (index: number): number => 51 + index;

/** The router's quality track on that probe (`track 141 ip sla 41 state`, lab/baselines/dual-cloud-*.ios). */
export const dualCloudQualityTrack = (index: number): number => 100 + dualCloudProbe(index);

export function dualCloudLabAgentConfig(world: World, o: DualCloudAgentConfigOptions): DualCloudAgentConfig {
  const hubs = world.hubs().map((h, i) => ({
    neighbor: h.tunnelAddress!,
    tunnel: `Tunnel${i + 1}`,
    routeMapIn: `SPOKEPILOT-IN-${h.name.toUpperCase()}`,
    routeMapOut: `SPOKEPILOT-OUT-${h.name.toUpperCase()}`,
  }));
  const config = validated(
    {
      ...labAgentBase(o),
      topology: 'dual-cloud',
      dualCloud: {
        asn: DUAL_CLOUD_AS,
        hubs,
        prefixes: [DUAL_CLOUD_SUMMARY],
        returnPath: { community: AVOID_COMMUNITY },
        // The data centre behind the hubs: never through another spoke.
        protectedPrefixes: ['10.0.0.0/16'],
      },
      candidates: hubs.map((h, i) => ({
        id: world.hubs()[i]!.name,
        peer: h.neighbor,
        source: h.tunnel,
        slaOperations: [dualCloudProbe(i), dualCloudJitterProbe(i)],
      })),
      ...(o.mqttUrl ? { mqtt: { url: o.mqttUrl, heartbeatSec: 60 } } : {}),
      ...(o.syslogPort ? { syslog: { listen: `127.0.0.1:${o.syslogPort}` } } : {}),
    },
    'dual-cloud lab agent config',
  );
  if (config.topology !== 'dual-cloud') throw new Error('dual-cloud lab agent config: validated as another topology');
  return config;
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
