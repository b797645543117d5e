/**
 * Issue 13 item 1, as the operator met it: the agent steered to LTE, a signed
 * set-policy switched it to dry-run and back to enforce, and its own stub
 * track for the fibre stayed down with nothing said. Now dry-run releases the
 * agent's forbids and says so, and enforce steers back to the candidate the
 * policy selected. The agent in this process, the lab over SSH, aedes, an operator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { agentOperatorRig, published, waitFor, type AgentOperatorRig } from '../support/agent-operator.js';
import { tempDir } from '../support/temp-dir.js';

const tmp = tempDir('spokepilot-mode-');
let rig: AgentOperatorRig;
const FIBRE_TRACK = 111;

describe('mode changes by signed set-policy are applied to the router', () => {
  beforeAll(async () => {
    rig = await agentOperatorRig();
  });
  afterAll(async () => {
    await rig.close();
    tmp.cleanup();
  });

  it('dry-run releases the forbids, enforce steers back to the selected candidate, each reported', async () => {
    await rig.withAgent(rig.configFor('mode', join(tmp.dir, 'm.db')), async ({ agent, seen, command, health }) => {
      const track = (n: number) => rig.spoke.router.state().tracks[n];
      const loop = agent.runtime.loop;
      await waitFor('adoption', () => loop.state.selected === 'fibre-hub1' || undefined);
      expect(await command('tx-m1', 'force-path', { source: 'Cellular0/1/0', forSec: 3600 })).toMatchObject({ ok: true });
      await waitFor('steered to LTE', () => (track(FIBRE_TRACK) === 'down' && !loop.actuating) || undefined);
      const selected = loop.state.selected;

      expect(await command('tx-m2', 'set-policy', { policy: { mode: 'dry-run' } })).toMatchObject({ ok: true });
      await waitFor('the fibre forbid released', () => (track(FIBRE_TRACK) === 'up' && !loop.actuating) || undefined);
      expect(await health()).toMatchObject({ mode: 'dry-run', status: 'ok' });
      await waitFor('a drift event saying the forbids were released', () =>
        published(seen, 'event').find(
          (e) => e.kind === 'drift' && e.action === 'mode-applied' && e.mode === 'dry-run' && e.applied === 'release',
        ),
      );

      expect(await command('tx-m3', 'set-policy', { policy: { mode: 'enforce' } })).toMatchObject({ ok: true });
      await waitFor(
        'steered back to the selected candidate',
        () =>
          (track(FIBRE_TRACK) === 'down' && !loop.actuating && rig.spoke.router.state().clients[0]?.source === 'Cellular0/1/0') ||
          undefined,
      );
      expect(loop.state.selected).toBe(selected);
      await waitFor('a drift event saying the selected candidate was steered to', () =>
        published(seen, 'event').find(
          (e) => e.kind === 'drift' && e.action === 'mode-applied' && e.mode === 'enforce' && e.applied === 'steer',
        ),
      );
      await waitFor('in sync', () => (loop.drift === undefined && agent.runtime.pollerStats().flexvpn!.reads > 0) || undefined);
      expect(await health()).toMatchObject({ mode: 'enforce', status: 'ok' });
    });
  }, 90_000);
});
