/**
 * The dual-cloud scenario actions: a flow to another spoke and what a hub
 * advertises. Parsed, checked against the world's names, applied to the lab
 * router; each problem named.
 */
import { describe, expect, it } from 'vitest';
import { applyAction, checkNames } from '../../lab/scenario/actions.js';
import { parseScenarioText } from '../../lab/scenario/load.js';
import { ScenarioError } from '../../lab/scenario/validate.js';
import { World } from '../../lab/world/world.js';
import { dualCloudWorldSpec } from '../../lab/world/dual-cloud-world.js';
import { labRouter, seconds } from './lab-helpers.js';

const scenario = (actions: string) => parseScenarioText(`name: t\nduration: 2m\nactions:\n${actions}`, 't.yaml');

function problems(actions: string): string[] {
  try {
    scenario(actions);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).problems;
  }
  throw new Error('accepted');
}

describe('dual-cloud scenario actions', () => {
  it('reads start-flow, stop-flow and hub-advertises', () => {
    const s = scenario(
      [
        '  - at: 5s',
        '    start-flow: 10.20.13.7',
        '  - at: 10s',
        '    hub-advertises: { hub: hub1, routes: [{ prefix: 10.0.0.0/8, med: 50, as-path: [65100] }] }',
        '  - at: 20s',
        '    stop-flow: 10.20.13.7',
      ].join('\n'),
    );
    expect(s.actions.map((a) => a.action)).toEqual([
      { kind: 'start-flow', to: '10.20.13.7' },
      { kind: 'hub-advertises', hub: 'hub1', routes: [{ prefix: '10.0.0.0/8', med: 50, asPath: [65100] }] },
      { kind: 'stop-flow', to: '10.20.13.7' },
    ]);
  });

  it('names what is wrong', () => {
    expect(problems('  - at: 5s\n    start-flow: spoke2')).toEqual([
      "actions[0].start-flow: the destination, an IPv4 address on another spoke's LAN",
    ]);
    expect(problems('  - at: 5s\n    hub-advertises: { hub: hub1, routes: [{ prefix: 10.0.0.0/33, weight: 1 }] }')).toEqual([
      'actions[0].hub-advertises.routes[0].prefix: required, IPv4 CIDR',
    ]);
    expect(problems('  - at: 5s\n    hub-advertises: { hub: hub1, routes: [{ prefix: 10.0.0.0/8, med: -1, as-path: 7 }] }')).toEqual([
      'actions[0].hub-advertises.routes[0].med: an integer from 0 to 4294967295',
      'actions[0].hub-advertises.routes[0].as-path: a list of AS numbers',
    ]);
    expect(problems('  - at: 5s\n    hub-advertises: hub1')).toEqual([
      'actions[0].hub-advertises: needs hub and routes (a list of { prefix, med, as-path })',
    ]);
  });

  it('checks the flow reaches another spoke and the hub exists', () => {
    const world = new World(dualCloudWorldSpec());
    const s = scenario('  - at: 5s\n    start-flow: 10.99.0.1\n  - at: 6s\n    hub-advertises: { hub: hub9, routes: [] }');
    expect(() => checkNames(s, world)).toThrow(/10\.99\.0\.1 is on no other spoke's LAN[\s\S]*unknown hub "hub9"/);
  });

  it('applied to the dual-cloud lab spoke: the flow is sent, the hub advertises the MED, and BGP then prefers hub 2', () => {
    const { router, clock } = labRouter({ topology: 'dual-cloud' });
    seconds(clock, 60);
    expect(router.model.rt.routes.find((r) => r.prefix === '10.0.0.0/8')?.via).toBe('172.31.1.1');
    applyAction(router, { kind: 'start-flow', to: '10.20.13.7' });
    expect(router.model.rt.nhrp.flows.has('10.20.13.7')).toBe(true);
    applyAction(router, { kind: 'hub-advertises', hub: 'hub1', routes: [{ prefix: '10.0.0.0/8', med: 50 }] });
    seconds(clock, 5);
    const summary = router.model.rt.routes.find((r) => r.prefix === '10.0.0.0/8');
    expect(summary?.via).toBe('172.31.2.1');
    applyAction(router, { kind: 'stop-flow', to: '10.20.13.7' });
    expect(router.model.rt.nhrp.flows.has('10.20.13.7')).toBe(false);
  });
});
