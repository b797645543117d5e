/**
 * The agent's actuation path, driven only through typed CLI lines as the SSH
 * terminal would run them: stub objects of the default configuration steer
 * the FlexVPN client (stub 101 -> peer, stub 111 -> source via list 201), and
 * the router's own show output says what happened.
 */
import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import type { FlexVpnClient } from '../../proto/records/crypto.js';
import type { Track } from '../../proto/records/health.js';
import { CliSession } from '../../lab/cli/session.js';
import { createLabRouter, type LabRouter } from '../../lab/router/index.js';
import { ManualClock } from '../../lab/world/clock.js';

const HUB1 = '198.51.100.1';
const HUB2 = '203.0.113.1';

function spoke(): { router: LabRouter; clock: ManualClock; cli: CliSession } {
  const clock = new ManualClock();
  const router = createLabRouter({ clock, seed: 1 });
  router.start();
  return { router, clock, cli: new CliSession({ device: router, privilege: 15, user: 'agent' }) };
}

const CONFIG_BANNER = 'Enter configuration commands, one per line.  End with CNTL/Z.';

/** Types each line; IOS prints nothing for an accepted configuration line (bar the banner of `configure terminal`). */
function type(cli: CliSession, ...lines: string[]): void {
  for (const line of lines)
    expect(
      cli.execute(line).lines.filter((l) => l !== CONFIG_BANNER),
      line,
    ).toEqual([]);
}

function show<T>(cli: CliSession, command: string): T[] {
  const text = cli.execute(command).lines.join('\n');
  const out = parseCommandOutput(command, text);
  expect(out.warnings, `${command}:\n${text}`).toEqual([]);
  return out.records as T[];
}

/** Lab seconds until `done` holds, stepping one second at a time (at most `limit`). */
function secondsUntil(clock: ManualClock, limit: number, done: () => boolean): number {
  for (let s = 1; s <= limit; s++) {
    clock.advance(1000);
    if (done()) return s;
  }
  return Infinity;
}

describe('actuation through the CLI (default configuration, stubs up = native IOS)', () => {
  it('track 101 default-state down: the client leaves peer 1 and selects peer 2 within 3 s', () => {
    const { router, clock, cli } = spoke();
    expect(show<FlexVpnClient>(cli, 'show crypto ikev2 client flexvpn')[0]).toMatchObject({ currentState: 'active', peer: HUB1 });
    type(cli, 'configure terminal', 'track 101 stub-object', 'default-state down', 'end');
    expect(cli.prompt()).toBe('spoke1#');
    expect(show<Track>(cli, 'show track 101')[0]).toMatchObject({ type: 'stub-object', state: 'down' });
    const took = secondsUntil(
      clock,
      10,
      () => router.state().clients[0]?.phase === 'connected' && router.state().clients[0]?.peer === HUB2,
    );
    expect(took).toBeLessThanOrEqual(3);
    expect(show<FlexVpnClient>(cli, 'show crypto ikev2 client flexvpn')[0]).toMatchObject({
      currentState: 'active',
      peer: HUB2,
      sourceInterface: 'GigabitEthernet0/0',
    });
    const log = cli.execute('show logging').lines.join('\n');
    expect(log).toMatch(/%TRACK-6-STATE: 101 stub-object Up -> Down/);
    expect(log).toMatch(/%SYS-5-CONFIG_I: Configured from console by agent/);
  });

  it('track 111 default-state down: list 201 goes down and the tunnel pivots to Cellular0/1/0 within 3 s; up again brings it back', () => {
    const { router, clock, cli } = spoke();
    type(cli, 'configure terminal', 'track 111 stub-object', 'default-state down', 'end');
    expect(show<Track>(cli, 'show track 201')[0]).toMatchObject({
      type: 'list',
      state: 'down',
      listObjects: [
        { id: 1, state: 'up' },
        { id: 111, state: 'down' },
      ],
    });
    const onLte = () => router.state().clients[0]?.phase === 'connected' && router.state().clients[0]?.source === 'Cellular0/1/0';
    expect(secondsUntil(clock, 10, onLte)).toBeLessThanOrEqual(3);
    expect(show<FlexVpnClient>(cli, 'show crypto ikev2 client flexvpn')[0]).toMatchObject({ peer: HUB1, sourceInterface: 'Cellular0/1/0' });
    type(cli, 'configure terminal', 'track 111 stub-object', 'default-state up', 'end');
    const onFibre = () => router.state().clients[0]?.phase === 'connected' && router.state().clients[0]?.source === 'GigabitEthernet0/0';
    expect(secondsUntil(clock, 10, onFibre)).toBeLessThanOrEqual(3);
  });

  it('with every stub up the lists follow the SLA tracks: a dead fibre path still pivots natively', () => {
    const { router, clock } = spoke();
    const client = router.model.config.flexClients.get('SPOKE')!;
    expect(client.peers.map((p) => p.track)).toEqual([101, 102]);
    expect(client.sources.map((x) => x.track)).toEqual([201, 202]);
    expect(router.model.config.tracks.get(202)).toMatchObject({
      kind: 'list',
      operator: 'and',
      objects: [
        { id: 2, negated: false },
        { id: 112, negated: false },
      ],
    });
    router.world.setPath('GigabitEthernet0/0', '*', { lossPct: 100 });
    clock.advance(60_000);
    expect(router.state().tracks).toMatchObject({ 1: 'down', 111: 'up', 201: 'down', 202: 'up' });
    // DPD to hub 1 over the dead fibre may give up first: IOS then moves on to peer 2 as well.
    expect(router.state().clients[0]).toMatchObject({ phase: 'connected', source: 'Cellular0/1/0' });
  });
});
