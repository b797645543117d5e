import { describe, expect, it } from 'vitest';
import type { DualCloudConfig } from '../../../agent/core/dual-cloud/config.js';
import { DualCloudReader } from '../../../agent/shell/observe/dual-cloud-reader.js';
import { DC as FIXTURE, H1 } from '../core/dual-cloud/fixture.js';

/** Hub 1 names track 141; `trust` as given. */
const config = (trust: boolean): DualCloudConfig => ({
  ...FIXTURE,
  hubs: [{ ...FIXTURE.hubs[0]!, qualityTrack: 141, ...(trust ? { qualityTrackDown: 'trust' as const } : {}) }, FIXTURE.hubs[1]!],
});

/** A reader over scripted `show track brief` rows, recording what it observes and calls, in order. */
function reader(trust: boolean) {
  const calls: string[] = [];
  let state: 'up' | 'down' = 'up';
  const r = new DualCloudReader({
    dualCloud: config(trust),
    parse: (async (id: string) => {
      calls.push(id);
      return id === 'show track brief' ? [{ id: 141, state }] : [];
    }) as never,
    observe: (obs) => calls.push(...obs.map((o) => `observe ${JSON.stringify(o)}`)),
    confirm: async () => void calls.push('confirm'),
    steered: async () => void calls.push('steered'),
    onShortcut: () => undefined,
    onShortcutViolations: () => undefined,
  });
  return { r, calls, set: (s: 'up' | 'down') => (state = s) };
}

describe("DualCloudReader.readHubTracks: a hub's track gone Down", () => {
  it('observed, then the probes read again for the agent to confirm it, then the steer awaited; once per change', async () => {
    const { r, calls, set } = reader(false);
    await r.readHubTracks();
    expect(calls).toEqual(['show track brief', 'observe {"kind":"hub-tracks","down":[]}', 'steered']);
    calls.length = 0;
    set('down');
    await r.readHubTracks();
    expect(calls).toEqual([
      'show track brief',
      `observe {"kind":"hub-tracks","down":[{"peer":"${H1}","track":141}]}`,
      'confirm',
      'steered',
    ]);
    calls.length = 0;
    // Still Down: nothing new to observe or confirm (the probes' own reads keep checking it).
    await r.readHubTracks();
    expect(calls).toEqual(['show track brief']);
    calls.length = 0;
    // Back Up: observed, nothing to confirm.
    set('up');
    await r.readHubTracks();
    expect(calls).toEqual(['show track brief', 'observe {"kind":"hub-tracks","down":[]}', 'steered']);
  });

  it('a trusted track is acted on without reading the probes again', async () => {
    const { r, calls, set } = reader(true);
    set('down');
    await r.readHubTracks();
    expect(calls).toEqual([
      'show track brief',
      `observe {"kind":"hub-tracks","down":[{"peer":"${H1}","track":141,"trusted":true}]}`,
      'steered',
    ]);
  });
});
