/**
 * The IP SLA sections of the generated configuration: the probes the agent
 * and IOS judge each candidate on, and templates for the in-tunnel probes,
 * whose target (a host behind the hubs) the file does not know, and for the
 * service-class probes, whose source addresses it does not know. Pure.
 */
import type { IosConfigInput } from './ios-config.js';

type Candidate = IosConfigInput['candidates'][number];

/** IOS refuses `ip sla schedule` when the threshold exceeds the timeout; 1 s answers for a path, else the threshold. */
export const probeTimeoutMs = (thresholdMs: number) => Math.max(1000, thresholdMs);
/** A probe is not sent again before the last one timed out. */
const probeFrequencySec = (i: IosConfigInput, thresholdMs: number) =>
  Math.max(i.probeFrequencySec, Math.ceil(probeTimeoutMs(thresholdMs) / 1000));
/**
 * A metered WAN's standby probes (the ones its tracks read): two hub probes every 30 s cost
 * about 35 MB in 30 days at 100 bytes each way, and a dead SIM times the next one out
 * within about 31 s (README: Metered WANs; lab/baselines/ios-tuned-metered.ios).
 */
const STANDBY_FREQUENCY_SEC = 30;

export function probeLines(i: IosConfigInput, thresholdMs: number): string[] {
  const out = [
    '!',
    '! IP SLA (icmp-echo): one probe per candidate path (hub over WAN), its first operation in the file;',
    `! \`threshold\` is the service level (policy.fail.rttMs), so a slower answer is Over threshold and a \`state\` track counts it.`,
    '! IOS will not change a scheduled operation: for one that exists already, `no ip sla N` first (or keep yours).',
  ];
  const users = new Map<number, Candidate[]>();
  for (const c of i.candidates) for (const op of c.slaOperations) users.set(op, [...(users.get(op) ?? []), c]);
  const paths = new Set(i.candidates.flatMap((c) => c.slaOperations.slice(0, 1)));
  const metered = new Set(i.sources.filter((s) => s.metered).map((s) => s.interface));
  const fullRate = new Set(i.sources.flatMap((s) => s.metered?.fullRateOperations ?? []));
  for (const [op, cands] of [...users].sort((a, b) => a[0] - b[0])) {
    const sources = [...new Set(cands.map((c) => c.source))];
    const peers = [...new Set(cands.map((c) => c.peer))];
    if (sources.length > 1) {
      out.push(
        `! ip sla ${op} is listed for candidates on ${sources.join(' and ')}: an operation probes from one interface; give each WAN its own.`,
      );
      if (paths.has(op))
        out.push(`! Until then the path tracks below read ip sla ${op} for ${cands.map((c) => c.id).join(', ')} as it is configured.`);
      continue;
    }
    // One hub: that path's probe. Several hubs over one WAN: a WAN probe, sent to the first hub unless you choose a better anchor.
    if (peers.length > 1)
      out.push(
        `! ip sla ${op} is shared by ${cands.map((c) => c.id).join(', ')}: a probe of WAN ${sources[0]}; ${peers[0]} is one target, an internet anchor another.`,
      );
    else if (!paths.has(op))
      out.push(`! ip sla ${op}: another probe candidate ${cands[0]!.id} is judged on by the agent; no track reads it.`);
    const standby = metered.has(sources[0]!) && !fullRate.has(op);
    if (fullRate.has(op))
      out.push(
        `! ip sla ${op}: full-rate probe of metered ${sources[0]}, not scheduled: the agent starts it while the WAN is needed, stops it in standby.`,
      );
    else if (standby)
      out.push(
        `! ip sla ${op}: standby probe of metered ${sources[0]}, every ${STANDBY_FREQUENCY_SEC} s (its tracks read it; the full-rate probes run only when needed).`,
      );
    const frequency = standby ? Math.max(STANDBY_FREQUENCY_SEC, probeFrequencySec(i, thresholdMs)) : probeFrequencySec(i, thresholdMs);
    out.push(
      `ip sla ${op}`,
      ` icmp-echo ${peers[0]} source-interface ${sources[0]}`,
      ` threshold ${thresholdMs}`,
      ` timeout ${probeTimeoutMs(thresholdMs)}`,
      ` frequency ${frequency}`,
      ...(fullRate.has(op) ? [] : [`ip sla schedule ${op} life forever start-time now`]),
    );
  }
  return out;
}

/** In-tunnel probes (flexvpn.tunnelSlaOperations): the file names the operations, not the host behind the hubs they ping. */
export function tunnelProbeLines(i: IosConfigInput, thresholdMs: number): string[] {
  const ops = i.tunnelSlaOperations ?? [];
  if (ops.length === 0) return [];
  const out = [
    '!',
    `! In-tunnel probes (flexvpn.tunnelSlaOperations): routed to a host behind the hubs, they leave by ${i.tunnel},`,
    "! ESP on the wire, and measure what the users' traffic gets on the path in use. icmp-jitter (no responder",
    '! needed) sends 10 packets 20 ms apart a run, so the agent judges loss on many packets, run by run.',
    '! The file does not say whom they ping: choose a host in the data centre that answers behind every hub,',
    '! fill it in, remove each leading `! ` and paste.',
  ];
  for (const op of ops) {
    out.push(
      `! ip sla ${op}`,
      '!  icmp-jitter <an address behind the hubs> interval 20 num-packets 10',
      `!  threshold ${thresholdMs}`,
      `!  timeout ${probeTimeoutMs(thresholdMs)}`,
      `!  frequency ${probeFrequencySec(i, thresholdMs)}`,
      `! ip sla schedule ${op} life forever start-time now`,
    );
  }
  return out;
}

/** A class probe's run: 100 packets 20 ms apart (2 s), every 5 s, so loss is judged on many packets. */
const CLASS_PACKETS = 100;
const CLASS_FREQUENCY_SEC = 5;
/** The IP SLA responder's port on the hubs (`ip sla responder udp-echo ... port`); any agreed port does. */
const RESPONDER_PORT = 16384;

/**
 * Service-class probes (policy.classes, candidates[].classOperations): per candidate and class,
 * a udp-jitter to the hub marked with the class's DSCP (`tos` = DSCP x 4, "IP SLAs UDP Jitter
 * Operations"), so its packets meet the queue that class meets, judged by the agent against the
 * class's level. udp-jitter takes a source address, not an interface, and the file knows the
 * WAN's interface only: the lines are a template to fill in (each hub runs `ip sla responder`).
 */
export function classProbeLines(i: IosConfigInput): string[] {
  const classes = i.classes ?? [];
  const ops = i.candidates.flatMap((c) => classes.flatMap((k) => (c.classOperations?.[k.name] ?? []).map((op) => ({ c, k, op }))));
  if (ops.length === 0) return [];
  const out = [
    '!',
    '! Service-class probes (policy.classes): per path and class, a udp-jitter to the hub marked with the',
    "! class's DSCP (tos = DSCP x 4), judged by the agent against the class's level; no track reads them.",
    '! The hubs answer as IP SLA responders (`ip sla responder`). udp-jitter takes a source address, not an',
    "! interface: fill in each WAN's address (an LTE's as its APN assigns it), remove each leading `! ` and paste.",
  ];
  for (const { c, k, op } of ops.sort((a, b) => a.op - b.op)) {
    out.push(
      `! ip sla ${op}`,
      `!  udp-jitter ${c.peer} ${RESPONDER_PORT} source-ip <address of ${c.source}> num-packets ${CLASS_PACKETS} interval 20`,
      `!  tos ${k.dscp * 4}`,
      `!  threshold ${Math.round(k.rttMs)}`,
      `!  timeout ${probeTimeoutMs(Math.round(k.rttMs))}`,
      `!  frequency ${CLASS_FREQUENCY_SEC}`,
      `! ip sla schedule ${op} life forever start-time now`,
    );
  }
  return out;
}
