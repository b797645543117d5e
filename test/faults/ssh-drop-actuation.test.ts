/**
 * Fault injection: the SSH session drops at every step of an actuation.
 *
 * Hub 1 dies; the agent decides to move fibre-hub1 -> fibre-hub2, a stub-track
 * plan of k configuration lines (allow lines first, then forbid lines). For
 * every i in 0..k the lab drops the SSH session right after the i-th line
 * (0: as the first arrives, unapplied). After every line the lab applies, at
 * least one peer and one source stub must still be allowed (IOS can connect
 * on its own whatever happens next); the agent must end either steered as
 * decided (verified, journaled) or rolled back (journaled), never with every
 * candidate forbidden; and it must still be running.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningAgent } from '../../agent/compose/start-agent.js';
import { planStubTracks } from '../../agent/core/actuation/plan.js';
import type { ActuationOutcome } from '../../agent/shell/act/actuator.js';
import {
  assertStillRunning,
  expectedTracks,
  faultAgentConfig,
  FIBRE,
  HUB1,
  HUB2,
  LTE,
  someCandidateAllowed,
  startFaultAgent,
  startFaultLab,
  stubTracks,
  waitFor,
  type FaultLab,
} from '../support/fault-rig.js';
import { tempDir } from '../support/temp-dir.js';

const tmp = tempDir('spokepilot-faults-ssh-');
afterAll(() => tmp.cleanup());

const TARGETS = {
  client: 'SPOKE',
  peers: [
    { address: HUB1, stubTrack: 101 },
    { address: HUB2, stubTrack: 102 },
  ],
  sources: [
    { interface: FIBRE, stubTrack: 111 },
    { interface: LTE, stubTrack: 112 },
  ],
};
/** The plan the agent must send to leave a dead hub 1 on fibre. */
const PLAN = planStubTracks(TARGETS, HUB2, FIBRE).configLines;
const K = PLAN.length;

interface Run {
  lab: FaultLab;
  agent: RunningAgent;
  violations: string[];
  outcomes: { effect: unknown; outcome: ActuationOutcome }[];
}

async function withRun(name: string, body: (r: Run) => Promise<void>): Promise<void> {
  const lab = await startFaultLab({ speed: 10, seed: 11 });
  const violations: string[] = [];
  lab.onConfigLine = (line) => {
    const t = stubTracks(lab);
    if (!someCandidateAllowed(t)) violations.push(`after config line ${line.n}: ${JSON.stringify(t)}`);
  };
  const agent = await startFaultAgent(lab, faultAgentConfig(lab, tmp.dir, { name }));
  const outcomes: Run['outcomes'] = [];
  agent.runtime.events.on((e) => {
    if (e.kind === 'actuation') outcomes.push({ effect: e.effect, outcome: e.outcome });
  });
  try {
    await body({ lab, agent, violations, outcomes });
  } finally {
    lab.onConfigLine = undefined;
    await agent.stop('test over', 5000);
    await lab.stop();
  }
}

/** The agent has adopted fibre-hub1 and judged fibre-hub2 good: a hub-1 failure will move it there. */
async function settled(agent: RunningAgent): Promise<void> {
  await waitFor(
    'the agent to adopt fibre-hub1 and judge fibre-hub2 up',
    () => agent.runtime.loop.state.selected === 'fibre-hub1' && agent.runtime.loop.state.health['fibre-hub2']?.verdict === 'good',
    20_000,
  );
}

describe('SSH dropped after each line of a steer (lab over real SSH, stub tracks)', () => {
  it('the plan is allow lines, then forbid lines', () => {
    expect(PLAN).toEqual([
      'track 102 stub-object',
      'default-state up',
      'track 111 stub-object',
      'default-state up',
      'track 112 stub-object',
      'default-state up',
      'track 101 stub-object',
      'default-state down',
    ]);
  });

  it.each(Array.from({ length: K + 1 }, (_, i) => ({ i })))(
    'dropped after line $i of the steer: never all forbidden, steered or rolled back, still running',
    async ({ i }) => {
      await withRun(`drop-${i}`, async ({ lab, agent, violations, outcomes }) => {
        await settled(agent);
        expect(stubTracks(lab)).toEqual(expectedTracks(HUB1, FIBRE));
        const dropped = lab.dropAfter(i);
        lab.router.world.setHubUp('hub1', false);
        expect(
          await waitFor(
            'the drop',
            () => Promise.race([dropped, new Promise<undefined>((r) => setTimeout(() => r(undefined), 50))]),
            20_000,
          ),
        ).toBe(i);
        const done = await waitFor(
          'the steer to end (verified or failed)',
          () =>
            outcomes.find(
              (o) =>
                (o.effect as { kind: string; candidate?: string }).candidate === 'fibre-hub2' &&
                !(!o.outcome.ok && o.outcome.code === 'ACTUATE_SUPERSEDED'),
            ),
          20_000,
        );
        const t = stubTracks(lab);
        if (done.outcome.ok) {
          expect(done.outcome.attempts).toBeGreaterThanOrEqual(2); // the dropped session failed the first apply
          expect(t).toEqual(expectedTracks(HUB2, FIBRE));
          await waitFor(
            'the tunnel on hub 2',
            () => lab.router.state().clients[0]?.phase === 'connected' && lab.router.state().clients[0]?.peer === HUB2,
            10_000,
          );
        } else {
          expect(done.outcome.rolledBack).toBe(true);
        }
        expect(someCandidateAllowed(t)).toBe(true);
        expect(violations).toEqual([]);
        // Journaled: the action, then its verification with the same outcome.
        const journal = agent.store.sqlite()!.journal;
        const rows = await waitFor('the verification in the journal', () => {
          const r = journal.query({ kinds: ['action', 'verification'] }).filter((x) => x.subject === 'fibre-hub2');
          return r.some((x) => x.kind === 'verification') ? r : undefined;
        });
        expect(rows[0]!.kind).toBe('action');
        expect(rows.at(-1)!.data).toMatchObject({ ok: done.outcome.ok });
        await assertStillRunning(agent);
      });
    },
    60_000,
  );

  it.each([{ i: 1 }, { i: 5 }, { i: 7 }])(
    'dropped after line $i of every session, four sessions running (each retry and the rollback): never all forbidden, converges once the drops stop',
    async ({ i }) => {
      await withRun(`drop-every-${i}`, async ({ lab, agent, violations, outcomes }) => {
        await settled(agent);
        void lab.dropAfter(i, 4);
        lab.router.world.setHubUp('hub1', false);
        const failed = await waitFor(
          'the steer to fibre-hub2 to fail',
          () =>
            outcomes.find(
              (o) =>
                (o.effect as { candidate?: string }).candidate === 'fibre-hub2' &&
                !(!o.outcome.ok && o.outcome.code === 'ACTUATE_SUPERSEDED'),
            ),
          30_000,
        );
        expect(failed.outcome).toMatchObject({ ok: false, code: 'ACTUATE_ROUTER_ERROR', rolledBack: false }); // the rollback was dropped too
        expect(lab.drops).toBe(4);
        expect(someCandidateAllowed(stubTracks(lab))).toBe(true);
        // The drops are over: the agent steers again and the router ends on one complete plan.
        const ok = await waitFor(
          'a verified steer after the drops',
          () => outcomes.find((o) => o.outcome.ok && (o.effect as { kind: string }).kind === 'steer'),
          30_000,
        );
        const effect = ok.effect as { peer: string; source: string; candidate: string };
        expect(effect.peer).toBe(HUB2); // hub 1 is dead
        expect(stubTracks(lab)).toEqual(expectedTracks(effect.peer, effect.source));
        const c = lab.router.state().clients[0]!;
        expect([c.peer, c.source]).toEqual([effect.peer, effect.source]);
        expect(violations).toEqual([]);
        const journal = agent.store.sqlite()!.journal;
        await waitFor('both outcomes journaled', () => {
          const v = journal.query({ kinds: ['verification'] }).map((r) => (r.data as { ok: boolean }).ok);
          return v.includes(false) && v.includes(true);
        });
        await assertStillRunning(agent);
      });
    },
    90_000,
  );
});
