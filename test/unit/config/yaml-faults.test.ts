import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../agent/config/load.js';
import { billionLaughs, MINIMAL } from './minimal-config.js';

/** Finding 5 (red team 2026-12-06): the YAML library throws from toJS(); a typo must be an issue, never a crash. */
describe('YAML faults are config issues, never throws', () => {
  it('an unresolved alias (`site: *nope`) is an issue with its line and column', () => {
    const r = loadConfigText(MINIMAL.replace('site: s1', 'site: *nope'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ path: 'site', code: 'CONFIG_YAML_ALIAS' });
    expect(r.issues[0]!.message).toMatch(/line 2 column 7/);
    expect(r.issues[0]!.message).toContain('nope');
  });

  it('names the place of an unresolved alias inside a list', () => {
    const r = loadConfigText(MINIMAL.replace('stubTrack: 101 }]', 'stubTrack: 101 }, *x]'));
    expect(r.ok ? [] : r.issues.map((i) => [i.path, i.code])).toEqual([['flexvpn.peers[1]', 'CONFIG_YAML_ALIAS']]);
  });

  it('an alias bomb (billion laughs) is refused as an issue, not expanded', () => {
    const r = loadConfigText(billionLaughs());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code)).toEqual(['CONFIG_YAML_ALIAS']);
  });

  it('a syntax error keeps its line and a stable code', () => {
    const r = loadConfigText('site: [unclosed\nnode: x\n');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues[0]).toMatchObject({ code: 'CONFIG_YAML_SYNTAX', message: expect.stringMatching(/^YAML line \d+ column \d+/) });
  });
});
