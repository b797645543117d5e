/**
 * Red-team finding 9: with the peer-order strategy, the active peer parsed
 * verbatim from `Peer : <anything>` reached `clear crypto ikev2 sa remote
 * <text>` and, on rollback, `peer 1 <text>`. A fake router prints a peer that
 * is no configured address; nothing it printed may reach an exec or config line.
 */
import { describe, expect, it } from 'vitest';
import { flexvpnObservation } from '../../../agent/core/observe/router-state.js';
import { DEFAULT_POLICY, type PolicyConfig } from '../../../agent/core/policy/config.js';
import { parseFlexVpnClient } from '../../../agent/parsers/crypto/flexvpn-client.js';
import { systemClock } from '../../../agent/ports/clock.js';
import { silentLogger } from '../../../agent/ports/logger.js';
import type { RouterCli } from '../../../agent/ports/router-cli.js';
import { Actuator } from '../../../agent/shell/act/actuator.js';
import { DecisionLoop } from '../../../agent/shell/decide/decision-loop.js';

const HUB1 = '198.51.100.1';
const HUB2 = '203.0.113.1';
const FIBRE = 'GigabitEthernet0/0';
const TARGETS = {
  client: 'SPOKE',
  peers: [
    { address: HUB1, stubTrack: 101 },
    { address: HUB2, stubTrack: 102 },
  ],
  sources: [
    { interface: FIBRE, stubTrack: 111 },
    { interface: 'Cellular0/1/0', stubTrack: 112 },
  ],
};
const POLICY: PolicyConfig = {
  ...DEFAULT_POLICY,
  client: 'SPOKE',
  candidates: [
    { id: 'fibre-hub1', peer: HUB1, source: FIBRE, slaOperations: [11] },
    { id: 'fibre-hub2', peer: HUB2, source: FIBRE, slaOperations: [12] },
  ],
};
/** What a compromised or odd router prints; parsed exactly as the agent does. */
const EVIL = `Profile : SPOKE\nCurrent state:ACTIVE\nPeer : 192.0.2.99 track 7\nSource : ${FIBRE}\n`;

function evilRouter() {
  const sent: string[] = [];
  const router: RouterCli = {
    show: async (c) => (c === 'show crypto ikev2 client flexvpn' ? EVIL : ''),
    exec: async (c) => {
      sent.push(c);
      return '';
    },
    configure: async (lines) => {
      sent.push(...lines);
    },
    close: async () => undefined,
  };
  const [client] = parseFlexVpnClient(EVIL).records;
  const actuator = new Actuator({
    router,
    targets: TARGETS,
    strategy: 'peer-order',
    clock: systemClock,
    log: silentLogger,
    readActivePath: async () => ({ peer: client!.peer!, source: client!.sourceInterface!, sessionUp: true }),
    verifyTimeoutMs: 30,
    verifyPollMs: 10,
    retries: 0,
  });
  return { sent, actuator, observation: flexvpnObservation(undefined, [client!], 'SPOKE').observation! };
}

const fromRouter = (line: string) => line.includes('192.0.2.99') || line.includes('track 7');

describe('peer-order strategy: nothing the router printed reaches a line', () => {
  it('the printed peer is what the agent parses (the fault is real)', () => {
    expect(evilRouter().observation).toMatchObject({ activePeer: '192.0.2.99 track 7' });
  });

  it('a steer with the printed peer as the previous one neither clears it nor rolls back to it', async () => {
    const { sent, actuator } = evilRouter();
    const outcome = await actuator.steer({ peer: HUB2, source: FIBRE }, { peer: '192.0.2.99 track 7', source: FIBRE });
    expect(outcome).toMatchObject({ ok: false, code: 'ACTUATE_VERIFY_FAILED', rolledBack: true });
    expect(sent.filter(fromRouter)).toEqual([]);
    expect(sent.filter((l) => l.startsWith('clear '))).toEqual([]);
    // Rolled back with the release plan: every stub track up.
    expect(sent.slice(-8)).toEqual([
      'track 101 stub-object',
      'default-state up',
      'track 102 stub-object',
      'default-state up',
      'track 111 stub-object',
      'default-state up',
      'track 112 stub-object',
      'default-state up',
    ]);
  });

  it("through the decision loop: the router's path is mapped to a configured candidate, or not used", async () => {
    const { sent, actuator, observation } = evilRouter();
    const journal: unknown[] = [];
    const loop = new DecisionLoop({
      policy: POLICY,
      clock: systemClock,
      actuator,
      log: silentLogger,
      journal: (kind, _s, data) => journal.push({ kind, data }),
    });
    loop.observe(observation);
    loop.observe({ kind: 'override', peer: HUB2, untilMs: Date.now() + 60_000, by: 'test' });
    await loop.idle();
    expect(sent.some((l) => l === `peer 1 ${HUB2}`)).toBe(true);
    expect(sent.filter(fromRouter)).toEqual([]);
  });
});
