import type { ParseResult } from '../../../proto/records/common.js';
import type { InterfaceDetail } from '../../../proto/records/health.js';
import { canonicalInterface } from '../interface-name.js';
import { splitLines, Warnings } from '../lines.js';
import { interfaceStatus, isCaptureNoise, lineProtocolState } from './common.js';
import { GENERAL_RULES, type InterfaceContext, type LineRule } from './interfaces-lines.js';
import { counterLine, TRAFFIC_RULES } from './interfaces-traffic.js';
import { TUNNEL_RULES } from './interfaces-tunnel.js';
import { WAN_RULES } from './interfaces-wan-lines.js';

// `Vlan1 is up, line protocol is down , Autostate Enabled`, `Dialer1 is up (spoofing), line
// protocol is up (spoofing)`, `pseudowire1 is up` (no line protocol at all). A backup interface
// waiting for its primary to fail is `Serial1 is standby mode, line protocol is down` (Cisco IOS
// Dial Technologies, dial backup: show interfaces of a `backup interface`).
const HEADER =
  /^(\S+) is (administratively down|up|down|deleted|reset|standby mode)(?: \(\w+\))?(?:, line protocol is (\w+)(?: \(([\w-]+)\))?)?(?:\s*,\s*Autostate (Enabled|Disabled))?$/;

/**
 * A dialer profile in use ends its block with `Bound to:` and then the whole block
 * of the interface carrying the call, indented one step deeper (IOS Dial
 * Technologies, dialer profiles: `show interfaces dialer` with a B channel bound).
 */
const BOUND_TO = /^Bound to:$/;
interface BoundBlock {
  owner: InterfaceDetail;
  indent: number;
}

/**
 * A fixed notice under an interface header, wrapped with its continuation lines aligned
 * under its text: a Catalyst stack's management port prints `NOTE: Packet counters for
 * management port are meaningful` / `only when it is physically located at stack master`
 * (corpus: DNAC-pyATS-Genie CAMPUS-Access1). It says nothing about this interface's state,
 * so it is read and not kept.
 */
const NOTE = /^NOTE:\s+\S/;

const RULES: readonly LineRule[] = [...GENERAL_RULES, ...TRAFFIC_RULES, ...TUNNEL_RULES, ...WAN_RULES];

/**
 * `show interfaces [NAME]`: a header line per interface, then detail lines
 * read through a table of anchored patterns. Headers are found by content,
 * not indentation: some captures indent them (corpus: genieparser
 * ShowInterfaces iosxe golden_output_1) and some indent nothing (ios golden_output_2).
 */
export function parseInterfaces(text: string): ParseResult<InterfaceDetail> {
  const warnings = new Warnings(
    "'<Interface> is <state>, line protocol is <state>', then its detail lines (Hardware, MTU, Encapsulation, counters, ...)",
  );
  const records: InterfaceDetail[] = [];
  let ctx: InterfaceContext | undefined;
  let headerIndent = 0;
  let boundBlock: BoundBlock | undefined;
  // The column a note's text starts at while its continuation lines may follow.
  let noteColumn: number | undefined;

  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '' || isCaptureNoise(t)) continue;
    const indent = line.text.length - line.text.trimStart().length;
    if (ctx && NOTE.test(t)) {
      noteColumn = indent + t.length - t.slice('NOTE:'.length).trimStart().length;
      continue;
    }
    if (noteColumn !== undefined && indent === noteColumn && !interfaceHeader(t)) continue;
    noteColumn = undefined;
    if (ctx && BOUND_TO.test(t)) {
      boundBlock = { owner: ctx.iface, indent: headerIndent };
      continue;
    }
    const header = interfaceHeader(t);
    if (header) {
      if (boundBlock && indent > boundBlock.indent) {
        // The bound interface, printed inside the dialer's block: it is the dialer's binding,
        // not an interface of this output (`show interfaces` prints it again on its own).
        boundBlock.owner.boundTo ??= header.name;
        ctx = { iface: header };
        continue;
      }
      boundBlock = undefined;
      headerIndent = indent;
      ctx = { iface: header };
      records.push(header);
      continue;
    }
    if (!ctx) {
      warnings.add(line, 'line outside any interface');
      continue;
    }
    if (!applyRule(ctx, t) && !counterLine(ctx, t)) warnings.add(line, 'unrecognised interface detail');
  }
  linkPortChannelMembers(records);
  return { records, warnings: warnings.list };
}

function interfaceHeader(t: string): InterfaceDetail | undefined {
  const m = HEADER.exec(t);
  if (!m || !/\d/.test(m[1]!)) return undefined;
  const operStateRaw = m[2]!;
  const iface: InterfaceDetail = {
    name: canonicalInterface(m[1]!),
    // A deleted subinterface is not enabled either (genie agrees: corpus golden_output4).
    adminState: operStateRaw === 'administratively down' || operStateRaw === 'deleted' ? 'down' : 'up',
    operState: interfaceStatus(operStateRaw),
    operStateRaw,
  };
  if (m[3] !== undefined) {
    iface.lineProtocolRaw = m[3];
    iface.lineProtocol = lineProtocolState(m[3]);
  }
  if (m[4] !== undefined) iface.lineProtocolDetail = m[4];
  if (m[5] !== undefined) iface.autostate = m[5] === 'Enabled' ? 'enabled' : 'disabled';
  return iface;
}

function applyRule(ctx: InterfaceContext, t: string): boolean {
  for (const [pattern, apply] of RULES) {
    const m = pattern.exec(t);
    if (m) {
      apply(ctx, m);
      return true;
    }
  }
  return false;
}

/** A member prints nothing about its channel; the channel lists its members (corpus: genieparser golden_output). */
function linkPortChannelMembers(records: InterfaceDetail[]): void {
  const byName = new Map(records.map((r) => [r.name, r]));
  for (const channel of records) {
    for (const member of channel.members ?? []) {
      const m = byName.get(member);
      if (m && m !== channel) m.memberOf = channel.name;
    }
  }
}
