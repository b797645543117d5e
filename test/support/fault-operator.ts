/**
 * An operator on the broker for the fault suite: watches one node's subtree
 * (QoS 1, optionally a persistent session), and sends it signed commands.
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { CommandName, UnsignedCommand } from '../../proto/commands.js';
import { buildSignedCommand, generateSigningKey, parsePrivateKey } from '../../proto/command-signing.js';
import { waitFor } from './fault-rig.js';

export interface Seen {
  topic: string;
  leaf: string;
  body: Record<string, unknown>;
}

export interface Operator {
  client: MqttClient;
  seen: Seen[];
  /** The public key the agent must trust (`commandKeys`). */
  key: { id: string; publicKey: string };
  leaf(leaf: string): Record<string, unknown>[];
  /** Signs `cmd` at `nowMs` (the agent's clock), sends it, and waits for the reply to its tx. */
  command<N extends CommandName>(
    cmd: N,
    args: UnsignedCommand<N>['args'],
    o: { nowMs: number; ttlSec?: number; tx?: string },
  ): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

let txCounter = 0;

export async function startOperator(url: string, site: string, node: string, o: { persistent?: boolean } = {}): Promise<Operator> {
  const signing = generateSigningKey();
  const client = await mqtt.connectAsync(url, { clientId: `operator-${node}`, clean: !o.persistent, reconnectPeriod: 100 });
  const seen: Seen[] = [];
  client.on('message', (topic, payload) => {
    seen.push({ topic, leaf: topic.split('/').at(-1)!, body: JSON.parse(payload.toString()) as Record<string, unknown> });
  });
  await client.subscribeAsync(`spokepilot/v1/${site}/${node}/#`, { qos: 1 });
  const leaf = (l: string) => seen.filter((m) => m.leaf === l).map((m) => m.body);
  return {
    client,
    seen,
    leaf,
    key: { id: 'noc-faults', publicKey: signing.publicPem },
    async command(cmd, args, c) {
      const tx = c.tx ?? `fault-${++txCounter}`;
      const signed = buildSignedCommand(
        { site, node, cmd, args, keyId: 'noc-faults', nowMs: c.nowMs, tx, ...(c.ttlSec !== undefined ? { ttlSec: c.ttlSec } : {}) },
        parsePrivateKey(signing.privatePem),
      );
      await client.publishAsync(`spokepilot/v1/${site}/${node}/cmd`, JSON.stringify(signed), { qos: 1 });
      return waitFor(`the reply to ${cmd} ${tx}`, () => leaf('reply').find((r) => r.tx === tx), 15_000);
    },
    close: () => client.endAsync(),
  };
}
