import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explainParse, formatExplanation, MAX_EXPLAINED_LINES } from '../../../agent/parsers/explain.js';
import { COMMANDS, resolveCommand } from '../../../agent/parsers/registry.js';
import { readCorpusIndex } from '../../conformance/corpus-index.js';

const CORPUS = fileURLToPath(new URL('../../corpus', import.meta.url));
// Commands the corpus index has no case for: the raw samples beside it.
const SAMPLES: Record<string, string> = {
  'show crypto ikev2 client flexvpn': 'samples/show_crypto_ikev2_client_flexvpn.txt',
  'show track brief': 'samples/show_track_brief_1.txt',
};

/** A real capture for every command the parser supports, from the corpus. */
function captureFor(id: string): { command: string; text: string } {
  const c = readCorpusIndex(CORPUS).find((k) => resolveCommand(k.command)?.spec.id === id);
  if (c) return { command: c.command, text: readFileSync(join(CORPUS, c.rawPath), 'utf8') };
  const sample = SAMPLES[id];
  if (!sample) throw new Error(`no corpus capture for ${id}`);
  return { command: id, text: readFileSync(join(CORPUS, sample), 'utf8') };
}

describe('parse --explain: what the parser did with each line', () => {
  it.each(COMMANDS.map((c) => c.id))('accounts for every line of a real %s capture', (id) => {
    const { command, text } = captureFor(id);
    const resolved = resolveCommand(command)!;
    const e = explainParse(resolved.spec, resolved.args, text);
    const full = resolved.spec.parse(text, resolved.args);
    // One entry per input line (plus whole-output warnings), in order.
    expect(e.lines.filter((l) => l.line > 0).map((l) => l.line)).toEqual(text.split('\n').map((_, i) => i + 1));
    // The explanation's result is the parse itself, and its warnings are exactly the parse's.
    expect(e.result.records).toEqual(full.records);
    const warned = e.lines.filter((l) => l.kind === 'warning').map((l) => l.line);
    expect(warned.sort()).toEqual(full.warnings.map((w) => w.line).sort());
    // Every record was started by some line, and only non-blank lines carry effects.
    const started = e.lines.flatMap((l) => (l.effect ?? '').match(/new record \d+/g) ?? []);
    if (text.split('\n').length <= MAX_EXPLAINED_LINES) expect(started.length).toBe(full.records.length);
    for (const l of e.lines) if (l.kind === 'blank') expect(l.text.trim()).toBe('');
  });

  it('names the fields a line set and the warning of a line no rule read', () => {
    const text = [
      'Track 1',
      '  IP SLA 1 reachability',
      '  Reachability is Up',
      '    2 changes, last change 00:01:02',
      '  Frobnication is Sideways',
    ].join('\n');
    const resolved = resolveCommand('show track')!;
    const e = explainParse(resolved.spec, resolved.args, text);
    expect(e.lines.map((l) => l.kind)).toEqual(['record', 'record', 'record', 'record', 'warning']);
    expect(e.lines[0]!.effect).toMatch(/^new record 1: id=1/);
    expect(e.lines[2]!.effect).toBe('record 1: state=up, stateRaw=Up');
    expect(e.lines[3]!.effect).toBe('record 1: changes=2, lastChangeSec=62');
    expect(e.lines[4]!.warning).toMatch(/^show track, line 5: "Frobnication is Sideways": unrecognised track detail; expected 'Track N'/);
    const out = formatExplanation(e);
    expect(out.split('\n')[0]).toBe(
      'show track: 1 record(s); lines: 4 recorded, 0 understood without a field, 1 not read (warning), 0 blank',
    );
    expect(out).toContain('WARNING show track, line 5');
  });

  it('tells a legend or header line it understood from one it did not read', () => {
    const text = [
      'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP',
      '',
      'Gateway of last resort is not set',
      '',
      'C        10.0.0.0/24 is directly connected, GigabitEthernet0/0/0',
      'bogus line',
    ].join('\n');
    const resolved = resolveCommand('show ip route')!;
    const kinds = explainParse(resolved.spec, resolved.args, text).lines.map((l) => l.kind);
    expect(kinds).toEqual(['understood', 'blank', 'understood', 'blank', 'record', 'warning']);
  });

  it('explains the first lines of a long output one by one and still warns on any line past them', () => {
    // The CLI's cap is MAX_EXPLAINED_LINES; a smaller one exercises the same code without
    // a quadratic 1,500-line explanation (23 s on a loaded machine, over the test timeout).
    expect(MAX_EXPLAINED_LINES).toBeGreaterThan(1000);
    const cap = 150;
    const ok = '*Mar  1 00:01:23.456: %LINK-3-UPDOWN: Interface Tunnel0, changed state to down';
    const lines = Array.from({ length: cap + 100 }, (_, i) => (i === cap + 50 ? 'not a message' : ok));
    const resolved = resolveCommand('syslog')!;
    const e = explainParse(resolved.spec, resolved.args, lines.join('\n'), cap);
    expect(e.lines[cap - 1]!.kind).toBe('record');
    expect(e.lines[cap]!.kind).toBe('not-explained');
    expect(e.lines[cap + 50]).toMatchObject({ kind: 'warning', line: cap + 51 });
    expect(formatExplanation(e).split('\n')[0]).toContain(`99 read without a warning past line ${cap}`);
  });
});
