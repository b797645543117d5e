/** Interface and list tracks: configuration, IOS semantics, and `show track [brief]` read back by the agent's parser. */
import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import type { Track } from '../../proto/records/health.js';
import { renderRunningConfig } from '../../lab/render/running-config.js';
import { createLabRouter, type LabRouter } from '../../lab/router/index.js';
import { ManualClock } from '../../lab/world/clock.js';
import { exec, labRouter, seconds } from './lab-helpers.js';

function tracks(router: LabRouter, command: string): Track[] {
  const text = exec(router, command);
  const out = parseCommandOutput(command, text);
  expect(out.warnings, `${command}:\n${text}`).toEqual([]);
  return out.records as Track[];
}

/** Stub 60 and 61, list 70 = 60 and not 61, list 71 = 60 or 61, interface tracks 80 and 81. */
function withTracks(): { router: LabRouter; clock: ManualClock } {
  const lab = labRouter();
  const { router } = lab;
  exec(router, 'track 60 stub-object', 'config');
  exec(router, 'default-state up', 'config-track', '60');
  exec(router, 'track 61 stub-object', 'config');
  exec(router, 'track 70 list boolean and', 'config');
  exec(router, 'object 60', 'config-track', '70');
  exec(router, 'object 61 not', 'config-track', '70');
  exec(router, 'track 71 list boolean or', 'config');
  exec(router, 'object 61', 'config-track', '71');
  exec(router, 'object 60', 'config-track', '71');
  exec(router, 'track 80 interface Cellular0/1/0 line-protocol', 'config');
  exec(router, 'track 81 interface Tunnel100 ip routing', 'config');
  return lab;
}

describe('list tracks (IOS: and = all up, or = any up, not inverts)', () => {
  it('combine their members in the same second and follow changes', () => {
    const { router, clock } = withTracks();
    seconds(clock, 1);
    expect(router.state().tracks).toMatchObject({ 60: 'up', 61: 'down', 70: 'up', 71: 'up', 80: 'up', 81: 'up' });
    exec(router, 'default-state up', 'config-track', '61');
    expect(router.state().tracks).toMatchObject({ 70: 'down', 71: 'up' });
    exec(router, 'default-state down', 'config-track', '60');
    exec(router, 'default-state down', 'config-track', '61');
    expect(router.state().tracks).toMatchObject({ 70: 'down', 71: 'down' });
    expect(router.model.log.lines.filter((l) => l.includes('%TRACK-6-STATE: 71 list boolean or Up -> Down'))).toHaveLength(1);
  });

  it('delay up/down applies to the list result', () => {
    const { router, clock } = withTracks();
    exec(router, 'delay down 3', 'config-track', '70');
    seconds(clock, 1);
    exec(router, 'default-state down', 'config-track', '60');
    seconds(clock, 2);
    expect(router.state().tracks[70]).toBe('up');
    expect(tracks(router, 'show track 70')[0]).toMatchObject({ state: 'up', delayedState: 'down', delayDownSec: 3 });
    seconds(clock, 1);
    expect(router.state().tracks[70]).toBe('down');
  });

  it('object lines replace by id; no object removes; object on a non-list is refused', () => {
    const { router } = withTracks();
    exec(router, 'object 61', 'config-track', '70');
    exec(router, 'no object 60', 'config-track', '70');
    expect(router.model.config.tracks.get(70)).toMatchObject({ objects: [{ id: 61, negated: false }] });
    expect(() => exec(router, 'object 1', 'config-track', '60')).toThrow(/Invalid input/);
    expect(() => exec(router, 'track 60 list boolean and', 'config')).toThrow(/Track type cannot be changed/);
  });
});

describe('interface tracks', () => {
  it('line-protocol follows the line protocol; ip routing also needs an address', () => {
    const { router, clock } = withTracks();
    router.world.setWanUp('Cellular0/1/0', false);
    seconds(clock, 1);
    expect(router.state().tracks[80]).toBe('down');
    expect(router.model.log.lines.some((l) => l.endsWith('%TRACK-6-STATE: 80 interface Ce0/1/0 line-protocol Up -> Down'))).toBe(true);
    exec(router, 'shutdown', 'config-if', 'Tunnel100');
    seconds(clock, 2); // the tunnel's protocol goes down with its SA, read on the next second
    expect(router.state().tracks[81]).toBe('down');
    expect(exec(router, 'show track 81')).toContain('  IP routing is Down (no ip addr)');
  });

  it('refuses an interface the router does not have', () => {
    const { router } = labRouter();
    expect(() => exec(router, 'track 9 interface GigabitEthernet0/7 line-protocol', 'config')).toThrow(/Invalid input/);
  });
});

describe('show track renders list and interface objects as IOS does, and the health parser reads them', () => {
  it('show track', () => {
    const { router, clock } = withTracks();
    seconds(clock, 1);
    const text = exec(router, 'show track 70');
    expect(text.split('\n').slice(0, 3)).toEqual(['Track 70', '  List boolean and', '  Boolean AND is Up']);
    expect(text).toContain('\n    object 60 Up\n    object 61 not Down');
    const all = tracks(router, 'show track');
    expect(all.find((t) => t.id === 70)).toMatchObject({
      type: 'list',
      parameter: 'boolean-and',
      state: 'up',
      listObjects: [
        { id: 60, negated: false, state: 'up' },
        { id: 61, negated: true, state: 'down' },
      ],
    });
    expect(all.find((t) => t.id === 71)).toMatchObject({ type: 'list', parameter: 'boolean-or', state: 'up' });
    expect(all.find((t) => t.id === 80)).toMatchObject({
      type: 'interface',
      instance: 'Cellular0/1/0',
      parameter: 'line-protocol',
      state: 'up',
    });
    expect(all.find((t) => t.id === 81)).toMatchObject({ type: 'interface', instance: 'Tunnel100', parameter: 'ip-routing', state: 'up' });
  });

  it('show track brief', () => {
    const { router, clock } = withTracks();
    seconds(clock, 1);
    const rows = tracks(router, 'show track brief');
    expect(rows.find((t) => t.id === 70)).toMatchObject({ type: 'list', parameterRaw: 'boolean', state: 'up' });
    expect(rows.find((t) => t.id === 81)).toMatchObject({
      type: 'interface',
      instance: 'Tunnel100',
      parameterRaw: 'ip routing',
      state: 'up',
    });
    expect(exec(router, 'show track 70 brief').split('\n')[1]).toMatch(/^70 {4}list {8} {27}boolean {10}Up {4}\d\d:\d\d:\d\d$/);
  });

  it('show running-config prints them back and rebuilds the same tracks', () => {
    const { router } = withTracks();
    const text = renderRunningConfig(router.model);
    expect(text).toContain('track 70 list boolean and\n object 60\n object 61 not\n!');
    expect(text).toContain('track 81 interface Tunnel100 ip routing\n!');
    const body = text
      .split('\n')
      .slice(3)
      .filter((l) => !/^(version|service|boot-|ip route|end)/.test(l))
      .join('\n');
    const rebuilt = createLabRouter({ clock: new ManualClock(), config: body });
    expect(renderRunningConfig(rebuilt.model)).toBe(text);
  });
});
