import type { ParseResult } from '../../../proto/records/common.js';
import type { RouteMapEntry } from '../../../proto/records/routing.js';
import { splitLines, Warnings } from '../lines.js';
import { isCaptureNoise } from './capture-noise.js';
import { compact } from './record-helpers.js';

// `route-map NAME, permit, sequence 10` (IOS 12 to IOS-XE 17, ntc-templates cisco_ios_show_route-map).
const ENTRY = /^route-map (\S+), (permit|deny), sequence (\d+)$/;
const POLICY = /^Policy routing matches: (\d+) packets, (\d+) bytes$/;
// An entry's `description TEXT` (IOS-XE), printed before its Match clauses (genieparser ShowRouteMapAll, CSR1000v).
const DESCRIPTION = /^description (.+)$/;
// `show route-map all|dynamic|static` (IOS-XE): group headings and the dynamic count, outside any entry.
const GROUP_HEADING = /^(?:STATIC|DYNAMIC) routemaps$|^Current active dynamic routemaps = \d+$/;
const COMMUNITY = /^(?:\d{1,5}:\d{1,5}|\d{1,10}|internet|no-export|no-advertise|local-AS|gshut)$/i;

/** `show route-map [NAME | all | dynamic | static]`: one record per entry, with its match and set clauses as printed. */
export function parseRouteMap(text: string): ParseResult<RouteMapEntry> {
  const warnings = new Warnings(
    "'STATIC routemaps' / 'DYNAMIC routemaps' headings, 'route-map NAME, permit|deny, sequence N', its 'description', then 'Match clauses:' and 'Set clauses:' with their lines",
  );
  const records: RouteMapEntry[] = [];
  let current: RouteMapEntry | undefined;
  let section: 'match' | 'set' | undefined;
  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '') continue;
    const e = ENTRY.exec(t);
    if (e) {
      current = { name: e[1]!, action: e[2] as 'permit' | 'deny', sequence: Number(e[3]), match: [], set: [] };
      records.push(current);
      section = undefined;
      continue;
    }
    if (GROUP_HEADING.test(t)) {
      current = undefined;
      continue;
    }
    if (!current) {
      if (!isCaptureNoise(t)) warnings.add(line, 'line outside any route-map entry');
      continue;
    }
    const d = section === undefined ? DESCRIPTION.exec(t) : null;
    if (d) {
      current.description = d[1]!;
      continue;
    }
    if (t === 'Match clauses:') {
      section = 'match';
      continue;
    }
    if (t === 'Set clauses:') {
      section = 'set';
      continue;
    }
    const p = POLICY.exec(t);
    if (p) {
      current.policyMatchPackets = Number(p[1]);
      current.policyMatchBytes = Number(p[2]);
      section = undefined;
      continue;
    }
    if (section === 'match') {
      current.match.push(t);
      continue;
    }
    if (section === 'set') {
      current.set.push(t);
      applySet(current, t);
      continue;
    }
    if (!isCaptureNoise(t)) warnings.add(line, 'clause outside Match/Set clauses');
  }
  return { records: records.map((r) => compact(r)), warnings: warnings.list };
}

/** The set clauses the agent checks, read into fields (the printed line is kept either way). */
function applySet(entry: RouteMapEntry, t: string): void {
  const words = t.split(/\s+/);
  const n = Number(words[1]);
  if (words.length === 2 && Number.isInteger(n)) {
    if (words[0] === 'local-preference') entry.setLocalPreference = n;
    if (words[0] === 'weight') entry.setWeight = n;
    if (words[0] === 'metric') entry.setMetric = n;
  }
  if (words[0] === 'community' && words.length > 1) {
    const additive = words[words.length - 1] === 'additive';
    const values = additive ? words.slice(1, -1) : words.slice(1);
    if (values.length && values.every((v) => COMMUNITY.test(v))) {
      entry.setCommunities = values;
      entry.setCommunityAdditive = additive;
    }
  }
  if (words[0] === 'as-path' && words[1] === 'prepend' && words.length > 2) entry.setAsPathPrepend = words.slice(2);
}
