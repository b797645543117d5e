import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../../agent/parsers/registry.js';
import type { RouteMapEntry } from '../../../../proto/records/routing.js';
import { Gen } from './grammar-gen.js';

/**
 * `show route-map`: generated entries (permit/deny, any sequence), any mix of
 * the documented match clauses and the BGP set clauses the agent reads,
 * with the policy-routing counters, and a description on some (IOS-XE); read back exactly. Half are asked as
 * `show route-map all`, which puts them under IOS-XE's group headings.
 */
describe('show route-map property: generated entries read back', () => {
  it('holds for 300 generated outputs of 1-8 entries', () => {
    const g = new Gen(15_302);
    for (let n = 0; n < 300; n++) {
      const lines: string[] = [];
      const want: RouteMapEntry[] = [];
      for (let e = g.between(1, 8); e > 0; e--) {
        const name = g.pick(['AGENT-IN', 'AGENT-OUT', 'PREFER-HUB2', 'TAG_DEGRADED', 'rm.1']);
        const action = g.pick(['permit', 'deny'] as const);
        const sequence = g.int(65536);
        const match = [
          ...(g.chance(0.5) ? [`ip address prefix-lists: ${g.pick(['LAN', 'SUMMARY'])}`] : []),
          ...(g.chance(0.3) ? [`ip address (access-lists): ${g.between(1, 199)}`] : []),
          ...(g.chance(0.4) ? [`community (community-list filter): ${g.pick(['10', 'HUB2-PREF'])}`] : []),
        ];
        const entry: RouteMapEntry = { name, action, sequence, match, set: [] };
        if (g.chance(0.3)) entry.description = g.pick(['prefer hub 2', 'hello!', 'DIA via Cellular0/1/0', 'x']);
        if (g.chance(0.5)) {
          entry.setLocalPreference = g.int(1000);
          entry.set.push(`local-preference ${entry.setLocalPreference}`);
        }
        if (g.chance(0.3)) {
          entry.setWeight = g.int(65536);
          entry.set.push(`weight ${entry.setWeight}`);
        }
        if (g.chance(0.3)) {
          entry.setMetric = g.int(100000);
          entry.set.push(`metric ${entry.setMetric}`);
        }
        if (g.chance(0.4)) {
          entry.setCommunities = Array.from({ length: g.between(1, 3) }, () => `${g.int(65536)}:${g.int(65536)}`);
          entry.setCommunityAdditive = g.chance(0.5);
          entry.set.push(`community ${entry.setCommunities.join(' ')}${entry.setCommunityAdditive ? ' additive' : ''}`);
        }
        if (g.chance(0.3)) {
          entry.setAsPathPrepend = Array.from({ length: g.between(1, 3) }, () => String(g.between(1, 65535)));
          entry.set.push(`as-path prepend ${entry.setAsPathPrepend.join(' ')}`);
        }
        entry.policyMatchPackets = g.int(100000);
        entry.policyMatchBytes = g.int(10_000_000);
        const indent = g.pick([2, 3]);
        lines.push(
          `route-map ${name}, ${action}, sequence ${sequence}`,
          ...(entry.description ? [`${' '.repeat(indent)}description ${entry.description}`] : []),
          `${' '.repeat(indent)}Match clauses:`,
          ...match.map((c) => `${' '.repeat(indent + 2)}${c}${g.chance(0.3) ? ' ' : ''}`),
          `${' '.repeat(indent)}Set clauses:`,
          ...entry.set.map((c) => `${' '.repeat(indent + 2)}${c}`),
          `${' '.repeat(indent)}Policy routing matches: ${entry.policyMatchPackets} packets, ${entry.policyMatchBytes} bytes`,
        );
        want.push(entry);
      }
      const all = g.chance(0.5);
      if (all) lines.unshift('STATIC routemaps');
      if (all) lines.push('DYNAMIC routemaps', `Current active dynamic routemaps = ${g.int(3)}`);
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput(all ? 'show route-map all' : 'show route-map', text);
      expect(warnings, text).toEqual([]);
      expect(records, text).toEqual(want);
    }
  });
});
