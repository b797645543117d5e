/**
 * The parse boundary typed by command (issue 14): `parseAs(id, text, line?)`
 * returns that command's record type, and refuses a line that is another command.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { BgpPathEntry } from '../../../proto/records/routing.js';
import type { Track } from '../../../proto/records/health.js';
import { COMMANDS, parseAs, parseCommandOutput, type CommandId, type RecordOf } from '../../../agent/parsers/registry.js';

const caseText = (dir: string, name: string) => readFileSync(new URL(`./cases/${dir}/${name}/input.txt`, import.meta.url), 'utf8');

describe('parseAs: parsing typed by command id', () => {
  it("types each command's records by its id", () => {
    expectTypeOf<RecordOf<'show track brief'>>().toEqualTypeOf<Track>();
    expectTypeOf<RecordOf<'show ip bgp'>>().toEqualTypeOf<BgpPathEntry>();
    expectTypeOf(parseAs('show track brief', '').records).toEqualTypeOf<Track[]>();
    // Every id in the registry is a CommandId, and nothing else is.
    expectTypeOf<'show frobnicate'>().not.toMatchTypeOf<CommandId>();
    const ids: CommandId[] = COMMANDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(COMMANDS.length);
  });

  it('gives what the untyped parse gives, for the id and for a line with arguments or another spelling', () => {
    const tracks = caseText('show-track-brief', 'lab-spoke');
    expect(parseAs('show track brief', tracks)).toEqual(parseCommandOutput('show track brief', tracks));
    expect(parseAs('show track brief', tracks, 'sh track 10 br')).toEqual(parseCommandOutput('show track 10 brief', tracks));
    const bgp = caseText('show-ip-bgp', 'lab-dual-cloud');
    const paths = parseAs('show ip bgp', bgp, 'show bgp ipv4 unicast').records;
    expect(paths.length).toBeGreaterThan(0);
    expect(paths).toEqual(parseCommandOutput('show bgp ipv4 unicast', bgp).records);
  });

  it('names its command in every warning', () => {
    const r = parseAs('show track brief', 'Track Type Instance Parameter State Last Change\nthis is not a track row\n');
    expect(r.warnings.length).toBeGreaterThan(0);
    for (const w of r.warnings) expect(w.command).toBe('show track brief');
  });

  it('refuses a line that is another command, and one that is no command', () => {
    expect(() => parseAs('show track brief', '', 'show track')).toThrow(
      expect.objectContaining({ code: 'PARSE_COMMAND_MISMATCH', message: '"show track" is not a "show track brief" command' }),
    );
    expect(() => parseAs('show ip bgp', '', 'show frobnicate')).toThrow(expect.objectContaining({ code: 'PARSE_UNSUPPORTED_COMMAND' }));
  });
});
