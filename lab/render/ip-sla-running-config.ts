/**
 * The IP SLA part of `show running-config`: each operation with its
 * non-default lines (`tos`, `threshold`, `timeout`, `frequency`, as IOS orders
 * them) and its schedule, then the reactions, the reaction triggers and
 * `ip sla logging traps`. A command's optional clauses print only when they
 * differ from IOS's defaults.
 */
import type { IpSlaConfig, RouterConfig } from '../router/config-model.js';
import { defaultThresholds, EVENT_ELEMENTS, JITTER_DEFAULTS, type ReactionConfig } from '../router/ip-sla-config.js';

function operationLine(s: IpSlaConfig): string | undefined {
  const jitterTail = (j: { intervalMs: number; numPackets: number }, order: 'interval-first' | 'packets-first'): string[] => {
    const interval = j.intervalMs !== JITTER_DEFAULTS.intervalMs ? [`interval ${j.intervalMs}`] : [];
    const packets = j.numPackets !== JITTER_DEFAULTS.numPackets ? [`num-packets ${j.numPackets}`] : [];
    return order === 'interval-first' ? [...interval, ...packets] : [...packets, ...interval];
  };
  if (s.icmpEcho)
    return ` icmp-echo ${s.icmpEcho.destination}${s.icmpEcho.sourceInterface ? ` source-interface ${s.icmpEcho.sourceInterface}` : ''}`;
  if (s.icmpJitter) {
    const j = s.icmpJitter;
    return [' icmp-jitter', j.destination, ...jitterTail(j, 'interval-first'), ...(j.sourceIp ? [`source-ip ${j.sourceIp}`] : [])].join(
      ' ',
    );
  }
  if (s.udpJitter) {
    const j = s.udpJitter;
    return [
      ' udp-jitter',
      j.destination,
      String(j.port),
      ...(j.sourceIp ? [`source-ip ${j.sourceIp}`] : []),
      ...(j.sourcePort !== undefined ? [`source-port ${j.sourcePort}`] : []),
      ...(j.control ? [] : ['control disable']),
      ...jitterTail(j, 'packets-first'),
    ].join(' ');
  }
  if (s.tcpConnect) {
    const c = s.tcpConnect;
    return [
      ' tcp-connect',
      c.destination,
      String(c.port),
      ...(c.sourceIp ? [`source-ip ${c.sourceIp}`] : []),
      ...(c.sourcePort !== undefined ? [`source-port ${c.sourcePort}`] : []),
      ...(c.control ? [] : ['control disable']),
    ].join(' ');
  }
  return undefined;
}

export function reactionLine(id: number, r: ReactionConfig): string {
  const words = [`ip sla reaction-configuration ${id} react ${r.element}`];
  const d = defaultThresholds(r.element);
  if (!EVENT_ELEMENTS.has(r.element) && (r.upper !== d.upper || r.lower !== d.lower)) words.push(`threshold-value ${r.upper} ${r.lower}`);
  const t = r.thresholdType;
  if (t.kind === 'immediate') words.push('threshold-type immediate');
  if (t.kind === 'consecutive') words.push(`threshold-type consecutive ${t.occurrences}`);
  if (t.kind === 'xofy') words.push(`threshold-type xofy ${t.x} ${t.y}`);
  if (t.kind === 'average') words.push(`threshold-type average ${t.measurements}`);
  if (r.action !== 'none') words.push(`action-type ${r.action}`);
  return words.join(' ');
}

export function ipSlaConfigLines(c: RouterConfig): string[] {
  const body: string[] = [];
  for (const s of [...c.slas.values()].sort((a, b) => a.id - b.id)) {
    const line = operationLine(s);
    if (!line) continue;
    body.push(`ip sla ${s.id}`, line);
    if (s.tos !== undefined) body.push(` tos ${s.tos}`);
    if (s.thresholdMs !== 5000) body.push(` threshold ${s.thresholdMs}`);
    if (s.timeoutMs !== 5000) body.push(` timeout ${s.timeoutMs}`);
    if (s.frequencySec !== 60) body.push(` frequency ${s.frequencySec}`);
    if (c.scheduled.has(s.id)) body.push(`ip sla schedule ${s.id} life forever start-time now`);
    const pending = c.ipSla.pending.get(s.id);
    if (pending) body.push(`ip sla schedule ${s.id}${pending.lifeSec === 3600 ? '' : ` life ${pending.lifeSec}`} start-time pending`);
  }
  for (const [id, reactions] of [...c.ipSla.reactions].sort((a, b) => a[0] - b[0]))
    for (const r of reactions) body.push(reactionLine(id, r));
  for (const [id, targets] of [...c.ipSla.triggers].sort((a, b) => a[0] - b[0]))
    for (const t of targets) body.push(`ip sla reaction-trigger ${id} ${t}`);
  if (c.ipSla.loggingTraps) body.push('ip sla logging traps');
  return body;
}
