/**
 * `show ip sla statistics [N] [details]` (corpus: samples/show_ip_sla_statistics_1,
 * IOS 15 layout with the indented RTT line; jitter blocks in ip-sla-jitter.ts)
 * and `show ip sla summary` (corpus: genieparser ShowIpSlaSummary golden_output_1,
 * which lists udp-jitter and icmp-echo entries alike).
 */
import type { IpSlaConfig } from '../router/config-model.js';
import type { RouterModel } from '../router/model.js';
import type { SlaCode } from '../router/dynamics/ip-sla.js';
import { iosDate, pad } from './format.js';
import { jitterBlock } from './ip-sla-jitter.js';

export const CODE_TEXT: Record<SlaCode, string> = {
  ok: 'OK',
  timeout: 'Timeout',
  'over-threshold': 'Over threshold',
  'no-connection': 'No connection',
};

export function operationType(cfg: IpSlaConfig): string | undefined {
  return cfg.icmpEcho
    ? 'icmp-echo'
    : cfg.icmpJitter
      ? 'icmp-jitter'
      : cfg.udpJitter
        ? 'udp-jitter'
        : cfg.tcpConnect
          ? 'tcp-connect'
          : undefined;
}

export function destinationOf(cfg: IpSlaConfig): string {
  return (cfg.icmpEcho ?? cfg.icmpJitter ?? cfg.udpJitter ?? cfg.tcpConnect)?.destination ?? '';
}

export function configuredIds(m: RouterModel): number[] {
  return [...m.config.slas.values()]
    .filter((s) => operationType(s) !== undefined)
    .map((s) => s.id)
    .sort((a, b) => a - b);
}

/** Running now: scheduled `start-time now`, or triggered out of `start-time pending` and within its life. */
export function isActive(m: RouterModel, id: number): boolean {
  if (m.config.scheduled.has(id)) return true;
  const until = m.rt.slas.get(id)?.activeUntil;
  return until !== undefined && m.opts.clock.now() < until;
}

/**
 * `details` adds `Over thresholds occurred`, `Operational state of entry` and
 * `Last time this entry was reset` (corpus: genieparser
 * ShowIpSlaStatisticsDetails golden_output_1 and _2).
 */
export function renderIpSlaStatistics(m: RouterModel, only?: number, details = false): string {
  const out: string[] = ['IPSLAs Latest Operation Statistics', ''];
  for (const id of configuredIds(m)) {
    if (only !== undefined && id !== only) continue;
    const cfg = m.config.slas.get(id)!;
    const rt = m.rt.slas.get(id);
    // IOS 15 names the type only for the jitter operations; tcp-connect prints as icmp-echo does (unverified: no tcp-connect capture was found).
    const jitterOp = cfg.icmpJitter !== undefined || cfg.udpJitter !== undefined;
    out.push(`IPSLA operation id: ${id}`);
    if (jitterOp) out.push(`Type of operation: ${operationType(cfg)}`);
    if (rt?.lastStartAt === undefined) {
      // Configured but never run (not scheduled, or pending a trigger): IOS prints the counters only.
      out.push('Number of successes: 0', 'Number of failures: 0', 'Operation time to live: 0');
      if (details)
        out.push(
          `Operational state of entry: ${m.config.ipSla.pending.has(id) && !isActive(m, id) ? 'Pending' : 'Inactive'}`,
          'Last time this entry was reset: Never',
        );
      out.push('', '');
      continue;
    }
    out.push(rt.rttMs === undefined ? '        Latest RTT: NoConnection/Busy/Timeout' : `        Latest RTT: ${rt.rttMs} milliseconds`);
    out.push(`Latest operation start time: ${iosDate(rt.lastStartAt)}`);
    out.push(`Latest operation return code: ${CODE_TEXT[rt.code ?? 'timeout']}`);
    if (details) out.push(`Over thresholds occurred: ${rt.code === 'over-threshold' ? 'TRUE' : 'FALSE'}`);
    if (rt.jitter) out.push(...jitterBlock(rt.jitter, cfg.udpJitter ? 'udp' : 'icmp'));
    out.push(`Number of successes: ${rt.successes}`, `Number of failures: ${rt.failures}`, 'Operation time to live: Forever');
    if (details) out.push(`Operational state of entry: ${isActive(m, id) ? 'Active' : 'Pending'}`, 'Last time this entry was reset: Never');
    out.push('', '');
  }
  return out.join('\n');
}

export function renderIpSlaSummary(m: RouterModel): string {
  const out = [
    'IPSLAs Latest Operation Summary',
    'Codes: * active, ^ inactive, ~ pending',
    'All Stats are in milliseconds. Stats with u are in microseconds',
    '',
    'ID           Type        Destination       Stats       ReturnCode  LastRun',
    '-----------------------------------------------------------------------',
  ];
  const now = m.opts.clock.now();
  for (const id of configuredIds(m)) {
    const cfg = m.config.slas.get(id)!;
    const rt = m.rt.slas.get(id);
    const code = isActive(m, id) ? '*' : '~';
    const stats = rt?.rttMs === undefined ? '-' : `RTT=${rt.rttMs}`;
    const returnCode = rt?.code === undefined ? 'Unknown' : CODE_TEXT[rt.code];
    const lastRun = rt?.lastStartAt === undefined ? 'never' : `${Math.floor((now - rt.lastStartAt) / 1000)} seconds ago`;
    // `No connection` is wider than its column: a space still separates it from LastRun.
    out.push(
      `${pad(`${code}${id}`, 13)}${pad(operationType(cfg)!, 12)}${pad(destinationOf(cfg), 18)}${pad(stats, 12)}${pad(`${returnCode} `, 12)}${lastRun}`,
    );
  }
  return out.join('\n');
}
