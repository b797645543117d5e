/**
 * One second of IP SLA: runs whose result is now known complete (and go
 * through their reactions), due operations start a run through the world.
 * Operations scheduled `start-time now` always run; `start-time pending`
 * ones only while a reaction trigger holds them active.
 */
import type { ProbeOutcome } from '../world/world.js';
import { hasOperationType, type IpSlaConfig } from './config-model.js';
import {
  applyOutcome,
  completeRun,
  echoRunMs,
  judgeJitter,
  judgeProbe,
  newSlaRuntime,
  slaDue,
  startRun,
  type RunOutcome,
  type SlaRuntime,
} from './dynamics/ip-sla.js';
import { jitterRunMs, measureJitter, type PacketOutcome } from './dynamics/ip-sla-jitter.js';
import { elementValue, newReactionState, sendsTrap, stepReaction, triggers } from './dynamics/ip-sla-reaction.js';
import { emit, now, type RouterModel } from './model.js';
import { probePath, type ProbePath } from './probe-path.js';
import { send, sourceIpPath } from './probe-send.js';
import { runTcpConnect, tcpConnectPath, type TcpPath } from './tcp-connect.js';

/** Bytes of one jitter probe packet and of one echo (request or reply) on the wire, for the interface counters. */
const PROBE_BYTES = 64;
const ECHO_BYTES = 100;

/** Operations that may run: scheduled, or pending a trigger. */
function operationIds(m: RouterModel): number[] {
  return [...new Set([...m.config.scheduled, ...m.config.ipSla.pending.keys()])].sort((a, b) => a - b);
}

/** `settle` (warm start): the runs' results are history, known at once. */
export function stepSlas(m: RouterModel, settle = false): void {
  const t = now(m);
  const ids = operationIds(m);
  for (const id of [...m.rt.slas.keys()]) if (!ids.includes(id) || !m.config.slas.has(id)) m.rt.slas.delete(id);
  for (const id of ids) {
    const cfg = m.config.slas.get(id);
    if (!cfg || !hasOperationType(cfg)) continue;
    let rt = m.rt.slas.get(id) ?? newSlaRuntime(t);
    const flight = rt.inFlight;
    const done = completeRun(rt, t);
    rt = done.rt;
    if (done.applied && flight) rt = react(m, id, rt, flight.outcome, t);
    if (isActive(m, id, rt, t) && slaDue(rt, t)) {
      const run = runOperation(m, cfg, t);
      rt = startRun(rt, cfg, run.outcome, t, run.durationMs);
      if (settle) rt = react(m, id, applyOutcome(rt, run.outcome, t), run.outcome, t);
    }
    m.rt.slas.set(id, rt);
  }
}

function isActive(m: RouterModel, id: number, rt: SlaRuntime, t: number): boolean {
  if (m.config.scheduled.has(id)) return true;
  return rt.activeUntil !== undefined && t < rt.activeUntil;
}

/** The completed run's outcome through the operation's reactions: events, logs, triggers. */
function react(m: RouterModel, id: number, rt: SlaRuntime, outcome: RunOutcome, t: number): SlaRuntime {
  const reactions = m.config.ipSla.reactions.get(id) ?? [];
  if (reactions.length === 0) {
    const { reactions: _gone, ...rest } = rt;
    return rest;
  }
  const states: NonNullable<SlaRuntime['reactions']> = {};
  for (const cfg of reactions) {
    const r = stepReaction(cfg, rt.reactions?.[cfg.element] ?? newReactionState(), elementValue(cfg.element, outcome));
    states[cfg.element] = r.state;
    if (!r.event) continue;
    const logged = sendsTrap(cfg) && m.config.ipSla.loggingTraps;
    emit(m, { kind: 'ip-sla-threshold', at: t, operation: id, element: cfg.element, state: r.event, logged });
    if (r.event === 'occurred' && triggers(cfg)) for (const target of m.config.ipSla.triggers.get(id) ?? []) trigger(m, target, t);
  }
  return { ...rt, reactions: states };
}

/**
 * A trigger moves a `start-time pending` operation to active for its life;
 * one still active ignores it (IOS: a triggered operation must finish its
 * life before it can be triggered again).
 */
function trigger(m: RouterModel, target: number, t: number): void {
  const pending = m.config.ipSla.pending.get(target);
  if (!pending || !m.config.slas.has(target)) return;
  const rt = m.rt.slas.get(target) ?? newSlaRuntime(t);
  if (rt.activeUntil !== undefined && t < rt.activeUntil) return;
  m.rt.slas.set(target, { ...rt, nextRunAt: t, activeUntil: pending.lifeSec === 'forever' ? Infinity : t + pending.lifeSec * 1000 });
}

/** Where an operation's packets go now. */
function operationPath(m: RouterModel, cfg: IpSlaConfig): TcpPath {
  return cfg.tcpConnect ? tcpConnectPath(m, cfg.tcpConnect) : probeOperationPath(m, cfg);
}

/** Where an echo or jitter operation's packets go now. */
function probeOperationPath(m: RouterModel, cfg: IpSlaConfig): ProbePath {
  if (cfg.icmpEcho) return probePath(m, cfg.icmpEcho.sourceInterface, cfg.icmpEcho.destination, 'icmp');
  return sourceIpPath(m, (cfg.icmpJitter ?? cfg.udpJitter)!, cfg.udpJitter ? 'data' : 'icmp');
}

/**
 * Warm start settles the operations before the tunnel is up; a router up for
 * days had its in-tunnel probes answered through it, so once the tunnel is
 * up they settle again (the others are not due and draw nothing).
 */
export function resettleTunnelProbes(m: RouterModel): void {
  let any = false;
  for (const [id, cfg] of m.config.slas) {
    const path = hasOperationType(cfg) ? operationPath(m, cfg) : undefined;
    if (path?.kind !== 'wire' || path.tunnel === undefined) continue;
    m.rt.slas.delete(id);
    any = true;
  }
  if (any) stepSlas(m, true);
}

function runOperation(m: RouterModel, cfg: IpSlaConfig, t: number): { outcome: RunOutcome; durationMs: number } {
  if (cfg.tcpConnect) return runTcpConnect(m, cfg, cfg.tcpConnect, tcpConnectPath(m, cfg.tcpConnect), t);
  const path = probeOperationPath(m, cfg);
  const dscp = (cfg.tos ?? 0) >> 2;
  if (cfg.icmpEcho) {
    const probe = send(m, path, ECHO_BYTES, t, dscp);
    const judged = judgeProbe(cfg, probe);
    return { outcome: path.kind === 'unusable' ? { ...judged, connectionLost: true } : judged, durationMs: echoRunMs(cfg, probe) };
  }
  const jitter = (cfg.icmpJitter ?? cfg.udpJitter)!;
  const packets: PacketOutcome[] = [];
  for (let i = 0; i < jitter.numPackets; i++) {
    if (path.kind === 'unusable') {
      packets.push({ sent: false, rttMs: 0 });
      continue;
    }
    const probe = send(m, path, PROBE_BYTES, t, dscp);
    packets.push(
      probe.delivered ? { sent: true, rttMs: probe.rttMs } : { sent: true, rttMs: probe.rttMs, lostOn: lostDirection(m, probe) },
    );
  }
  const stats = measureJitter(packets, cfg.timeoutMs, cfg.thresholdMs);
  const outcome = judgeJitter(cfg, stats);
  // udp-jitter's control exchange with the responder fails when nothing can reach it.
  const unreachable = path.kind !== 'wire' || !m.world.reachable(path.wan, path.address);
  const connectionLost = path.kind === 'unusable' || (cfg.udpJitter?.control === true && unreachable);
  return {
    outcome: connectionLost ? { ...outcome, connectionLost } : outcome,
    durationMs: path.kind === 'unusable' ? cfg.timeoutMs : jitterRunMs(packets, jitter.intervalMs, cfg.timeoutMs),
  };
}

/**
 * Which way a lost packet was lost. The world may say (`lostOn`); a world
 * that does not is symmetric, so either way is as likely.
 */
function lostDirection(m: RouterModel, probe: ProbeOutcome): 'sd' | 'ds' {
  const lostOn = probe.lostOn;
  if (lostOn === 'upstream') return 'sd';
  if (lostOn === 'downstream') return 'ds';
  return m.rng.sla.chance(50) ? 'sd' : 'ds';
}
