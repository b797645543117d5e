import { describe, expect, it } from 'vitest';
import { showValue } from '../../../agent/config/issue-text.js';
import { loadConfigText } from '../../../agent/config/load.js';
import { MINIMAL } from './minimal-config.js';

const issueAt = (yaml: string, path: string) => {
  const r = loadConfigText(yaml);
  if (r.ok) throw new Error('expected the configuration to be refused');
  const issue = r.issues.find((i) => i.path === path);
  if (!issue) throw new Error(`no issue at ${path}: ${JSON.stringify(r.issues)}`);
  return issue.message;
};

/** Finding 15 (red team 2026-12-06): messages printed `undefined` where the offending value belongs. */
describe('validation messages show the offending value, safely', () => {
  it('a wrong type names what was given', () => {
    const m = issueAt(MINIMAL.replace('site: s1', 'site: [a, b]'), 'site');
    expect(m).not.toContain('undefined');
    expect(m).toContain('a list');
    expect(m).toContain('["a","b"]');
  });

  it('a bad pattern quotes the value', () => {
    const m = issueAt(MINIMAL.replace('site: s1', 'site: "bad site"'), 'site');
    expect(m).toContain('"bad site"');
    expect(m).not.toContain('undefined');
  });

  it('an out-of-range number says what it was', () => {
    expect(issueAt(MINIMAL.replace('stubTrack: 101', 'stubTrack: 1001'), 'flexvpn.peers[0].stubTrack')).toContain('1001');
  });

  it('escapes control characters (no terminal escapes reach the operator) and truncates long values', () => {
    const m = issueAt(MINIMAL.replace('site: s1', `site: "\\e]0;PWN\\a\\e[2J\\u009b31m${'x'.repeat(500)}"`), 'site');
    expect(m).not.toMatch(/\p{Cc}/u);
    expect(m).toContain('\\u001b');
    expect(m.length).toBeLessThan(200);
  });

  it('escapes control characters in key names too', () => {
    const r = loadConfigText(`${MINIMAL}"\\e[2Jevil": 1\n`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path).join()).not.toMatch(/\p{Cc}/u);
  });

  it('never echoes a secret: not under a secret key, not inside a wrong-typed section', () => {
    expect(issueAt(MINIMAL.replace('password: p', 'password: [hunter2-pw]'), 'router.ssh.password')).not.toContain('hunter2');
    expect(issueAt(MINIMAL.replace('password: p', 'password: { file: [hunter2-pw] }'), 'router.ssh.password')).not.toContain('hunter2');
    const r = loadConfigText(MINIMAL.replace(/^router: (.*)$/m, 'router: [$1]').replace('password: p', 'password: hunter2-pw'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(JSON.stringify(r.issues)).not.toContain('hunter2');
  });

  it('shows a large value by its start only, secrets and URL credentials redacted', () => {
    const big = { list: Array.from({ length: 100_000 }, (_, i) => i), password: 'hunter2-pw' };
    expect(showValue(big).length).toBeLessThanOrEqual(61);
    expect(showValue({ password: 'hunter2-pw', url: 'mqtt://u:UrlSecret-999@h' })).toBe(
      '{"password":"[redacted]","url":"mqtt://[redacted]@h"}',
    );
  });
});
