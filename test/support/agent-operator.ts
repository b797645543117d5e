/**
 * The running agent in this process with an operator beside it: a lab spoke
 * over SSH, the embedded aedes broker, and an MQTT client that watches the
 * agent's subtree and sends signed commands.
 */
import mqtt from 'mqtt';
import { startAgent, type RunningAgent } from '../../agent/compose/start-agent.js';
import type { AgentConfig } from '../../agent/config/types.js';
import { silentLogger } from '../../agent/ports/logger.js';
import type { CommandName } from '../../proto/commands.js';
import { buildSignedCommand, generateSigningKey, parsePrivateKey } from '../../proto/command-signing.js';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import { agentClockFrom } from '../../lab/harness/clock-bridge.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../lab/embedded-broker.js';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { ScaledClock } from '../../lab/world/clock.js';

import { waitFor } from './wait-for.js';

export { waitFor };

export type Seen = { topic: string; body: Record<string, unknown> }[];

export const published = (seen: Seen, leaf: string) => seen.filter((m) => m.topic.endsWith(`/${leaf}`)).map((m) => m.body);

export interface OperatorSession {
  agent: RunningAgent;
  seen: Seen;
  health: () => Promise<Record<string, unknown>>;
  /** Signs and sends a command; resolves with its reply. */
  command: (tx: string, cmd?: CommandName, args?: Record<string, unknown>) => Promise<Record<string, unknown>>;
}

export interface AgentOperatorRig {
  spoke: LabSpoke;
  broker: EmbeddedBroker;
  /** Where the agents and the operator talk: the embedded broker's URL unless the rig was given another broker. */
  brokerUrl: string;
  /** The lab agent's configuration for node `name`, publishing to the rig's broker, accepting the rig's key. */
  configFor(name: string, dbPath: string, change?: (c: AgentConfig) => void): AgentConfig;
  /** Runs an agent and an operator watching its subtree for the length of `body`. */
  withAgent(config: AgentConfig, body: (s: OperatorSession) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** `brokerUrl`: an outside broker (mosquitto, say) for the agents and the operator instead of the embedded one. */
export async function agentOperatorRig(o: { brokerUrl?: string } = {}): Promise<AgentOperatorRig> {
  const clock = new ScaledClock(1);
  const spoke = await startLabSpoke({ clock, seed: 3, users: [{ username: 'agent', password: 'agent', privilege: 15 }] });
  const broker = await startEmbeddedBroker();
  const brokerUrl = o.brokerUrl ?? broker.url;
  const key = generateSigningKey();
  return {
    spoke,
    broker,
    brokerUrl,
    configFor(name, dbPath, change) {
      const c = labAgentConfig(spoke.router.world, {
        sshPort: spoke.ssh.port,
        hostKeySha256: spoke.ssh.fingerprint,
        dbPath,
        mqttUrl: brokerUrl,
        commandKeys: [{ id: 'noc-1', publicKey: key.publicPem }],
      });
      c.node = name;
      change?.(c);
      return c;
    },
    async withAgent(config, body) {
      const operator = await mqtt.connectAsync(brokerUrl, { clientId: `operator-${config.node}` });
      const seen: Seen = [];
      operator.on('message', (topic, payload) => seen.push({ topic, body: JSON.parse(payload.toString()) as Record<string, unknown> }));
      await operator.subscribeAsync(`spokepilot/v1/lab/${config.node}/#`, { qos: 1 });
      const agent = await startAgent(config, { log: silentLogger, clock: agentClockFrom(clock) });
      try {
        await body({
          agent,
          seen,
          health: async () => (await (await fetch(`http://127.0.0.1:${agent.httpPort}/healthz`)).json()) as Record<string, unknown>,
          command: async (tx, cmd = 'get-state', args = {}) => {
            const signed = buildSignedCommand(
              { site: 'lab', node: config.node, cmd, args: args as never, keyId: 'noc-1', nowMs: Date.now(), tx },
              parsePrivateKey(key.privatePem),
            );
            await operator.publishAsync(`spokepilot/v1/lab/${config.node}/cmd`, JSON.stringify(signed), { qos: 1 });
            return waitFor(`the reply to ${tx}`, () => seen.find((m) => m.topic.endsWith('/reply') && m.body.tx === tx)?.body);
          },
        });
      } finally {
        await agent.stop('test over', 5000);
        await operator.endAsync();
      }
    },
    async close() {
      await broker.stop();
      await spoke.stop();
      clock.clearAll();
    },
  };
}
