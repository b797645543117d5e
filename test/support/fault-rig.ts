/**
 * The fault-injection suite's rig (test/faults): a lab spoke whose SSH server
 * lets a test watch (and cut) every configuration line the agent sends, the
 * real agent (startAgent) on the lab's scaled clock, and the checks every
 * fault test ends with: /healthz answers and the loop still ticks.
 */
import { join } from 'node:path';
import { startAgent, type AgentDeps, type RunningAgent } from '../../agent/compose/start-agent.js';
import type { AgentConfig } from '../../agent/config/types.js';
import { silentLogger, type Logger } from '../../agent/ports/logger.js';
import type { Clock as AgentClock } from '../../agent/ports/clock.js';
import type { CommandContext, CommandDef, LabDevice } from '../../lab/cli/grammar.js';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import { agentClockFrom } from '../../lab/harness/clock-bridge.js';
import { createLabRouter, type LabRouter } from '../../lab/router/index.js';
import { startLabSshServer, type LabSshServer } from '../../lab/ssh/server.js';
import { ScaledClock } from '../../lab/world/clock.js';
import { waitFor as pollUntil } from './wait-for.js';

export const HUB1 = '198.51.100.1';
export const HUB2 = '203.0.113.1';
export const FIBRE = 'GigabitEthernet0/0';
export const LTE = 'Cellular0/1/0';
/** The lab agent's stub objects (lab/harness/agent-config.ts): peers 101.., sources 111... */
export const PEER_TRACKS = [101, 102] as const;
export const SOURCE_TRACKS = [111, 112] as const;

/** Polls every 25 ms by default: fault tests time reactions to a few tens of milliseconds. */
export const waitFor = <T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 20_000,
  everyMs = 25,
): Promise<T> => pollUntil(what, probe, timeoutMs, everyMs);

/** One configuration line as the lab applied it. */
export interface AppliedLine {
  /** 1-based count of configuration-mode lines this lab has applied. */
  n: number;
  mode: CommandContext['mode'];
  args: Record<string, string | number>;
}

export interface FaultLab {
  clock: ScaledClock;
  router: LabRouter;
  ssh: LabSshServer;
  /** Every configuration line applied, in order. */
  applied: AppliedLine[];
  /** Called right after each configuration line is applied (before its prompt goes back). */
  onConfigLine: ((line: AppliedLine) => void) | undefined;
  /**
   * Drops every SSH session after the `i`-th configuration line counted from
   * now (0: as the first line arrives, before it is applied); nothing after
   * the drop point is applied. With `times` > 1, re-arms after each drop,
   * counting afresh (each retry is a new session). Resolves at the first drop
   * with the lines applied by then.
   */
  dropAfter(i: number, times?: number): Promise<number>;
  /** Drops done so far. */
  drops: number;
  tracks(): Record<number, 'up' | 'down'>;
  stop(): Promise<void>;
}

/**
 * A lab spoke (warm: tunnel up on fibre/hub 1) whose configuration-mode
 * commands pass through a hook, so a test can drop the SSH session after any
 * given line of an actuation and check the router after every line.
 */
export async function startFaultLab(o: { speed: number; seed?: number; hostKey?: string }): Promise<FaultLab> {
  const clock = new ScaledClock(o.speed);
  const router = createLabRouter({ clock, seed: o.seed ?? 7, warmStart: true });
  const lab = { clock, router, applied: [] as AppliedLine[], onConfigLine: undefined as FaultLab['onConfigLine'] } as FaultLab;
  let armed: { base: number; at: number; left: number; done: (n: number) => void } | undefined;
  let refusing = false;
  lab.drops = 0;
  const drop = () => {
    const a = armed!;
    armed = a.left > 1 ? { ...a, base: lab.applied.length, left: a.left - 1 } : undefined;
    refusing = true; // whatever is still in flight on the dying session is not applied
    lab.drops++;
    lab.ssh.dropSessions();
    setImmediate(() => {
      refusing = false;
    });
    a.done(lab.applied.length - a.base);
  };
  const wrap = (def: CommandDef): CommandDef => ({
    ...def,
    handler: (ctx, args) => {
      if (refusing) return undefined;
      if (armed && armed.at === 0) {
        drop();
        return undefined;
      }
      const result = def.handler(ctx, args);
      const line: AppliedLine = { n: lab.applied.length + 1, mode: ctx.mode, args };
      lab.applied.push(line);
      lab.onConfigLine?.(line);
      if (armed && lab.applied.length - armed.base === armed.at) drop();
      return result;
    },
  });
  lab.dropAfter = (i, times = 1) =>
    new Promise((done) => {
      let first = true;
      armed = {
        base: lab.applied.length,
        at: i,
        left: times,
        done: (n) => {
          if (first) done(n);
          first = false;
        },
      };
    });
  const device: LabDevice = {
    hostname: () => router.hostname(),
    configured: (by) => router.configured(by),
    commands: () => router.commands().map((def) => (def.modes.some((m) => m.startsWith('config')) ? wrap(def) : def)),
  };
  lab.ssh = await startLabSshServer({
    device,
    users: [{ username: 'agent', password: 'agent', privilege: 15 }],
    ...(o.hostKey ? { hostKey: o.hostKey } : {}),
  });
  const unsubscribe = router.subscribe((e) => {
    if (e.kind === 'drop-sessions') lab.ssh.dropSessions();
  });
  router.start();
  lab.tracks = () => router.state().tracks as Record<number, 'up' | 'down'>;
  lab.stop = async () => {
    unsubscribe();
    router.stop();
    await lab.ssh.close();
    clock.clearAll();
  };
  return lab;
}

/** The lab agent's configuration for this lab, its database in `dir`. */
export function faultAgentConfig(
  lab: FaultLab,
  dir: string,
  o: { name?: string; mqttUrl?: string; commandKeys?: { id: string; publicKey: string }[]; change?: (c: AgentConfig) => void } = {},
): AgentConfig {
  const c = labAgentConfig(lab.router.world, {
    sshPort: lab.ssh.port,
    hostKeySha256: lab.ssh.fingerprint,
    dbPath: join(dir, `${o.name ?? 'agent'}.db`),
    ...(o.mqttUrl ? { mqttUrl: o.mqttUrl } : {}),
    ...(o.commandKeys ? { commandKeys: o.commandKeys } : {}),
  });
  c.node = o.name ?? 'spoke1';
  o.change?.(c);
  return c;
}

/** The agent in this process on the lab's clock (or `clock`). */
export function startFaultAgent(
  lab: FaultLab,
  config: AgentConfig,
  deps: Partial<AgentDeps> & { clock?: AgentClock; log?: Logger } = {},
): Promise<RunningAgent> {
  return startAgent(config, { log: silentLogger, clock: agentClockFrom(lab.clock), ...deps });
}

export async function healthz(agent: RunningAgent): Promise<{ httpStatus: number; body: Record<string, unknown> }> {
  const res = await fetch(`http://127.0.0.1:${agent.httpPort}/healthz`);
  return { httpStatus: res.status, body: (await res.json()) as Record<string, unknown> };
}

/**
 * The agent still runs: /healthz answers 200 (not stalled) and the decision loop
 * ticks at least twice more (its heartbeat moves).
 */
export async function assertStillRunning(agent: RunningAgent, timeoutMs = 15_000): Promise<void> {
  let ticks = 0;
  let last = agent.runtime.lastTickAtMs;
  await waitFor(
    'the decision loop to tick twice',
    () => {
      if (agent.runtime.lastTickAtMs !== last) {
        ticks++;
        last = agent.runtime.lastTickAtMs;
      }
      return ticks >= 2;
    },
    timeoutMs,
  );
  const h = await waitFor(
    '/healthz to answer 200',
    async () => {
      const r = await healthz(agent);
      return r.httpStatus === 200 ? r : undefined;
    },
    timeoutMs,
    100,
  );
  if (h.body.status === 'stalled') throw new Error(`healthz says stalled: ${JSON.stringify(h.body)}`);
}

/** The stub-track plan steering to (peer, source): what each stub object must be. */
export function expectedTracks(peer: string, source: string): Record<number, 'up' | 'down'> {
  const peers = [HUB1, HUB2];
  const sources = [FIBRE, LTE];
  const out: Record<number, 'up' | 'down'> = {};
  PEER_TRACKS.forEach((t, i) => {
    out[t] = i < peers.indexOf(peer) ? 'down' : 'up';
  });
  SOURCE_TRACKS.forEach((t, i) => {
    out[t] = i < sources.indexOf(source) ? 'down' : 'up';
  });
  return out;
}

/** The agent's stub objects as the lab has them now. */
export function stubTracks(lab: FaultLab): Record<number, 'up' | 'down'> {
  const all = lab.tracks();
  return Object.fromEntries([...PEER_TRACKS, ...SOURCE_TRACKS].map((t) => [t, all[t]!]));
}

/** At least one peer and one source allowed: IOS can still connect on its own. */
export function someCandidateAllowed(tracks: Record<number, 'up' | 'down'>): boolean {
  return PEER_TRACKS.some((t) => tracks[t] === 'up') && SOURCE_TRACKS.some((t) => tracks[t] === 'up');
}
