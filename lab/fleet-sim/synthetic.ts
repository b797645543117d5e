/**
 * A seeded, synthetic stream of what a fleet's agents observe, at realistic
 * rates: SLA telemetry every poll (published on change or heartbeat by the
 * real Reporter), rare path changes per spoke, and two correlated events:
 * 10 % of the fleet losing its fibre WAN in the same minute, and a hub dying
 * under 30 % of the fleet. Pure: a spoke's stream depends only on the seed,
 * its index and the time.
 */
import type { EventBody } from '../../proto/payloads.js';
import type { StateBody, TelemetryBody } from '../../proto/publish-rules.js';
import { SeededRandom } from '../world/random.js';

/** The lab's seeded generator (lab/world/random.ts) as a function. */
export function seededStream(seed: number): () => number {
  const rng = new SeededRandom(seed);
  return () => rng.next();
}

export interface FleetScenario {
  seed: number;
  nodes: number;
  /** Sim seconds between SLA polls. */
  pollSec: number;
  /** Per spoke per hour: an uncorrelated path change (a flap). */
  pathChangesPerHour: number;
  /** When (sim s) 10 % of the fleet loses its fibre, within one minute; restored 5 min later. */
  wanLossAtSec: number;
  /** When (sim s) hub1 dies under 30 % of the fleet (those behind it move to hub2), for 10 min. */
  hubDeathAtSec: number;
}

export const DEFAULT_SCENARIO: Omit<FleetScenario, 'nodes'> = {
  seed: 1,
  pollSec: 10,
  pathChangesPerHour: 0.5,
  wanLossAtSec: 120,
  hubDeathAtSec: 300,
};

const HUBS = { hub1: '192.0.2.1', hub2: '192.0.2.2' } as const;
const WANS = { fibre: 'GigabitEthernet0/0', lte: 'Cellular0/1/0' } as const;
type Hub = keyof typeof HUBS;
type Wan = keyof typeof WANS;

export interface SpokePath {
  hub: Hub;
  wan: Wan;
}

/** What one spoke's world is at a time: which correlated events hit it. */
export class SpokeStream {
  private readonly random: () => number;
  /** Where in the WAN-loss minute this spoke loses its fibre, or undefined when it is not in the 10 %. */
  private readonly wanLossOffsetSec: number | undefined;
  private readonly behindHub1Dying: boolean;
  private flapUntilSec = -1;

  constructor(
    readonly index: number,
    private readonly s: FleetScenario,
  ) {
    this.random = seededStream((s.seed * 1_000_003 + index) >>> 0);
    const inWanLoss = this.random() < 0.1;
    this.wanLossOffsetSec = inWanLoss ? this.random() * 60 : undefined;
    this.behindHub1Dying = this.random() < 0.3;
  }

  /** The path the spoke is on at a sim time. */
  pathAt(tSec: number): SpokePath {
    const fibreLost =
      this.wanLossOffsetSec !== undefined && tSec >= this.s.wanLossAtSec + this.wanLossOffsetSec && tSec < this.s.wanLossAtSec + 360;
    const hub1Dead = this.behindHub1Dying && tSec >= this.s.hubDeathAtSec && tSec < this.s.hubDeathAtSec + 600;
    const flapping = tSec < this.flapUntilSec;
    return { hub: hub1Dead ? 'hub2' : 'hub1', wan: fibreLost || flapping ? 'lte' : 'fibre' };
  }

  /** Called once per poll: may start an uncorrelated flap (a minute on LTE). */
  tick(tSec: number): void {
    const p = (this.s.pathChangesPerHour / 3600) * this.s.pollSec;
    if (tSec >= this.flapUntilSec && this.random() < p) this.flapUntilSec = tSec + 60;
  }

  telemetry(tSec: number): TelemetryBody {
    const path = this.pathAt(tSec);
    const jitter = () => Math.round(this.random() * 30) / 10;
    const fibreUp = path.wan === 'fibre';
    return {
      sla: [
        {
          operation: 1,
          candidate: 'fibre-hub1',
          returnCode: fibreUp && path.hub === 'hub1' ? 'ok' : 'timeout',
          samples: 10,
          lossPct: fibreUp ? 0 : 100,
          ...(fibreUp ? { rttMs: 18 + jitter(), jitterMs: 1 + jitter() } : {}),
        },
        {
          operation: 3,
          candidate: 'lte-hub1',
          returnCode: path.hub === 'hub1' ? 'ok' : 'timeout',
          samples: 10,
          lossPct: 0,
          rttMs: 45 + jitter(),
          jitterMs: 4 + jitter(),
        },
      ],
      interfaces: [
        { name: WANS.fibre, status: fibreUp ? 'up' : 'down', lineProtocol: fibreUp ? 'up' : 'down' },
        { name: WANS.lte, status: 'up', lineProtocol: 'up' },
      ],
      // Counters grow with time (a reset is news to the reporter); the contract requires them (a cast hid their absence, and the dashboard marked every simulated spoke degraded).
      ipsec: [
        {
          peer: HUBS[path.hub],
          interface: 'Tunnel0',
          sasUp: 2,
          pktsEncaps: Math.floor(tSec * 50),
          pktsDecaps: Math.floor(tSec * 48),
          sendErrors: 0,
          recvErrors: 0,
        },
      ],
    };
  }

  state(tSec: number): StateBody {
    const path = this.pathAt(tSec);
    const id = (wan: Wan, hub: Hub) => `${wan}-${hub}`;
    const cand = (wan: Wan, hub: Hub): StateBody['candidates'][number] => ({
      id: id(wan, hub),
      peer: HUBS[hub],
      source: WANS[wan],
      sinceMs: 0,
      suppressed: false,
      verdict: (wan === 'fibre' && path.wan !== 'fibre') || (hub === 'hub1' && path.hub !== 'hub1') ? 'bad' : 'good',
    });
    return {
      client: 'FLEX',
      mode: 'enforce',
      released: false,
      active: { peer: HUBS[path.hub], source: WANS[path.wan], candidate: id(path.wan, path.hub) },
      selected: id(path.wan, path.hub),
      candidates: [cand('fibre', 'hub1'), cand('lte', 'hub1'), cand('fibre', 'hub2'), cand('lte', 'hub2')],
      tunnel: { interface: 'Tunnel0', lineProtocol: 'up', ikeSa: 'ready', ipsecSas: 2 },
    };
  }

  /** The path-change event between two paths. */
  static pathChange(from: SpokePath, to: SpokePath): EventBody {
    return {
      kind: 'path-change',
      from: { peer: HUBS[from.hub], source: WANS[from.wan] },
      to: { peer: HUBS[to.hub], source: WANS[to.wan] },
    } as EventBody;
  }
}
