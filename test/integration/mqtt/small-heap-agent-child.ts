/**
 * Run by oversized-command.test.ts in a child with the IOx heap (64 MB): the
 * agent's MQTT stack with its command handler, against the broker at
 * argv[2] with protocol argv[3], database in argv[4], the operator's public
 * key (PEM) in SPOKEPILOT_TEST_PUBKEY. Prints `{"ready":true}` once connected;
 * on SIGTERM stops and prints the handler's stats and the target's calls.
 */
import { createPublicKey } from 'node:crypto';
import { recordingTarget, AT } from '../../unit/commands/command-kit.js';
import { agentStack } from './agent-stack.js';
import { waitFor } from './wait.js';

const [url, protocol, dir] = process.argv.slice(2) as [string, string, string];
const keys = new Map([['ops-1', createPublicKey(process.env.SPOKEPILOT_TEST_PUBKEY!)]]);
const target = recordingTarget();
const stack = agentStack({
  dir,
  at: AT,
  keys,
  target,
  broker: { url, protocolVersion: protocol === '5' ? 5 : 4, backoff: { baseMs: 20, capMs: 200 }, clientId: `small-heap-${process.pid}` },
  ...(process.env.SPOKEPILOT_TEST_MAX_PAYLOAD ? { maxPayloadBytes: Number(process.env.SPOKEPILOT_TEST_MAX_PAYLOAD) } : {}),
});
await stack.start();
await waitFor(() => stack.broker.listening, 10_000, 'connected and subscribed');
console.log(JSON.stringify({ ready: true }));
process.once('SIGTERM', () => {
  void stack.stop().then(() => {
    console.log(JSON.stringify({ stats: stack.commands!.stats(), calls: target.calls.map((c) => c.method) }));
    process.exit(0);
  });
});
