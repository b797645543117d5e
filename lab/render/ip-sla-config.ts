/**
 * `show ip sla configuration [N]` in IOS 15's "Infrastructure Engine-III"
 * layout (routers' captures for icmp-echo with a source interface or none,
 * and for udp-jitter: `Target port/Source port`, `Packet Interval
 * (milliseconds)/Number of packets`, `Control Packets`), and
 * `show ip sla reaction-configuration [N]`. tcp-connect takes udp-jitter's
 * address, port and control lines, no request size (it sends no data) and
 * keeps the history block as the HTTP operation's capture does (unverified:
 * no tcp-connect capture was found).
 */
import type { IpSlaConfig } from '../router/config-model.js';
import type { ReactionConfig, ThresholdType } from '../router/ip-sla-config.js';
import type { RouterModel } from '../router/model.js';
import { configuredIds, isActive, operationType } from './ip-sla.js';

function targetLines(cfg: IpSlaConfig): string[] {
  if (cfg.icmpEcho) {
    return cfg.icmpEcho.sourceInterface
      ? [`Target address/Source interface: ${cfg.icmpEcho.destination}/${cfg.icmpEcho.sourceInterface}`]
      : [`Target address/Source address: ${cfg.icmpEcho.destination}/0.0.0.0`];
  }
  const j = (cfg.icmpJitter ?? cfg.udpJitter ?? cfg.tcpConnect)!;
  const lines = [`Target address/Source address: ${j.destination}/${j.sourceIp ?? '0.0.0.0'}`];
  const ported = cfg.udpJitter ?? cfg.tcpConnect;
  if (ported) lines.push(`Target port/Source port: ${ported.port}/${ported.sourcePort ?? 0}`);
  return lines;
}

function entry(m: RouterModel, cfg: IpSlaConfig): string[] {
  const j = cfg.icmpJitter ?? cfg.udpJitter;
  const pending = m.config.ipSla.pending.get(cfg.id);
  const scheduled = m.config.scheduled.has(cfg.id) || pending !== undefined;
  const life = m.config.scheduled.has(cfg.id) || pending?.lifeSec === 'forever' ? 'Forever' : String(pending?.lifeSec ?? 3600);
  const out = [
    `Entry number: ${cfg.id}`,
    'Owner: ',
    'Tag: ',
    `Operation timeout (milliseconds): ${cfg.timeoutMs}`,
    `Type of operation to perform: ${operationType(cfg)}`,
    ...targetLines(cfg),
    // IOS prints the ToS byte in hex (`tos 184` is 0xB8).
    `Type Of Service parameter: 0x${(cfg.tos ?? 0).toString(16).toUpperCase()}`,
  ];
  // IOS's default request sizes: 28 bytes for ICMP echo, 32 for UDP jitter, 36 for ICMP jitter.
  if (!cfg.tcpConnect) out.push(`Request size (ARR data portion): ${cfg.icmpEcho ? 28 : cfg.udpJitter ? 32 : 36}`);
  if (j) out.push(`Packet Interval (milliseconds)/Number of packets: ${j.intervalMs}/${j.numPackets}`);
  if (!cfg.tcpConnect) out.push('Verify data: No');
  out.push('Vrf Name: ');
  const controlled = cfg.udpJitter ?? cfg.tcpConnect;
  if (controlled) out.push(`Control Packets: ${controlled.control ? 'enabled' : 'disabled'}`);
  out.push(
    'Schedule:',
    `   Operation frequency (seconds): ${cfg.frequencySec}  (not considered if randomly scheduled)`,
    `   Next Scheduled Start Time: ${m.config.scheduled.has(cfg.id) || isActive(m, cfg.id) ? 'Start Time already passed' : 'Pending trigger'}`,
    '   Group Scheduled : FALSE',
    '   Randomly Scheduled : FALSE',
    `   Life (seconds): ${life}`,
    '   Entry Ageout (seconds): never',
    '   Recurring (Starting Everyday): FALSE',
    `   Status of entry (SNMP RowStatus): ${scheduled ? 'Active' : 'notInService'}`,
    `Threshold (milliseconds): ${cfg.thresholdMs}`,
    'Distribution Statistics:',
    '   Number of statistic hours kept: 2',
    '   Number of statistic distribution buckets kept: 1',
    '   Statistic distribution interval (milliseconds): 20',
    'Enhanced History:',
  );
  if (cfg.icmpEcho ?? cfg.tcpConnect)
    out.push(
      'History Statistics:',
      '   Number of history Lives kept: 0',
      '   Number of history Buckets kept: 15',
      '   History Filter Type: None',
    );
  return out;
}

export function renderIpSlaConfiguration(m: RouterModel, only?: number): string {
  const out = ['IP SLAs Infrastructure Engine-III'];
  const ids = configuredIds(m).filter((id) => only === undefined || id === only);
  ids.forEach((id, i) => {
    if (i > 0) out.push('');
    out.push(...entry(m, m.config.slas.get(id)!));
  });
  return out.join('\n');
}

const TYPE_WORD: Record<ThresholdType['kind'], string> = {
  never: 'Never',
  immediate: 'Immediate',
  consecutive: 'Consecutive',
  xofy: 'xOfy',
  average: 'Average',
};
const ACTION_WORD: Record<ReactionConfig['action'], string> = {
  none: 'None',
  trapOnly: 'Trap Only',
  triggerOnly: 'Trigger Only',
  trapAndTrigger: 'Trap and Trigger',
};

/** The two counts IOS keeps per reaction (consecutive and average use the first, xofy both). */
function counts(t: ThresholdType): [number, number] {
  switch (t.kind) {
    case 'consecutive':
      return [t.occurrences, 5];
    case 'xofy':
      return [t.x, t.y];
    case 'average':
      return [t.measurements, 5];
    default:
      return [5, 5];
  }
}

/**
 * One `Index:` block per reaction, in the order configured. Layout from the
 * IP SLA command reference's example as remembered (no capture was found):
 * `Reaction`, `Threshold Type`, `Rising`/`Falling` in the element's unit,
 * `Threshold Count` and `Threshold Count2`, `Action Type`.
 */
export function renderIpSlaReactionConfiguration(m: RouterModel, only?: number): string {
  const out: string[] = [];
  for (const id of configuredIds(m).filter((x) => only === undefined || x === only)) {
    if (out.length > 0) out.push('');
    out.push(`Entry number: ${id}`);
    const reactions = m.config.ipSla.reactions.get(id) ?? [];
    if (reactions.length === 0) {
      out.push('Reaction Configuration not configured');
      continue;
    }
    reactions.forEach((r, i) => {
      const unit = r.element.startsWith('packetLoss') ? 'packets' : 'milliseconds';
      const [x, y] = counts(r.thresholdType);
      if (i > 0) out.push('');
      out.push(`Index: ${i + 1}`, `Reaction: ${r.element}`, `Threshold Type: ${TYPE_WORD[r.thresholdType.kind]}`);
      if (!['timeout', 'connectionLoss', 'verifyError'].includes(r.element))
        out.push(`Rising (${unit}): ${r.upper}`, `Falling (${unit}): ${r.lower}`);
      out.push(`Threshold Count: ${x}`, `Threshold Count2: ${y}`, `Action Type: ${ACTION_WORD[r.action]}`);
    });
  }
  return out.join('\n');
}
