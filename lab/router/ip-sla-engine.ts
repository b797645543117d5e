/**
 * One second of IP SLA: runs whose result is now known complete (and go
 * through their reactions), due operations start a run through the world.
 * Operations scheduled `start-time now` always run; `start-time pending`
 * ones only while a reaction trigger holds them active.
 */
import type { SeededRandom } from '../world/random.js';
import type { IpSlaConfig } from './config-model.js';
import { applyOutcome, completeRun, echoRunMs, judgeJitter, judgeProbe, newSlaRuntime, slaDue, startRun, type ProbeResult, type RunOutcome, type SlaRuntime } from './dynamics/ip-sla.js';
import { jitterRunMs, measureJitter, type PacketOutcome } from './dynamics/ip-sla-jitter.js';
import { elementValue, newReactionState, sendsTrap, stepReaction, triggers } from './dynamics/ip-sla-reaction.js';
import { addCounters } from './ike-sa.js';
import { defaultRouteInterface, emit, interfaceAddress, now, type RouterModel } from './model.js';

/**
 * World.probe with the kind of traffic (ICMP may be treated apart from UDP
 * data); typed here so this compiles against a World whose probe does not
 * take the kind yet (it then ignores it).
 */
type ProbeOfKind = (wan: string, address: string, rng: SeededRandom, kind: 'icmp' | 'data') => ProbeResult;

/** Bytes of one probe packet on the wire, for the interface counters. */
const PROBE_BYTES = 64;

/** Operations that may run: scheduled, or pending a trigger. */
function operationIds(m: RouterModel): number[] {
  return [...new Set([...m.config.scheduled, ...m.config.ipSla.pending.keys()])].sort((a, b) => a - b);
}

function hasType(cfg: IpSlaConfig): boolean {
  return cfg.icmpEcho !== undefined || cfg.icmpJitter !== undefined || cfg.udpJitter !== undefined;
}

/** `settle` (warm start): the runs' results are history, known at once. */
export function stepSlas(m: RouterModel, settle = false): void {
  const t = now(m);
  const ids = operationIds(m);
  for (const id of [...m.rt.slas.keys()]) if (!ids.includes(id) || !m.config.slas.has(id)) m.rt.slas.delete(id);
  for (const id of ids) {
    const cfg = m.config.slas.get(id);
    if (!cfg || !hasType(cfg)) continue;
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

/**
 * The interface the default route leaves by. A route via a gateway carries
 * no interface in the lab's table, so it is the first WAN that is up, as
 * the static default routes are ordered (fibre first, LTE floating).
 */
function routedInterface(m: RouterModel): string | undefined {
  return defaultRouteInterface(m) ?? m.world.wans().map((w) => w.interface).find((name) => m.rt.interfaces.get(name)?.protocolUp);
}

/** The interface packets leave by: the one holding `sourceIp`, else the default route's. */
function sourceInterface(m: RouterModel, sourceIp: string | undefined): string | undefined {
  if (sourceIp === undefined) return routedInterface(m);
  for (const name of m.config.interfaces.keys()) if (interfaceAddress(m, name)?.address === sourceIp) return name;
  return undefined;
}

function usable(m: RouterModel, source: string | undefined): source is string {
  return source !== undefined && m.rt.interfaces.get(source)?.protocolUp === true;
}

function runOperation(m: RouterModel, cfg: IpSlaConfig, t: number): { outcome: RunOutcome; durationMs: number } {
  if (cfg.icmpEcho) {
    const source = cfg.icmpEcho.sourceInterface ?? routedInterface(m);
    const ok = usable(m, source);
    const probe = ok ? m.world.probe(source, cfg.icmpEcho.destination, m.rng.sla) : { delivered: false, rttMs: 0 };
    if (ok) addCounters(m, source, probe.delivered ? 1 : 0, probe.delivered ? 100 : 0, 1, 100, t);
    const judged = judgeProbe(cfg, probe);
    return { outcome: ok ? judged : { ...judged, connectionLost: true }, durationMs: echoRunMs(cfg, probe) };
  }
  const jitter = (cfg.icmpJitter ?? cfg.udpJitter)!;
  const source = sourceInterface(m, jitter.sourceIp);
  const ok = usable(m, source);
  const kind = cfg.udpJitter ? 'data' : 'icmp';
  const packets: PacketOutcome[] = [];
  for (let i = 0; i < jitter.numPackets; i++) {
    if (!ok) { packets.push({ sent: false, rttMs: 0 }); continue; }
    const probe = (m.world.probe as ProbeOfKind).call(m.world, source, jitter.destination, m.rng.sla, kind);
    addCounters(m, source, probe.delivered ? 1 : 0, probe.delivered ? PROBE_BYTES : 0, 1, PROBE_BYTES, t);
    packets.push(probe.delivered ? { sent: true, rttMs: probe.rttMs } : { sent: true, rttMs: probe.rttMs, lostOn: lostDirection(m, probe) });
  }
  const stats = measureJitter(packets, cfg.timeoutMs, cfg.thresholdMs);
  const outcome = judgeJitter(cfg, stats);
  // udp-jitter's control exchange with the responder fails when nothing can reach it.
  const connectionLost = !ok || (cfg.udpJitter?.control === true && !m.world.reachable(source, jitter.destination));
  return { outcome: connectionLost ? { ...outcome, connectionLost } : outcome, durationMs: ok ? jitterRunMs(packets, jitter.intervalMs, cfg.timeoutMs) : cfg.timeoutMs };
}

/**
 * Which way a lost packet was lost. The world may say (`lostOn`); a world
 * that does not is symmetric, so either way is as likely.
 */
function lostDirection(m: RouterModel, probe: object): 'sd' | 'ds' {
  const lostOn = (probe as { lostOn?: string }).lostOn;
  if (lostOn === 'upstream') return 'sd';
  if (lostOn === 'downstream') return 'ds';
  return m.rng.sla.chance(50) ? 'sd' : 'ds';
}
