/**
 * `spokepilot config ios` for the lab's own agent configuration (issue 12):
 * the layered configuration it generates, below the lab spoke's interfaces,
 * loads into a lab router line by line, brings the tunnel up on the
 * preferred path, and moves it when the agent takes the fibre away. Without
 * presence: the lab does not run `ip sla ... tcp-connect` (yet).
 */
import { describe, expect, it } from 'vitest';
import { iosConfigInputFor } from '../../agent/cli/config-check.js';
import { iosConfig } from '../../agent/core/ios-config.js';
import { preflight } from '../../agent/core/preflight.js';
import { routerJudgement } from '../../agent/core/router-judgement.js';
import { benchAgentConfig, labAgentConfig } from '../../lab/harness/agent-config.js';
import { DEFAULT_SERVICE_LEVEL } from '../../lab/scenario/schema.js';
import { defaultWorldSpec } from '../../lab/world/default-world.js';
import { World } from '../../lab/world/world.js';
import { exec, labRouter, seconds } from './lab-helpers.js';

/** The top of lab/baselines/ios-tuned.ios: what the chassis and the tunnel are, which config ios does not generate. */
const INTERFACES = `hostname spoke1
interface GigabitEthernet0/0
 description WAN fibre
 ip address 192.0.2.10 255.255.255.248
interface Cellular0/1/0
 description WAN lte
 ip address negotiated
interface Vlan1
 description LAN
 ip address 10.20.12.1 255.255.255.0
interface GigabitEthernet5
 description IOx
 ip address 192.168.5.1 255.255.255.252
interface Tunnel100
 ip address negotiated
 tunnel source dynamic
 tunnel destination dynamic
 tunnel protection ipsec profile default
`;

const FIBRE = 'GigabitEthernet0/0';
const LTE = 'Cellular0/1/0';
const HUB1 = '198.51.100.1';
const HUB2 = '203.0.113.1';
const FIBRE_STUB = 111;

const world = new World(defaultWorldSpec());
const CONFIGS = [
  [
    "benchAgentConfig (the failover bench's agent, shipped defaults)",
    benchAgentConfig(world, DEFAULT_SERVICE_LEVEL, { dbPath: ':memory:' }),
  ],
  [
    "labAgentConfig (the demo's agent, 1 s probes)",
    labAgentConfig(world, { sshPort: 22, hostKeySha256: `SHA256:${'A'.repeat(43)}`, dbPath: ':memory:' }),
  ],
] as const;

function generated(config: (typeof CONFIGS)[number][1]): string {
  const r = iosConfig(iosConfigInputFor(config));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.text;
}

describe('config ios, generated for the lab and loaded into a lab router', () => {
  it.each(CONFIGS)(
    "%s: loads without a config error, connects to hub 1 over the fibre, moves to LTE when the fibre's stub goes down",
    (_name, config) => {
      // createLabRouter throws ConfigLoadError at the first line the router refuses.
      const { router, clock } = labRouter({ config: INTERFACES + generated(config) });
      try {
        seconds(clock, 120);
        expect(router.state().clients[0]).toMatchObject({ phase: 'connected', peer: HUB1, source: FIBRE });

        // The router's rendering of what it loaded is what the agent checks at start and reads the judgement from.
        const running = exec(router, 'show running-config');
        const targets = { client: config.flexvpn.client, peers: config.flexvpn.peers, sources: config.flexvpn.sources };
        expect(preflight({ ...targets, candidates: config.candidates, strategy: 'stub-tracks' }, running)).toEqual([]);
        expect(routerJudgement(targets, running).sources.map((s) => s.terms.length)).toEqual([1, 1]);

        router.configure(`track ${FIBRE_STUB} stub-object\n default-state down`);
        seconds(clock, 30);
        expect(router.state().tracks[FIBRE_STUB]).toBe('down');
        expect(router.state().clients[0]).toMatchObject({ phase: 'connected', peer: HUB1, source: LTE });
      } finally {
        router.stop();
      }
    },
  );

  // With every stub up the agent says nothing: what moves the tunnel is IOS's own judgement, as ios-tuned's would.
  it.each([
    [
      'hub 1 dies: its reachability over both WANs goes, and the peer with it',
      (r: ReturnType<typeof labRouter>['router']) => r.world.setHubUp('hub1', false),
      { peer: HUB2, source: FIBRE },
    ],
    [
      'the fibre slows past the service level: its state tracks fail, and the source with them',
      (r: ReturnType<typeof labRouter>['router']) => r.world.setPath(FIBRE, '*', { latencyMs: 400 }),
      { peer: HUB1, source: LTE },
    ],
  ])('IOS alone, every stub up: %s', (_name, fault, expected) => {
    const { router, clock } = labRouter({ config: INTERFACES + generated(CONFIGS[0][1]) });
    try {
      seconds(clock, 120);
      fault(router);
      seconds(clock, 60);
      expect(router.state().clients[0]).toMatchObject({ phase: 'connected', ...expected });
    } finally {
      router.stop();
    }
  });
});
