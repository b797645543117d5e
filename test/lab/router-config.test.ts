/** Configuration lines take effect; invalid lines throw IOS's error and change nothing. */
import { describe, expect, it } from 'vitest';
import { CliError } from '../../lab/cli/grammar.js';
import { renderRunningConfig } from '../../lab/render/running-config.js';
import { createLabRouter } from '../../lab/router/index.js';
import { ManualClock } from '../../lab/world/clock.js';
import { exec, labRouter, seconds } from './lab-helpers.js';

function expectRefused(run: () => unknown, text: RegExp): void {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).lines.join('\n')).toMatch(text);
    return;
  }
  throw new Error('the line was accepted');
}

describe('configuration commands', () => {
  it('enters the sub-modes IOS names in the prompt', () => {
    const { router } = labRouter();
    const enter = (line: string, mode = 'config', target?: string) => {
      const def = router
        .commands()
        .find(
          (d) =>
            d.modes.includes(mode as never) && d.syntax.length > 0 && line.startsWith((d.syntax[0] as { word?: string }).word ?? '\u0000'),
        );
      expect(def).toBeDefined();
      return exec(router, line, mode as never, target);
    };
    expect(enter('track 7 stub-object')).toBe('');
    expect(enter('crypto ikev2 client flexvpn SPOKE')).toBe('');
  });

  it('a stub track follows default-state; delay lines replace the delay', () => {
    const { router, clock } = labRouter();
    exec(router, 'track 7 stub-object', 'config');
    exec(router, 'delay up 3 down 4', 'config-track', '7');
    exec(router, 'default-state up', 'config-track', '7');
    seconds(clock, 1);
    expect(router.state().tracks[7]).toBe('down'); // held back by `delay up 3`
    seconds(clock, 3);
    expect(router.state().tracks[7]).toBe('up');
    expect(router.model.config.tracks.get(7)).toMatchObject({ delayUpSec: 3, delayDownSec: 4 });
    exec(router, 'delay down 9', 'config-track', '7');
    expect(router.model.config.tracks.get(7)).toEqual({ id: 7, kind: 'stub-object', defaultState: 'up', delayDownSec: 9 });
  });

  it('ip sla defaults are IOS defaults; a scheduled entry cannot be modified', () => {
    const { router, clock } = labRouter();
    exec(router, 'ip sla 50', 'config');
    exec(router, 'icmp-echo 203.0.113.1 source-interface Cellular0/1/0', 'config-ip-sla', '50');
    expect(router.model.config.slas.get(50)).toMatchObject({ frequencySec: 60, thresholdMs: 5000, timeoutMs: 5000 });
    exec(router, 'frequency 15', 'config-ip-sla-echo', '50');
    exec(router, 'ip sla schedule 50 life forever start-time now', 'config');
    seconds(clock, 1);
    // The first run starts on the next step; its result is known when the reply is in, a step later.
    expect(router.model.rt.slas.get(50)?.successes).toBe(0);
    seconds(clock, 1);
    expect(router.model.rt.slas.get(50)?.successes).toBe(1);
    expectRefused(() => exec(router, 'ip sla 50', 'config'), /Entry already running and cannot be modified/);
    exec(router, 'no ip sla 50', 'config');
    expect(router.model.config.slas.has(50)).toBe(false);
    expect(router.model.config.scheduled.has(50)).toBe(false);
  });

  it('client block lines replace by sequence number', () => {
    const { router } = labRouter();
    exec(router, 'peer 2 192.0.2.77 track 5 down', 'config-ikev2-flexvpn', 'SPOKE');
    exec(router, 'backup group 3', 'config-ikev2-flexvpn', 'SPOKE');
    exec(router, 'peer reactivate', 'config-ikev2-flexvpn', 'SPOKE');
    const c = router.model.config.flexClients.get('SPOKE')!;
    expect(c.peers.find((p) => p.seq === 2)).toEqual({ seq: 2, address: '192.0.2.77', track: 5, trackState: 'down' });
    expect(c.peers).toHaveLength(2);
    expect(c).toMatchObject({ backupGroup: 3, peerReactivate: true });
  });

  it.each([
    ['default-state on an ip sla track', 'default-state up', 'config-track', '1', /Invalid input/],
    ['changing a track type', 'track 101 ip sla 1 state', 'config', undefined, /Track type cannot be changed/],
    ['a source on a tunnel', 'source 3 Tunnel100 track 1', 'config-ikev2-flexvpn', 'SPOKE', /Invalid input/],
    ['client connect to a physical interface', 'client connect GigabitEthernet0/0', 'config-ikev2-flexvpn', 'SPOKE', /Invalid input/],
    ['an interface the chassis lacks', 'interface GigabitEthernet0/9', 'config', undefined, /Invalid input/],
    ['a non-contiguous mask', 'ip address 10.1.1.1 255.0.255.0', 'config-if', 'Vlan1', /Invalid input/],
    ['scheduling a missing operation', 'ip sla schedule 77 life forever start-time now', 'config', undefined, /No IP SLA operation 77/],
    ['removing a peer that is not there', 'no peer 9', 'config-ikev2-flexvpn', 'SPOKE', /Invalid input/],
  ])('refuses %s and changes nothing', (_name, line, mode, target, error) => {
    const { router } = labRouter();
    const before = renderRunningConfig(router.model);
    expectRefused(() => exec(router, line, mode as never, target), error);
    expect(renderRunningConfig(router.model)).toBe(before);
  });

  it('show running-config prints back a configuration that rebuilds the same router', () => {
    const { router } = labRouter();
    exec(router, 'peer reactivate', 'config-ikev2-flexvpn', 'SPOKE');
    const text = exec(router, 'show running-config');
    expect(text).toMatch(/^Building configuration\.\.\.\n\nCurrent configuration : \d+ bytes\n!/);
    const body = text
      .split('\n')
      .slice(3)
      .filter((l) => !/^(version|service|boot-|ip route|end)/.test(l))
      .join('\n');
    const rebuilt = createLabRouter({ clock: new ManualClock(), config: body });
    expect(renderRunningConfig(rebuilt.model)).toBe(renderRunningConfig(router.model));
  });

  it('logs %SYS-5-CONFIG_I when the terminal reports a configuration session', () => {
    const { router } = labRouter();
    router.configured('admin on vty0 (10.0.0.9)');
    expect(router.model.log.lines.at(-1)).toMatch(/%SYS-5-CONFIG_I: Configured from console by admin on vty0 \(10\.0\.0\.9\)$/);
  });
});
