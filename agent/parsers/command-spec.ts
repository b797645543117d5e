import type { ParseResult } from '../../proto/records/common.js';

export type CommandArgs = Record<string, string>;

/** One supported show command (or family of spellings) and its parser. */
export interface CommandSpec {
  /** Stable id, the command's canonical spelling without arguments: `show ip route`. */
  id: string;
  /** How it is written, for help text: `show ip route [vrf NAME]`. */
  usage: string;
  /**
   * Matched against the whole command, whitespace collapsed, case-insensitively.
   * Named groups become arguments (`vrf`, `interface`, ...).
   */
  pattern: RegExp;
  parse(text: string, args: CommandArgs): ParseResult<unknown>;
}
