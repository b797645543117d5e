/** EEM applets: the pure detectors and ordering as tables, then applets running on a lab router. */
import { describe, expect, it } from 'vitest';
import { renderRunningConfig } from '../../lab/render/running-config.js';
import type { AppletAction, AppletEvent } from '../../lab/router/config-model.js';
import {
  admitRun,
  MAX_RUNS_PER_SECOND,
  newAppletRuntime,
  sortedActions,
  syslogMatch,
  timerDue,
  trackFires,
} from '../../lab/router/dynamics/eem.js';
import { parseSyslogEvent } from '../../lab/router/commands/eem-text.js';
import { activePeer, exec, labRouter, seconds } from './lab-helpers.js';

describe('EEM detectors (Cisco EEM configuration guide)', () => {
  it('orders actions by label as strings: 10.0 before 2.0', () => {
    const a = (label: string): AppletAction => ({ label, kind: 'syslog', msg: label });
    expect(sortedActions([a('2.0'), a('10.0'), a('1.5'), a('1.0')]).map((x) => x.label)).toEqual(['1.0', '1.5', '10.0', '2.0']);
  });

  it.each([
    ['down', 'down', true],
    ['down', 'up', false],
    ['up', 'up', true],
    ['any', 'down', true],
    ['any', 'up', true],
  ] as const)('event track 5 state %s fires on a change to %s: %s', (state, to, fires) => {
    expect(trackFires({ kind: 'track', track: 5, state }, 5, to)).toBe(fires);
    expect(trackFires({ kind: 'track', track: 5, state }, 6, to)).toBe(false);
  });

  it('syslog: occurs N within period S fires on the Nth match and counts again', () => {
    const ev: AppletEvent = { kind: 'syslog', pattern: 'UPDOWN', occurs: 3, periodSec: 10 };
    let rt = newAppletRuntime(ev, 0);
    const fired: boolean[] = [];
    for (const [line, at] of [
      ['x UPDOWN', 0],
      ['other', 1000],
      ['UPDOWN', 2000],
      ['UPDOWN', 3000],
      ['UPDOWN', 4000],
      ['UPDOWN', 20_000],
      ['UPDOWN', 21_000],
    ] as const) {
      const r = syslogMatch(ev, rt, line, at);
      rt = r.rt;
      fired.push(r.fires);
    }
    // The 4th match starts a new count; by 20 s the 4 s match has left the 10 s window.
    expect(fired).toEqual([false, false, false, true, false, false, false]);
  });

  it('timers: a watchdog fires every S seconds from registration, a countdown once', () => {
    const run = (ev: AppletEvent, times: number[]): number[] => {
      let rt = newAppletRuntime(ev, 1000);
      return times.filter((t) => {
        const r = timerDue(ev, rt, t);
        rt = r.rt;
        return r.fires;
      });
    };
    expect(run({ kind: 'timer', timer: 'watchdog', timeSec: 5 }, [2000, 5000, 6000, 7000, 11_000, 16_000])).toEqual([6000, 11_000, 16_000]);
    expect(run({ kind: 'timer', timer: 'countdown', timeSec: 5 }, [6000, 11_000, 16_000])).toEqual([6000]);
  });

  it(`admits at most ${MAX_RUNS_PER_SECOND} runs of one applet per second (the self-trigger guard)`, () => {
    let rt = newAppletRuntime(undefined, 0);
    const admitted = [0, 10, 20, 30, 40, 999, 1000, 1010].map((t) => {
      const next = admitRun(rt, t);
      if (next) rt = next;
      return next !== undefined;
    });
    expect(admitted).toEqual([true, true, true, true, false, false, true, true]);
  });

  it.each([
    ['"%TRACK-6-STATE: 1 .* -> Down" occurs 2 period 30', { pattern: '%TRACK-6-STATE: 1 .* -> Down', occurs: 2, periodSec: 30 }],
    ['UPDOWN', { pattern: 'UPDOWN' }],
    ['"(unclosed"', undefined],
    ['"x" occurs 0', undefined],
    ['"x" sometimes 3', undefined],
  ])('pattern %s', (text, expected) => {
    expect(parseSyslogEvent(text)).toEqual(expected && { kind: 'syslog', ...expected });
  });
});

function applet(router: ReturnType<typeof labRouter>['router'], name: string, lines: string[]): void {
  exec(router, `event manager applet ${name}`, 'config');
  for (const l of lines) exec(router, l, 'config-applet', name);
}

describe('applets on the lab router', () => {
  it('a track change sets a stub object and logs %HA_EM-6-LOG', () => {
    const { router, clock } = labRouter();
    exec(router, 'track 50 stub-object', 'config');
    exec(router, 'default-state up', 'config-track', '50');
    exec(router, 'track 51 stub-object', 'config');
    exec(router, 'default-state up', 'config-track', '51');
    applet(router, 'FOLLOW', [
      'event track 50 state down',
      'action 2.0 track set 51 state down',
      'action 1.0 syslog msg "track 50 went down"',
    ]);
    seconds(clock, 1);
    exec(router, 'default-state down', 'config-track', '50');
    seconds(clock, 1);
    expect(router.state().tracks[51]).toBe('down');
    const log = router.model.log.lines.join('\n');
    expect(log).toMatch(/%HA_EM-6-LOG: FOLLOW: track 50 went down\n.*%TRACK-6-STATE: 51 stub-object Up -> Down/);
    // The configuration still says default-state up: only the state moved.
    expect(renderRunningConfig(router.model)).toContain('track 51 stub-object\n default-state up');
  });

  it('action track set leaves a non-stub object alone', () => {
    const { router, clock } = labRouter();
    applet(router, 'BAD', ['event none', 'action 1.0 track set 1 state down']);
    const before = router.state().tracks[1];
    exec(router, 'event manager run BAD');
    seconds(clock, 1);
    expect(router.state().tracks[1]).toBe(before);
  });

  it("a syslog pattern (another feature's message) runs CLI actions through the router's own commands", () => {
    const { router, clock } = labRouter();
    seconds(clock, 40);
    const peer = activePeer(router);
    expect(peer).toBeDefined();
    applet(router, 'CLEAR', [
      'event syslog pattern "%TRACK-6-STATE: 60 stub-object Up -> Down"',
      'action 1.0 cli command "enable"',
      `action 2.0 cli command "clear crypto session remote ${peer}"`,
      'action 3.0 cli command "configure terminal"',
      'action 4.0 cli command "track 61 stub-object"',
      'action 5.0 cli command "end"',
    ]);
    exec(router, 'track 60 stub-object', 'config');
    exec(router, 'default-state up', 'config-track', '60');
    exec(router, 'default-state down', 'config-track', '60');
    seconds(clock, 1);
    expect(router.model.config.tracks.has(61)).toBe(true);
    expect(router.model.log.lines.some((l) => l.includes(`Crypto tunnel v2 is DOWN.  Peer ${peer}`))).toBe(true);
    expect(router.model.log.lines.some((l) => l.endsWith('%SYS-5-CONFIG_I: Configured from console by  on vty0 (EEM:CLEAR)'))).toBe(true);
  });

  it('with a cost per vty command, exec commands wait their turn (a config session counts once) and hold the next run', () => {
    const { router, clock } = labRouter({ eemCliCommandMs: 150 });
    exec(router, 'track 60 stub-object', 'config');
    exec(router, 'default-state up', 'config-track', '60');
    applet(router, 'SLOW', [
      'event track 60 state down',
      'action 1.0 cli command "enable"',
      'action 2.0 cli command "configure terminal"',
      'action 3.0 cli command "track 61 stub-object"',
      'action 4.0 cli command "track 62 stub-object"',
      'action 5.0 cli command "end"',
      'action 6.0 syslog msg "configured"',
    ]);
    applet(router, 'NEXT', ['event track 60 state down', 'action 1.0 syslog msg "second applet"']);
    seconds(clock, 1);
    let ranAt: number | undefined;
    router.subscribe((e) => {
      if (e.kind === 'eem' && e.applet === 'SLOW' && e.detail === 'run') ranAt = e.at;
    });
    exec(router, 'default-state down', 'config-track', '60');
    let configuredAt: number | undefined;
    for (let i = 0; i < 60 && configuredAt === undefined; i++) {
      clock.advance(50);
      if (router.model.config.tracks.has(61)) configuredAt = clock.now();
    }
    // `enable` is 150 ms after the run starts, `configure terminal` 300 ms; its lines and `end` go with it.
    expect(ranAt).toBeDefined();
    expect(configuredAt! - ranAt!).toBe(300);
    expect(router.model.config.tracks.has(62)).toBe(true);
    const lines = router.model.log.lines;
    const configured = lines.findIndex((l) => l.includes('SLOW: configured'));
    // NEXT fired on the same change but ran after SLOW's last action (one applet thread).
    expect(configured).toBeGreaterThanOrEqual(0);
    expect(lines.findIndex((l) => l.includes('NEXT: second applet'))).toBeGreaterThan(configured);
  });

  it('an applet that triggers itself is bounded, and a watchdog timer fires on the tick', () => {
    const { router, clock } = labRouter();
    applet(router, 'LOOP', ['event syslog pattern "LOOP"', 'action 1.0 syslog msg "LOOP again"']);
    applet(router, 'TICK', ['event timer watchdog time 5', 'action 1.0 syslog msg "tick"']);
    exec(router, 'event manager run LOOP'); // not `event none`: refused
    router.model.log.record({ kind: 'eem-log', at: clock.now(), applet: 'TEST', text: 'LOOP start' });
    seconds(clock, 10);
    const lines = router.model.log.lines;
    const loops = lines.filter((l) => l.includes('LOOP: LOOP again')).length;
    expect(loops).toBeGreaterThanOrEqual(MAX_RUNS_PER_SECOND);
    expect(loops).toBeLessThanOrEqual(MAX_RUNS_PER_SECOND * 2);
    expect(lines.filter((l) => l.includes('TICK: tick'))).toHaveLength(2);
  });

  it("show event manager policy registered and running-config, in IOS's layout; no removes", () => {
    const { router } = labRouter();
    applet(router, 'WATCH', [
      'event syslog pattern "IPSLATHRESHOLD" occurs 2',
      'action 1.0 track set 101 state down',
      'action 1.1 cli command "enable"',
    ]);
    applet(router, 'EMPTY', []);
    const show = exec(router, 'show event manager policy registered').split('\n');
    expect(show[0]).toBe('No.  Class     Type    Event Type          Trap  Time Registered           Name');
    expect(show[1]).toMatch(/^1 {4}applet {4}user {4}syslog {14}Off {3}\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4} +WATCH$/);
    expect(show.slice(2)).toEqual([
      ' pattern {IPSLATHRESHOLD}',
      ' occurs 2',
      ' maxrun 20.000',
      ' action 1.0 track set 101 state down',
      ' action 1.1 cli command "enable"',
    ]);
    expect(renderRunningConfig(router.model)).toContain(
      'event manager applet WATCH\n event syslog pattern "IPSLATHRESHOLD" occurs 2\n action 1.0 track set 101 state down\n action 1.1 cli command "enable"\n!\nevent manager applet EMPTY\n!\nend',
    );
    exec(router, 'no event manager applet WATCH', 'config');
    expect(exec(router, 'show event manager policy registered').split('\n')).toHaveLength(1);
  });
});
