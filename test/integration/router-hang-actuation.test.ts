/**
 * Red-team finding 18 over real SSH: a router that takes a config line and
 * never gives its prompt back. The steer times out (each retry too), rolls
 * back (which hangs as well), and then the agent must not move on to the
 * override's other candidate: that was another real pivot, again and again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, type PolicyConfig } from '../../agent/core/policy/config.js';
import { systemClock, type Clock } from '../../agent/ports/clock.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { Actuator } from '../../agent/shell/act/actuator.js';
import { DecisionLoop } from '../../agent/shell/decide/decision-loop.js';
import { startFloodingRouter, type FloodingRouter } from '../support/flooding-ssh-router.js';
import type { SshRouterCli } from '../../agent/adapters/router/ssh-router-cli.js';
import { labSshCli } from '../../lab/harness/lab-ssh-cli.js';

const HUB1 = '198.51.100.1';
const HUB2 = '203.0.113.1';
const FIBRE = 'GigabitEthernet0/0';
const LTE = 'Cellular0/1/0';
const POLICY: PolicyConfig = {
  ...DEFAULT_POLICY,
  client: 'SPOKE',
  candidates: [
    { id: 'fibre-hub1', peer: HUB1, source: FIBRE, slaOperations: [11] },
    { id: 'lte-hub1', peer: HUB1, source: LTE, slaOperations: [21] },
    { id: 'lte-hub2', peer: HUB2, source: LTE, slaOperations: [22] },
  ],
};

describe('a router that hangs in a config session (real SSH)', () => {
  let router: FloodingRouter;
  let cli: SshRouterCli;
  beforeAll(async () => {
    router = await startFloodingRouter();
    cli = labSshCli(router, { username: 'a', password: 'a' }, { connectTimeoutMs: 5000, commandTimeoutMs: 150 });
  });
  afterAll(async () => {
    await cli.close();
    await router.close();
  });

  it("times out as ROUTER_TIMEOUT, and the override's other candidate is not tried while the hold lasts", async () => {
    let nowMs = 1_000_000;
    const policyClock: Clock = { ...systemClock, now: () => nowMs };
    const actions: string[] = [];
    const outcomes: unknown[] = [];
    const actuator = new Actuator({
      router: cli,
      strategy: 'stub-tracks',
      clock: systemClock,
      log: silentLogger,
      targets: {
        client: 'SPOKE',
        peers: [
          { address: HUB1, stubTrack: 101 },
          { address: HUB2, stubTrack: 102 },
        ],
        sources: [
          { interface: FIBRE, stubTrack: 111 },
          { interface: LTE, stubTrack: 112 },
        ],
      },
      readActivePath: async () => ({ peer: HUB1, source: FIBRE, sessionUp: true }),
      verifyTimeoutMs: 100,
      verifyPollMs: 20,
      retries: 2,
    });
    const loop = new DecisionLoop({
      policy: POLICY,
      clock: policyClock,
      actuator,
      log: silentLogger,
      journal: (kind, subject) => {
        if (kind === 'action') actions.push(String(subject));
      },
      onActuation: (outcome) => outcomes.push(outcome),
    });
    loop.observe({ kind: 'flexvpn', activePeer: HUB1, activeSource: FIBRE, peersActiveElsewhere: [] });
    loop.observe({ kind: 'override', source: LTE, untilMs: nowMs + 3_600_000, by: 'ops' });
    await loop.idle();
    expect(outcomes).toEqual([
      expect.objectContaining({ ok: false, code: 'ACTUATE_ROUTER_ERROR', routerCode: 'ROUTER_TIMEOUT', attempts: 3 }),
    ]);
    expect(router.sessions.configs).toBe(4); // three attempts and the rollback, each hung
    expect(actions).toEqual(['lte-hub1']);
    // Time passes, within the hold: still nothing tried.
    for (let i = 0; i < 59; i++) {
      nowMs += 1000;
      loop.observe({ kind: 'tick' });
    }
    await loop.idle();
    expect(actions).toEqual(['lte-hub1']);
  });
});
