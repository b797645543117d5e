import { MAX_PEER_SEQ } from '../core/actuation/plan.js';
import { compileExpectations } from '../core/route-expectations.js';
import { dualCloudIssues } from './dual-cloud-check.js';
import type { SchemaValidConfig } from './types.js';
import type { ConfigIssue } from './validate.js';

/** Checks between fields that a schema cannot express. Pure; every problem reported. */
export function crossCheck(c: SchemaValidConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });

  const r = c.router;
  if (r.transport === 'ssh') {
    if (!r.ssh) add('router.ssh', 'is required when router.transport is ssh');
    else {
      if (!r.ssh.password && !r.ssh.privateKey) add('router.ssh', 'needs a password or a privateKey');
      if (!r.ssh.hostKeySha256 && !r.ssh.acceptAnyHostKey) {
        add('router.ssh.hostKeySha256', "is required: pin the router's host key (or set acceptAnyHostKey: true, for a lab only)");
      }
    }
  }
  if (r.transport === 'exec' && !r.exec) add('router.exec', 'is required when router.transport is exec');
  if (c.topology === 'dual-cloud') return [...issues, ...dualCloudIssues(c), ...commonIssues(c)];
  if (c.dualCloud) add('dualCloud', 'is for topology: dual-cloud (this file is topology failover)');
  if (!c.flexvpn)
    return [{ path: 'flexvpn', message: 'is required (or topology: dual-cloud with a dualCloud section)' }, ...issues, ...commonIssues(c)];
  // Syslog is unauthenticated UDP: it is read only from the router. Over SSH its address is known; over dohost it is not.
  if (c.syslog.listen && !c.syslog.allowFrom && r.transport !== 'ssh') {
    add('syslog.allowFrom', "is required with router.transport exec: list the router's addresses its syslog comes from");
  }
  if (c.actuation.strategy === 'peer-order' && 2 * c.flexvpn.peers.length > MAX_PEER_SEQ) {
    add(
      'flexvpn.peers',
      `peer-order rewrites the client through spare peer numbers and supports at most ${MAX_PEER_SEQ / 2} peers; use actuation.strategy stub-tracks`,
    );
  }

  if (c.actuation.strategy === 'peer-order' && c.actuation.setTracksWith === 'eem-applets') {
    add(
      'actuation.setTracksWith',
      'eem-applets sets stub tracks, which peer-order does not use: use actuation.strategy stub-tracks, or setTracksWith default-state',
    );
  }
  if (c.actuation.setTracksWith === 'eem-applets') {
    // Adaptive probing starts and stops operations with `ip sla schedule` in configuration mode,
    // a right the eem-applets user is meant not to have.
    c.flexvpn.sources.forEach((s, i) => {
      if ((s.metered?.fullRateOperations.length ?? 0) > 0) {
        add(
          `flexvpn.sources[${i}].metered.fullRateOperations`,
          'are scheduled by the agent in configuration mode, which an eem-applets user has no right to: leave them out (the standby probes then run as configured), or use setTracksWith default-state',
        );
      }
    });
  }

  const peers = new Set(c.flexvpn.peers.map((p) => p.address));
  const sources = new Set(c.flexvpn.sources.map((s) => s.interface));
  duplicates(c.flexvpn.peers.map((p) => p.address)).forEach((a) => add('flexvpn.peers', `peer ${a} is listed twice`));
  duplicates(c.flexvpn.sources.map((s) => s.interface)).forEach((i) => add('flexvpn.sources', `source ${i} is listed twice`));
  const tracks = [...c.flexvpn.peers.map((p) => p.stubTrack), ...c.flexvpn.sources.map((s) => s.stubTrack)];
  duplicates(tracks).forEach((t) => add('flexvpn', `stub track ${t} is used twice: each peer and each source needs its own`));

  duplicates(c.candidates.map((x) => x.id)).forEach((id) => add('candidates', `id "${id}" is used twice`));
  c.candidates.forEach((cand, i) => {
    if (!peers.has(cand.peer)) add(`candidates[${i}].peer`, `${cand.peer} is not one of flexvpn.peers`);
    if (!sources.has(cand.source)) add(`candidates[${i}].source`, `${cand.source} is not one of flexvpn.sources`);
  });
  duplicates(c.candidates.map((x) => `${x.peer} ${x.source}`)).forEach((pair) => add('candidates', `the pair ${pair} is listed twice`));

  // A full-rate operation speaks for a path only if a candidate on that WAN lists it.
  c.flexvpn.sources.forEach((src, i) => {
    for (const op of src.metered?.fullRateOperations ?? []) {
      if (!c.candidates.some((cand) => cand.source === src.interface && cand.slaOperations.includes(op))) {
        add(
          `flexvpn.sources[${i}].metered.fullRateOperations`,
          `operation ${op} is in no slaOperations of a candidate on ${src.interface}: list it there too, so its probes judge the path`,
        );
      }
    }
  });

  return [...issues, ...commonIssues(c)];
}

/** Checks that hold whatever the topology: policy, actuation pacing, MQTT, route expectations. */
function commonIssues(c: SchemaValidConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const p = c.policy;
  const classNames = p.classes?.map((k) => k.name) ?? [];
  duplicates(classNames).forEach((n) => add('policy.classes', `class "${n}" is listed twice`));
  duplicates(p.classes?.map((k) => k.dscp) ?? []).forEach((d) =>
    add('policy.classes', `DSCP ${d} is given to two classes: each class's probes must be marked apart`),
  );
  c.candidates.forEach((cand, i) => {
    for (const [name, ops] of Object.entries(cand.classOperations ?? {})) {
      if (!classNames.includes(name))
        add(
          `candidates[${i}].classOperations.${name}`,
          `"${name}" is not one of policy.classes (${classNames.join(', ') || 'none configured'})`,
        );
      const shared = ops.filter((op) => cand.slaOperations.includes(op));
      if (shared.length)
        add(
          `candidates[${i}].classOperations.${name}`,
          `operation ${shared.join(', ')} is also in slaOperations: a class's probes judge the class, not the path's health`,
        );
    }
  });
  if (p.minSamples > p.windowSamples) add('policy.minSamples', `must not exceed policy.windowSamples (${p.windowSamples})`);
  for (const m of ['lossPct', 'rttMs', 'jitterMs'] as const) {
    if (p.recover[m] > p.fail[m])
      add(`policy.recover.${m}`, `must not exceed policy.fail.${m} (${p.fail[m]}): recovery is the stricter bar`);
  }
  const pr = c.actuation.pathRepair;
  if (pr.maxBackoffSec < pr.backoffSec)
    add('actuation.pathRepair.maxBackoffSec', `must not be below backoffSec (${pr.backoffSec}): it bounds the wait that starts there`);
  if (p.damping.reuseBelow >= p.damping.suppressAt) add('policy.damping.reuseBelow', `must be below suppressAt (${p.damping.suppressAt})`);
  if (p.damping.suppressAt > p.damping.maxPenalty) add('policy.damping.suppressAt', `must not exceed maxPenalty (${p.damping.maxPenalty})`);

  if (c.mqtt) {
    duplicates(c.mqtt.commandKeys.map((k) => k.id)).forEach((id) => add('mqtt.commandKeys', `key id "${id}" is listed twice`));
    const m = c.mqtt;
    if (m.url === undefined && m.urls === undefined) add('mqtt.url', 'is required (or mqtt.urls: every endpoint of a clustered broker)');
    if (m.url !== undefined && m.urls !== undefined)
      add('mqtt.urls', 'and mqtt.url are both set: list every endpoint in mqtt.urls and drop mqtt.url');
    if (m.reconnect.capSec < m.reconnect.firstWindowSec)
      add(
        'mqtt.reconnect.capSec',
        `must not be below firstWindowSec (${m.reconnect.firstWindowSec}): it bounds the window that starts there`,
      );
    const endpoints = [...(m.url !== undefined ? [m.url] : []), ...(m.urls ?? [])];
    if (c.mqtt.tls && endpoints.some((u) => !u.startsWith('mqtts://')))
      add('mqtt.tls', `is set but ${m.urls ? 'not every one of mqtt.urls is' : 'mqtt.url is not'} mqtts://`);
    for (const [path, value] of [
      ['site', c.site],
      ['node', c.node],
      ['mqtt.root', c.mqtt.root],
    ] as const) {
      const why = brokerMangles(value);
      if (why) add(path, why);
    }
    if (c.mqtt.tls && (c.mqtt.tls.certFile === undefined) !== (c.mqtt.tls.keyFile === undefined))
      add('mqtt.tls', 'certFile and keyFile go together (mutual TLS)');
  }
  try {
    compileExpectations(c.routes.expectations);
  } catch (err) {
    add('routes.expectations', (err as Error).message);
  }
  return issues;
}

/**
 * Names one broker of the matrix would mangle in a topic. RabbitMQ's MQTT
 * plugin maps `/` to `.` (AMQP routing keys), so a dot inside a level splits
 * it: `paris.fr` is two levels to the fleet's `+` subscriptions, which then
 * never see the spoke. Refused rather than escaped, so every consumer reads
 * the same topics without an unescaping rule (docs/fleet-scale.md).
 */
export function brokerMangles(name: string): string | undefined {
  if (!name.includes('.')) return undefined;
  return `"${name}" contains a dot: RabbitMQ's MQTT plugin maps "/" to "." in topics, so a dotted level is split in two and the fleet's "+" subscriptions never see this spoke; use "-" or "_" instead (e.g. "${name.replaceAll('.', '-')}")`;
}

export function duplicates<T>(items: T[]): T[] {
  const seen = new Set<T>();
  const dup = new Set<T>();
  for (const x of items) (seen.has(x) ? dup : seen).add(x);
  return [...dup];
}
