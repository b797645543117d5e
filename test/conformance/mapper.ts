import type { CommandArgs } from '../../agent/parsers/command-spec.js';
import type { CaseSource } from './corpus-index.js';
import type { Facts } from './facts.js';

/** Upstream expected results are loosely typed JSON/YAML: mappers walk them defensively. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;
export type NtcRow = Record<string, string | string[]>;

/**
 * Maps one command's upstream expected results and our records onto the same
 * facts, for every field both sides carry. One mapper per command id.
 * Each side should also emit a count of its main collection, so a missing or
 * extra record is caught, not just a wrong field.
 */
export interface Mapper {
  genie?(expected: Json, args: Json): Facts;
  ntc?(rows: NtcRow[]): Facts;
  ours(records: Json[], args: CommandArgs, source: CaseSource): Facts;
}
