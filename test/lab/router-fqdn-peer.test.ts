/** `peer N fqdn NAME [dynamic]`: resolution against the world's DNS, failure as a reselection trigger. */
import { describe, expect, it } from 'vitest';
import { matchLine } from '../../lab/cli/matcher.js';
import { renderRunningConfig } from '../../lab/render/running-config.js';
import { activePeer, exec, labRouter, seconds } from './lab-helpers.js';

const HUB1 = '198.51.100.1';
const HUB2 = '203.0.113.1';
const FLEX = 'config-ikev2-flexvpn';

/** A spoke whose peer 1 is hub 1 by name, reconnecting from scratch. */
function fqdnSpoke(line: string, before?: (r: ReturnType<typeof labRouter>['router']) => void) {
  const spoke = labRouter();
  before?.(spoke.router);
  exec(spoke.router, line, FLEX, 'SPOKE');
  exec(spoke.router, `clear crypto ikev2 sa remote ${HUB1}`);
  return spoke;
}

describe('FQDN peers', () => {
  it('dynamic: resolved when the client connects', () => {
    const { router, clock } = fqdnSpoke('peer 1 fqdn hub1.example.net dynamic track 101');
    seconds(clock, 2);
    expect(activePeer(router)).toBe(HUB1);
    expect(router.model.config.flexClients.get('SPOKE')!.peers.find((p) => p.seq === 1)).toEqual({
      seq: 1,
      address: '',
      fqdn: { name: 'hub1.example.net', dynamic: true },
      track: 101,
      trackState: 'up',
    });
  });

  it('dynamic: a name that does not resolve makes the client go on to peer 2, saying so once', () => {
    const { router, clock } = fqdnSpoke('peer 1 fqdn hub1.example.net dynamic', (r) => r.world.dns.setFailing('hub1.example.net', true));
    const reasons: string[] = [];
    router.subscribe((e) => {
      if (e.kind === 'flexvpn-peer') reasons.push(e.reason);
    });
    seconds(clock, 2);
    expect(activePeer(router)).toBe(HUB2);
    expect(reasons.filter((r) => r.includes('name not resolved'))).toEqual(['peer 1 fqdn hub1.example.net: name not resolved']);
  });

  it('dynamic: the name follows a record change on the next connection', () => {
    const { router, clock } = fqdnSpoke('peer 1 fqdn hub1.example.net dynamic', (r) => r.world.dns.setRecord('hub1.example.net', HUB2));
    seconds(clock, 2);
    expect(activePeer(router)).toBe(HUB2);
    router.world.dns.setRecord('hub1.example.net', HUB1);
    exec(router, `clear crypto ikev2 sa remote ${HUB2}`);
    seconds(clock, 2);
    expect(activePeer(router)).toBe(HUB1);
  });

  it('every name failing (`*`) leaves only the peers given by address', () => {
    const { router, clock } = fqdnSpoke('peer 1 fqdn hub1.example.net dynamic');
    exec(router, 'peer 2 fqdn hub2.example.net dynamic', FLEX, 'SPOKE');
    router.world.dns.setFailing('*', true);
    seconds(clock, 30);
    expect(activePeer(router)).toBeUndefined();
    router.world.dns.setFailing('*', false);
    seconds(clock, 2);
    expect(activePeer(router)).toBe(HUB1);
  });

  it('without dynamic: resolved once, at configuration time; a later DNS failure does not matter', () => {
    const { router, clock } = fqdnSpoke('peer 1 fqdn hub1.example.net');
    router.world.dns.setFailing('*', true);
    seconds(clock, 2);
    expect(activePeer(router)).toBe(HUB1);
    expect(router.model.config.flexClients.get('SPOKE')!.peers.find((p) => p.seq === 1)).toMatchObject({
      address: HUB1,
      fqdn: { name: 'hub1.example.net', dynamic: false },
    });
  });

  it('without dynamic: a name that did not resolve when configured leaves the peer unusable', () => {
    const { router, clock } = fqdnSpoke('peer 1 fqdn hub1.example.net', (r) => r.world.dns.setFailing('hub1.example.net', true));
    router.world.dns.setFailing('hub1.example.net', false);
    seconds(clock, 30);
    expect(activePeer(router)).toBe(HUB2);
  });

  it('show running-config prints the line as typed, never the resolved address', () => {
    const { router } = fqdnSpoke('peer 1 fqdn hub1.example.net dynamic track 101');
    exec(router, 'peer 2 fqdn HUB2.example.net track 102 down', FLEX, 'SPOKE');
    const text = renderRunningConfig(router.model);
    expect(text).toContain('  peer 1 fqdn hub1.example.net dynamic track 101\n');
    expect(text).toContain('  peer 2 fqdn HUB2.example.net track 102 down\n');
  });

  it.each(['peer 1 fqdn -bad-.example.net', 'peer 1 fqdn 10.0.0.1', 'peer 1 fqdn a..b'])('refuses a name that is not one: %s', (line) => {
    const { router } = labRouter();
    expect(() => exec(router, line, FLEX, 'SPOKE')).toThrow(/Invalid input/);
  });
});

describe('ranges IOS enforces on these lines: refused at the number (% Invalid input, caret under it)', () => {
  const { router } = labRouter();
  const inMode = (mode: string) => router.commands().filter((d) => d.modes.includes(mode as never));
  it.each([
    ['config', 'crypto ikev2 dpd 9 2 on-demand', 17],
    ['config', 'crypto ikev2 dpd 3601 2 periodic', 17],
    ['config', 'crypto ikev2 dpd 10 1 periodic', 20],
    ['config', 'crypto ikev2 dpd 10 61 on-demand', 20],
    [FLEX, 'peer 0 198.51.100.1', 5],
    [FLEX, 'peer 11 fqdn hub1.example.net', 5],
    [FLEX, 'peer 1 fqdn hub1.example.net track 1001', 35],
  ])('%s: %s', (mode, line, offset) => {
    expect(matchLine(line, inMode(mode))).toEqual({ kind: 'invalid', offset });
  });
  it.each([
    ['config', 'crypto ikev2 dpd 10 2 on-demand'],
    ['config', 'crypto ikev2 dpd 3600 60 periodic'],
    [FLEX, 'peer 10 fqdn hub1.example.net dynamic track 1000 down'],
  ])('%s: %s is accepted', (mode, line) => {
    expect(matchLine(line, inMode(mode)).kind).toBe('ok');
  });
});
