import { describe, expect, it } from 'vitest';
import { formatWarning } from '../../../agent/parsers/lines.js';
import { COMMANDS, parseCommandOutput } from '../../../agent/parsers/registry.js';

// Issue 18 item 4: one pasted warning says which command, which line, the line, and what was expected.
describe('warnings that help', () => {
  it.each(COMMANDS.map((spec) => [spec.id] as const))('%s names the command, the line and what was expected', (id) => {
    const spec = COMMANDS.find((s) => s.id === id)!;
    const { warnings } = spec.parse('%%% not IOS output %%%\n', {});
    expect(warnings.length).toBeGreaterThan(0);
    for (const w of warnings) {
      expect(w.command).toBe(id);
      expect(w.expected, JSON.stringify(w)).toMatch(/\S/);
      if (w.line > 0) expect(w.text).toBe('%%% not IOS output %%%');
    }
  });

  it('formats one line a user can paste', () => {
    const { warnings } = parseCommandOutput('show track', 'Track 2\n  Line protocol is Dwn\n');
    expect(formatWarning(warnings[0]!)).toBe(
      `show track, line 2: "Line protocol is Dwn": unrecognised track detail; expected ${warnings[0]!.expected}`,
    );
  });
});
