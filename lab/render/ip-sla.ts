/**
 * `show ip sla statistics [N]` (corpus: samples/show_ip_sla_statistics_1,
 * IOS 15 layout with the indented RTT line) and `show ip sla summary`
 * (corpus: genieparser ShowIpSlaSummary golden_output_1).
 */
import type { RouterModel } from '../router/model.js';
import type { SlaCode } from '../router/dynamics/ip-sla.js';
import { iosDate, pad } from './format.js';

const CODE_TEXT: Record<SlaCode, string> = { ok: 'OK', timeout: 'Timeout', 'over-threshold': 'Over threshold' };

function configuredIds(m: RouterModel): number[] {
  return [...m.config.slas.values()].filter((s) => s.icmpEcho).map((s) => s.id).sort((a, b) => a - b);
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
    const rt = m.rt.slas.get(id);
    out.push(`IPSLA operation id: ${id}`);
    if (!rt?.lastStartAt) {
      // Configured but never run (not scheduled): IOS prints the counters only.
      out.push('Number of successes: 0', 'Number of failures: 0', 'Operation time to live: 0');
      if (details) out.push('Operational state of entry: Pending', 'Last time this entry was reset: Never');
      out.push('', '');
      continue;
    }
    out.push(rt.rttMs === undefined ? '        Latest RTT: NoConnection/Busy/Timeout' : `        Latest RTT: ${rt.rttMs} milliseconds`);
    out.push(`Latest operation start time: ${iosDate(rt.lastStartAt)}`);
    out.push(`Latest operation return code: ${CODE_TEXT[rt.code ?? 'timeout']}`);
    if (details) out.push(`Over thresholds occurred: ${rt.code === 'over-threshold' ? 'TRUE' : 'FALSE'}`);
    out.push(`Number of successes: ${rt.successes}`, `Number of failures: ${rt.failures}`, 'Operation time to live: Forever');
    if (details) out.push('Operational state of entry: Active', 'Last time this entry was reset: Never');
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
    const code = m.config.scheduled.has(id) ? '*' : '~';
    const stats = rt?.rttMs === undefined ? '-' : `RTT=${rt.rttMs}`;
    const returnCode = rt?.code === undefined ? 'Unknown' : rt.code === 'over-threshold' ? 'Over threshold' : CODE_TEXT[rt.code];
    const lastRun = rt?.lastStartAt === undefined ? 'never' : `${Math.floor((now - rt.lastStartAt) / 1000)} seconds ago`;
    out.push(`${pad(`${code}${id}`, 13)}${pad('icmp-echo', 12)}${pad(cfg.icmpEcho!.destination, 18)}${pad(stats, 12)}${pad(returnCode, 12)}${lastRun}`);
  }
  return out.join('\n');
}
