import type { AgentConfig, FailoverAgentConfig } from '../../agent/config/types.js';
import { validateConfig } from '../../agent/config/validate.js';
import { DEFAULT_POLICY } from '../../agent/core/policy/config.js';
import type { ClassLevel, ServiceLevel } from '../scenario/schema.js';
import type { IpSlaConfig } from '../router/config-model.js';
import type { HubSpec, WanSpec, World } from '../world/world.js';

export interface LabAgentConfigOptions {
  sshPort: number;
  hostKeySha256: string;
  dbPath: string;
  syslogPort?: number;
  /** Deep-merged over the policy defaults the lab uses. */
  policy?: Partial<AgentConfig['policy']>;
  mode?: 'enforce' | 'dry-run';
  /** Publish to this broker (the demo's embedded aedes). */
  mqttUrl?: string;
  /** Public keys allowed to sign commands (PEM). */
  commandKeys?: { id: string; publicKey: string }[];
}

/**
 * The agent's configuration for the lab spoke, derived from its world: one
 * candidate per (WAN, hub) in preference order (fibre before LTE, hub 1 before
 * hub 2), each judged on the IP SLA operations the lab's default configuration
 * runs for that path (id 10 * wan + hub), steered through the stub objects the
 * lab's client block references (peers 101.., sources 111..). Tuned as an
 * operator would for the lab's 3-second path probes: judge on the last 8
 * probes, leave at the first bad evaluation or 2 probes lost in a row, read the
 * probes every second.
 */
export function labAgentConfig(world: World, o: LabAgentConfigOptions): FailoverAgentConfig {
  return validatedFailover({
    ...labAgentBase(o),
    syslog: o.syslogPort ? { listen: `127.0.0.1:${o.syslogPort}` } : {},
    ...labSteering(world, { layered: false }),
    routes: LAB_ROUTES,
    ...(o.mqttUrl ? { mqtt: { url: o.mqttUrl, heartbeatSec: 60, commandKeys: o.commandKeys ?? [] } } : {}),
  });
}

/**
 * What every lab agent file shares, whatever the design (the dual-cloud one too,
 * lab/harness/dual-cloud-agent-config.ts): the lab spoke's SSH user, the policy
 * tuned for the lab's 3-second probes, the polling, the store, the log and the
 * status server.
 */
export function labAgentBase(o: {
  sshPort: number;
  hostKeySha256: string;
  dbPath: string;
  mode?: 'enforce' | 'dry-run';
  policy?: Partial<AgentConfig['policy']>;
}) {
  return {
    site: 'lab',
    node: 'spoke1',
    router: {
      transport: 'ssh',
      ssh: {
        host: '127.0.0.1',
        port: o.sshPort,
        username: 'agent',
        password: 'agent',
        hostKeySha256: o.hostKeySha256,
        commandTimeoutMs: 10_000,
      },
    },
    policy: {
      windowSamples: 8,
      minSamples: 3,
      failAfter: 1,
      recoverAfter: 3,
      unreachableAfter: 2,
      preemptDelaySec: 60,
      fail: { lossPct: 20, rttMs: 250, jitterMs: 60 },
      recover: { lossPct: 5, rttMs: 150, jitterMs: 30 },
      minChangeIntervalSec: 5,
      mode: o.mode ?? 'enforce',
      ...o.policy,
    },
    actuation: { verifyTimeoutSec: 30, retries: 2 },
    polling: { slaSec: 1, flexvpnSec: 5, interfacesSec: 5, cryptoSec: 10, routesSec: 30, jitter: 0.1 },
    store: { path: o.dbPath },
    log: { level: 'warn' },
    http: { listen: '127.0.0.1:0' },
  };
}

/**
 * The agent's configuration in the failover bench: the lab's candidates and
 * stubs, the scenario's service level as the fail thresholds (the level the
 * tuned IOS is configured against too), recover thresholds kept in the
 * shipped ratio to them, and every other setting at its shipped default.
 * Without `ssh` the router port is given in-process and the SSH block only satisfies the schema.
 */
export function benchAgentConfig(
  world: World,
  level: ServiceLevel,
  o: {
    dbPath: string;
    ssh?: { port: number; hostKeySha256: string };
    syslogPort?: number;
    routerSlas?: Iterable<IpSlaConfig>;
    /** The LTE is metered with this budget (`2GB`). */
    meteredLte?: string;
    /** The scenario's classes: the agent judges each on the router's operations marked with its DSCP. */
    classes?: readonly ClassLevel[];
  },
): FailoverAgentConfig {
  const ratio = (k: 'lossPct' | 'rttMs' | 'jitterMs') => DEFAULT_POLICY.recover[k] / DEFAULT_POLICY.fail[k];
  const fail = { lossPct: level.lossPct, rttMs: level.latencyMs, jitterMs: level.jitterMs };
  // An iterator (a Map's values) is read once: both the path's and the classes' operations come from this copy.
  const slas = o.routerSlas ? [...o.routerSlas] : undefined;
  const recover = {
    lossPct: fail.lossPct * ratio('lossPct'),
    rttMs: Math.round(fail.rttMs * ratio('rttMs')),
    jitterMs: Math.round(fail.jitterMs * ratio('jitterMs')),
  };
  return validatedFailover({
    site: 'lab',
    node: 'spoke1',
    router: o.ssh
      ? {
          transport: 'ssh',
          ssh: { host: '127.0.0.1', port: o.ssh.port, username: 'agent', password: 'agent', hostKeySha256: o.ssh.hostKeySha256 },
        }
      : { transport: 'ssh', ssh: { host: '192.168.5.1', username: 'agent', password: 'agent', acceptAnyHostKey: true } },
    ...(o.syslogPort ? { syslog: { listen: `127.0.0.1:${o.syslogPort}` } } : {}),
    ...withClasses(
      metered(labSteering(world, { layered: true, ...(slas ? { jitterOps: slas } : {}) }), o.meteredLte),
      world,
      slas ?? [],
      o.classes ?? [],
    ),
    policy: {
      fail,
      recover,
      ...(o.classes
        ? {
            classes: o.classes.map((k) => ({
              name: k.name,
              dscp: k.dscp,
              critical: k.critical,
              lossPct: k.lossPct,
              rttMs: k.latencyMs,
              jitterMs: k.jitterMs,
            })),
          }
        : {}),
    },
    store: { path: o.dbPath },
    routes: LAB_ROUTES,
    log: { level: 'warn' },
    http: { enabled: false },
  });
}

/**
 * One candidate per (WAN, hub) in preference order (fibre before LTE, hub 1
 * before hub 2), judged on the path's own probe (id 10 * wan + hub), steered
 * through stubs 101.. (peers) and 111.. (sources). Not on the WAN's internet
 * probe (id wan): the tunnel's path is the WAN to the hub, and a probe to
 * someone else's anchor also measures the anchor (noisy-but-healthy: 8.8.8.8
 * stops answering pings while the fibre and the hubs are fine). Also on
 * every jitter operation the router runs for that path (`jitterOps`), as an
 * operator lists the probes a path has: ios-tuned-combined's udp-jitter.
 */
function labSteering(world: World, o: { layered: boolean; jitterOps?: readonly IpSlaConfig[] }) {
  const wans = world.wans();
  const hubs = world.hubs();
  return {
    flexvpn: {
      client: 'SPOKE',
      tunnel: 'Tunnel100',
      peers: hubs.map((h, i) => ({ address: h.address, stubTrack: 101 + i })),
      sources: wans.map((w, i) => ({ interface: w.interface, stubTrack: 111 + i })),
      // The in-tunnel probe the layered configurations run (ip sla 31, to 10.0.0.1 behind both hubs);
      // the lab's default configuration has none.
      tunnelSlaOperations: o.layered ? [31] : [],
    },
    candidates: wans.flatMap((w, wi) =>
      hubs.map((h, hi) => ({
        id: `${w.kind}-${h.name}`,
        peer: h.address,
        source: w.interface,
        slaOperations: [10 * (wi + 1) + hi + 1, ...pathJitterOperations(o.jitterOps ?? [], w, h)],
      })),
    ),
  };
}

/**
 * The jitter operations sent from this WAN's address to this hub, marked with `dscp`
 * (0: unmarked, the path's own; another: a class's, which judge that class and not the path).
 */
function pathJitterOperations(slas: readonly IpSlaConfig[], wan: WanSpec, hub: HubSpec, dscp = 0): number[] {
  return slas
    .filter((op) => {
      const j = op.udpJitter ?? op.icmpJitter;
      return j !== undefined && j.destination === hub.address && j.sourceIp === wan.address && (op.tos ?? 0) >> 2 === dscp;
    })
    .map((op) => op.id)
    .sort((a, b) => a - b);
}

/** Each candidate's class operations: the router's jitter operations on its path marked with the class's DSCP. */
function withClasses<T extends { candidates: { id: string; peer: string; source: string }[] }>(
  steering: T,
  world: World,
  slas: readonly IpSlaConfig[],
  classes: readonly ClassLevel[],
): T {
  if (classes.length === 0) return steering;
  const candidates = steering.candidates.map((c) => {
    const wan = world.wan(c.source)!,
      hub = world.hubByAddress(c.peer)!;
    const ops = Object.fromEntries(
      classes.flatMap((k) => {
        const found = pathJitterOperations(slas, wan, hub, k.dscp);
        return found.length > 0 ? [[k.name, found]] : [];
      }),
    );
    return Object.keys(ops).length > 0 ? { ...c, classOperations: ops } : c;
  });
  return { ...steering, candidates };
}

const LAB_ROUTES = {
  expectations: {
    required: [{ prefix: '10.0.0.0/8', viaInterface: 'Tunnel' }],
    allowed: [
      { prefix: '10.0.0.0/8', maxLength: 16 },
      { prefix: '172.16.0.0/12', maxLength: 16 },
      { prefix: '192.168.0.0/16', maxLength: 24 },
      { prefix: '0.0.0.0/0', maxLength: 0 },
    ],
  },
};

/**
 * The LTE marked metered as an operator with a 2 GB plan would (README: Metered WANs),
 * with the full-rate operations of agent-on-ios-tuned-metered.ios (23, 24: each path's
 * own operation + 2) judging its paths and run only while needed.
 */
function metered<
  T extends {
    flexvpn: { sources: { interface: string; stubTrack: number }[] };
    candidates: { source: string; slaOperations: number[] }[];
  },
>(steering: T, budget: string | undefined): T {
  if (budget === undefined) return steering;
  const lte = (source: string) => source.startsWith('Cellular');
  const candidates = steering.candidates.map((c) =>
    lte(c.source) ? { ...c, slaOperations: [c.slaOperations[0]!, c.slaOperations[0]! + 2, ...c.slaOperations.slice(1)] } : c,
  );
  const fullRateOperations = candidates.filter((c) => lte(c.source)).map((c) => c.slaOperations[1]!);
  const sources = steering.flexvpn.sources.map((s) =>
    lte(s.interface) ? { ...s, metered: { budget, billingDay: 1, fullRateOperations } } : s,
  );
  return { ...steering, candidates, flexvpn: { ...steering.flexvpn, sources } };
}

/** Validated as the agent validates a file; a lab file that does not pass is a bug in the lab, named with every issue. */
export function validated(doc: unknown, what = 'lab agent config'): AgentConfig {
  const r = validateConfig(doc);
  if (!r.ok) throw new Error(`${what} invalid: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return r.config;
}

/** As `validated`, for the failover lab spoke's files (one FlexVPN client block). */
export function validatedFailover(doc: unknown, what = 'lab agent config'): FailoverAgentConfig {
  const config = validated(doc, what);
  if (config.topology !== 'failover') throw new Error(`${what}: validated as topology ${config.topology}, not failover`);
  return config;
}
