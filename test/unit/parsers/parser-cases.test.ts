/**
 * The one walker over the parser cases kept as data (test/unit/parsers/cases):
 * every case parses into its expected records and warnings, every folder names
 * a supported command, and every supported command has a case.
 */
import { describe, expect, it } from 'vitest';
import { COMMANDS, resolveCommand } from '../../../agent/parsers/registry.js';
import { caseDirName, commandDirs, readParserCases, type ParserCase } from '../../support/parser-cases.js';

const byDir = new Map(COMMANDS.map((spec) => [caseDirName(spec.id), spec.id] as const));
const cases: ParserCase[] = commandDirs().flatMap((dir) => readParserCases(dir));

describe('parser cases as data', () => {
  it.each(cases.map((c) => [`${c.commandDir}/${c.name}`, c] as const))('%s', (_label, c) => {
    const id = byDir.get(c.commandDir);
    expect(id, `folder ${c.commandDir} names no supported command`).toBeDefined();
    const resolved = resolveCommand(c.expected.command ?? id!);
    expect(resolved?.spec.id, `${c.expected.command} is not a spelling of ${id}`).toBe(id);
    const { records, warnings } = resolved!.spec.parse(c.input, resolved!.args);
    const want = c.expected.warnings ?? [];
    expect(warnings, JSON.stringify(warnings, null, 1)).toHaveLength(want.length);
    want.forEach((w, i) => expect(warnings[i]).toMatchObject(w));
    if (c.expected.recordsMatch === 'subset') {
      expect(records).toHaveLength(c.expected.records.length);
      c.expected.records.forEach((r, i) => expect(records[i]).toMatchObject(r as object));
    } else {
      expect(records).toEqual(c.expected.records);
    }
  });

  it('every folder names a supported command', () => {
    expect(commandDirs().filter((dir) => !byDir.has(dir))).toEqual([]);
  });

  it('every supported command has at least one case', () => {
    const covered = new Set(cases.map((c) => c.commandDir));
    expect(COMMANDS.map((spec) => spec.id).filter((id) => !covered.has(caseDirName(id)))).toEqual([]);
  });
});
