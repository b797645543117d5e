/**
 * N simulated spokes in one process (SimSpoke each), polled on their own
 * phase, started over a ramp so the fleet's first CONNECTs are not one burst.
 * Resources are measured for the whole process and divided per spoke.
 */
import { setMaxListeners } from 'node:events';
import { writeFileSync, mkdirSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import type { BackoffOptions } from '../../agent/adapters/mqtt/backoff.js';
import { systemClock } from '../../agent/ports/clock.js';
import { generateSigningKey, parsePublicKey } from '../../proto/command-signing.js';
import { createPayloadValidators } from '../../proto/schemas/index.js';
import { SimSpoke, type SimStore } from './sim-spoke.js';
import { DEFAULT_SCENARIO, seededStream, SpokeStream, type FleetScenario } from './synthetic.js';

export interface SimFleetOptions {
  nodes: number;
  urls: readonly string[];
  dir: string;
  root?: string;
  scenario?: Partial<Omit<FleetScenario, 'nodes'>>;
  /** Sim seconds per wall second (default 1). */
  speed?: number;
  backoff?: BackoffOptions;
  keepaliveSec?: number;
  /** Spokes per site (default 20): site-<k>/spoke-<i>. */
  perSite?: number;
  /** Where each spoke keeps its outbox and journal (SimSpokeOptions.store): `file` by default. */
  store?: SimStore;
}

export interface FleetCounts {
  connected: number;
  outboxDepth: number;
  attempts: number;
  connections: number;
  eventsQueued: number;
}

export class SimFleet {
  readonly spokes: SimSpoke[] = [];
  readonly root: string;
  /** The operators' signing key (written to `<dir>/fleet-ops.key`, key id `fleet-ops`) the spokes accept. */
  readonly keyFile: string;
  private readonly timers: NodeJS.Timeout[] = [];
  private t0 = 0;
  private cpu0 = process.cpuUsage();
  private wall0 = Date.now();
  /** The process's RSS before any spoke existed: what one spoke costs is the growth over it. */
  private readonly rss0 = process.memoryUsage().rss;

  constructor(private readonly o: SimFleetOptions) {
    if (!Number.isInteger(o.nodes) || o.nodes < 1) throw new Error(`--nodes ${o.nodes}: a whole number of spokes, 1 or more`);
    if (o.urls.length === 0) throw new Error('no broker URL');
    this.root = o.root ?? 'spokepilot/v1';
    mkdirSync(o.dir, { recursive: true });
    const key = generateSigningKey();
    this.keyFile = join(o.dir, 'fleet-ops.key');
    writeFileSync(this.keyFile, key.privatePem, { mode: 0o600 });
    const keys: ReadonlyMap<string, KeyObject> = new Map([['fleet-ops', parsePublicKey(key.publicPem)]]);
    const scenario: FleetScenario = { ...DEFAULT_SCENARIO, ...o.scenario, nodes: o.nodes };
    const random = seededStream(scenario.seed ^ 0x5eed);
    const perSite = o.perSite ?? 20;
    const validators = createPayloadValidators();
    for (let i = 0; i < o.nodes; i++) {
      const at = { site: `site-${Math.floor(i / perSite)}`, node: `spoke-${i}` };
      this.spokes.push(
        new SimSpoke({
          dir: join(o.dir, `spoke-${i}`),
          at,
          root: this.root,
          urls: o.urls,
          stream: new SpokeStream(i, scenario),
          clock: systemClock,
          keys,
          random,
          validators,
          heartbeatMs: 300_000 / (o.speed ?? 1),
          ...(o.backoff ? { backoff: o.backoff } : {}),
          ...(o.keepaliveSec ? { keepaliveSec: o.keepaliveSec } : {}),
          ...(o.store ? { store: o.store } : {}),
        }),
      );
    }
  }

  simSec(): number {
    return ((Date.now() - this.t0) / 1000) * (this.o.speed ?? 1);
  }

  /** Starts every spoke, spread over `rampMs`, then polls each on its own phase. */
  async start(rampMs = 0): Promise<void> {
    this.t0 = Date.now();
    this.cpu0 = process.cpuUsage();
    this.wall0 = Date.now();
    const pollMs = ((this.o.scenario?.pollSec ?? DEFAULT_SCENARIO.pollSec) * 1000) / (this.o.speed ?? 1);
    const n = this.spokes.length;
    await Promise.all(
      this.spokes.map(async (s, i) => {
        const at = n > 1 ? (rampMs * i) / n : 0;
        if (at > 0) await new Promise((r) => setTimeout(r, at));
        await s.start(() => this.simSec());
        const phase = (pollMs * i) / n;
        this.timers.push(
          setTimeout(() => {
            this.timers.push(
              setInterval(() => {
                void s.poll().catch(() => {});
              }, pollMs),
            );
          }, phase),
        );
      }),
    );
  }

  counts(): FleetCounts {
    const c: FleetCounts = { connected: 0, outboxDepth: 0, attempts: 0, connections: 0, eventsQueued: 0 };
    for (const s of this.spokes) {
      if (s.broker.connected) c.connected++;
      c.outboxDepth += s.outboxDepth;
      c.attempts += s.broker.counts.attempts;
      c.connections += s.broker.counts.connections;
      c.eventsQueued += s.eventsQueued;
    }
    return c;
  }

  /** Process RSS (and its growth over the process without spokes, per spoke) and CPU since start. */
  resources(): { rssMb: number; rssMbPerNode: number; cpuPct: number; cpuMsPerNodePerSec: number } {
    const rss = process.memoryUsage().rss;
    const rssMb = rss / 1048576;
    const cpu = process.cpuUsage(this.cpu0);
    const wallSec = Math.max(0.001, (Date.now() - this.wall0) / 1000);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    return {
      rssMb,
      rssMbPerNode: Math.max(0, rss - this.rss0) / 1048576 / this.spokes.length,
      cpuPct: cpuMs / 10 / wallSec,
      cpuMsPerNodePerSec: cpuMs / wallSec / this.spokes.length,
    };
  }

  async stop(): Promise<void> {
    for (const t of this.timers.splice(0)) {
      clearTimeout(t);
      clearInterval(t);
    }
    const signal = AbortSignal.timeout(2_000); // one stop for all: they stop side by side
    setMaxListeners(0, signal); // a listener or two per spoke, by design: not a leak
    await Promise.all(this.spokes.map((s) => s.stop(signal).catch(() => {})));
  }
}
