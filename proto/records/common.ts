/**
 * Conventions shared by every record type (what the agent publishes):
 * - camelCase keys, units in names (`rttMs`, `lifetimeSec`, `uptimeSec`);
 * - addresses are strings, prefixes are CIDR (`10.0.0.0/8`, `2001:db8::/32`);
 * - interface names are canonical and unabbreviated (`GigabitEthernet0/0`, not `Gi0/0`);
 * - states are lowercase enumerations; a state IOS may print in words we have not
 *   seen maps to `'unknown'`, and the companion `<field>Raw` keeps IOS's own text;
 * - a value IOS did not print is absent (`undefined`), never invented.
 */

/** A line a parser did not understand. Parsers never throw; they warn and go on. */
export interface ParseWarning {
  /** 1-based line number in the input. */
  line: number;
  /** The line itself, trimmed and capped in length. */
  text: string;
  /** Why it was not understood. */
  reason: string;
  /** The command whose output it is (`show track`), as the registry names it. */
  command?: string;
  /** What the parser expected there, in IOS's words: the line kinds it knows at that point. */
  expected?: string;
}

export interface ParseResult<R> {
  records: R[];
  warnings: ParseWarning[];
}
