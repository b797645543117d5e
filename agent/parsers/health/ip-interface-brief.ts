import type { ParseResult } from '../../../proto/records/common.js';
import type { IpInterfaceBrief } from '../../../proto/records/health.js';
import { isIpv4 } from '../address.js';
import { canonicalInterface } from '../interface-name.js';
import { fields, splitLines, Warnings } from '../lines.js';
import { interfaceStatus, isCaptureNoise, lineProtocolState } from './common.js';

const HEADER = /^Interface\s+IP-Address\s+OK\?\s+Method\s+Status\s+Protocol$/;

/**
 * `show ip interface brief`. The Status column is `administratively down`
 * (two words) for shut interfaces, so the row is read from both ends.
 */
export function parseIpInterfaceBrief(text: string): ParseResult<IpInterfaceBrief> {
  const warnings = new Warnings("'Interface IP-Address OK? Method Status Protocol' rows");
  const records: IpInterfaceBrief[] = [];
  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '' || HEADER.test(t) || isCaptureNoise(t)) continue;
    const row = briefRow(fields(t));
    if (row) records.push(row);
    else warnings.add(line, 'unrecognised interface row');
  }
  return { records, warnings: warnings.list };
}

function briefRow(f: string[]): IpInterfaceBrief | undefined {
  if (f.length !== 6 && f.length !== 7) return undefined;
  const [name, address, ok, method] = [f[0]!, f[1]!, f[2]!, f[3]!];
  if (!/^(YES|NO)$/.test(ok) || (address !== 'unassigned' && !isIpv4(address))) return undefined;
  const statusRaw = f.slice(4, -1).join(' ');
  const protocolRaw = f[f.length - 1]!;
  const row: IpInterfaceBrief = {
    name: canonicalInterface(name),
    ok: ok === 'YES',
    method,
    status: interfaceStatus(statusRaw),
    statusRaw,
    protocol: lineProtocolState(protocolRaw),
    protocolRaw,
  };
  if (address !== 'unassigned') row.ipAddress = address;
  return row;
}
