/**
 * Parser test cases as data (issue 14 item 6): one folder per command under
 * `test/unit/parsers/cases/`, named by its id with dashes (`show-ip-route`),
 * one folder per case inside it, holding the IOS text (`input.txt`, or a file of
 * the corpus named in `expected.json`) and what the parser must make of it.
 * The walker (`parser-cases.test.ts`) runs them all; the lab's tests can read
 * the same texts through `parserCaseInput`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CASES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'unit', 'parsers', 'cases');
const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus');

/** `expected.json` of one case. */
export interface ParserCaseExpectation {
  /** Why the case exists: the line kinds or the capture it holds. */
  about: string;
  /** The command line run, with its arguments; the folder's command id when absent. */
  command?: string;
  /** A raw file of `test/corpus` to read instead of `input.txt` (the corpus keeps the capture once). */
  inputFromCorpus?: string;
  /** `exact`: the records are these (the default); `subset`: each record holds at least these fields. */
  recordsMatch?: 'exact' | 'subset';
  records: unknown[];
  /** Each warning holds at least these fields, in order; none when absent. */
  warnings?: Array<Record<string, unknown>>;
}

export interface ParserCase {
  /** The folder name of the command: its id with spaces as dashes. */
  commandDir: string;
  name: string;
  input: string;
  expected: ParserCaseExpectation;
}

/** The folder name of a command id: `show ip route` -> `show-ip-route`. */
export function caseDirName(commandId: string): string {
  return commandId.replace(/ /g, '-');
}

export function commandDirs(): string[] {
  return readdirSync(CASES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

export function readParserCases(commandDir: string): ParserCase[] {
  const dir = join(CASES_DIR, commandDir);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const expected = JSON.parse(readFileSync(join(dir, name, 'expected.json'), 'utf8')) as ParserCaseExpectation;
      const inputPath = expected.inputFromCorpus !== undefined ? join(CORPUS_DIR, expected.inputFromCorpus) : join(dir, name, 'input.txt');
      if (!existsSync(inputPath)) throw new Error(`parser case ${commandDir}/${name}: no input at ${inputPath}`);
      return { commandDir, name, input: readFileSync(inputPath, 'utf8'), expected };
    });
}

/** The IOS text of one case, for tests outside the parsers that want the same output. */
export function parserCaseInput(commandId: string, name: string): string {
  const found = readParserCases(caseDirName(commandId)).find((c) => c.name === name);
  if (!found) throw new Error(`no parser case ${commandId}/${name}`);
  return found.input;
}
