/**
 * `spokepilot lab --print-agent-config`: the agent's configuration for the
 * spoke `spokepilot lab` serves with the same options, as YAML. It is the
 * lab's own agent configuration (labAgentConfig, what the demo and the tests
 * run), logging in as the lab's user, pinning the lab's persistent host key,
 * and listening for syslog where the lab sends it.
 */
import { stringify } from 'yaml';
import type { AgentConfig } from '../agent/config/types.js';
import { asWritten } from '../agent/config/validate.js';
import { labAgentConfig } from './harness/agent-config.js';
import { dualCloudLabAgentConfig } from './harness/dual-cloud-agent-config.js';
import type { LabTopology } from './router/options.js';
import type { World } from './world/world.js';

export interface PrintedConfigOptions {
  sshPort: number;
  user: string;
  password: string;
  fingerprint: string;
  syslog?: { host: string; port: number };
  dbPath?: string;
}

export function agentConfigForLab(world: World, topology: LabTopology, o: PrintedConfigOptions): AgentConfig {
  const common = {
    sshPort: o.sshPort,
    hostKeySha256: o.fingerprint,
    dbPath: o.dbPath ?? 'spokepilot-lab.db',
    ...(o.syslog ? { syslogPort: o.syslog.port } : {}),
  };
  const base = topology === 'dual-cloud' ? dualCloudLabAgentConfig(world, common) : labAgentConfig(world, common);
  return { ...base, router: { ...base.router, ssh: { ...base.router.ssh!, username: o.user, password: o.password } } };
}

export function agentConfigYaml(world: World, topology: LabTopology, o: PrintedConfigOptions): string {
  const header = [
    '# spokepilot agent configuration for the lab spoke (spokepilot lab --print-agent-config).',
    `# Start the lab with the same --ssh-port${o.syslog ? ' and --syslog' : ''}${topology === 'dual-cloud' ? ' and --topology dual-cloud' : ''}, then:`,
    ...(topology === 'dual-cloud'
      ? [
          "#   spokepilot config ios FILE    (the probes and route-maps it expects: paste them into the lab's",
          '#                                 configuration over SSH, as on a real router; the preflight names what is missing)',
        ]
      : []),
    '#   spokepilot config check FILE --router; spokepilot run --config FILE',
  ];
  return `${header.join('\n')}\n${stringify(asWritten(agentConfigForLab(world, topology, o)))}`;
}
