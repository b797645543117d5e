import type { ParseResult } from '../../proto/records/common.js';

export type CommandArgs = Record<string, string>;

/** One supported show command (or family of spellings) and its parser, typed by its id and what it returns. */
export interface CommandSpec<Id extends string = string, R = unknown> {
  /** Stable id, the command's canonical spelling without arguments: `show ip route`. */
  id: Id;
  /** How it is written, for help text: `show ip route [vrf NAME]`. */
  usage: string;
  /**
   * Matched against the whole command, whitespace collapsed, case-insensitively.
   * Named groups become arguments (`vrf`, `interface`, ...).
   */
  pattern: RegExp;
  parse(text: string, args: CommandArgs): ParseResult<R>;
}

/**
 * A command's spec, its record type inferred from its parser. Every warning
 * names its command, so one pasted warning says where it came from.
 */
export function command<Id extends string, R>(spec: CommandSpec<Id, R>): CommandSpec<Id, R> {
  return {
    ...spec,
    parse(text, args) {
      const result = spec.parse(text, args);
      for (const w of result.warnings) w.command ??= spec.id;
      return result;
    },
  };
}

/**
 * A family of commands keyed by id (the compiler checks each key is its spec's
 * id), so the registry can be indexed by id with each command's own record type.
 * The order is the order they are tried in.
 */
export function commandFamily<T extends { [K in keyof T]: CommandSpec<K & string, unknown> }>(family: T): T {
  return family;
}

/**
 * A form IOS documents for a supported command whose output no parser here
 * reads (another layout: `summary`, `brief`, `detail`, one entry's detail, ...).
 * Named so that asking for it fails with what was asked and why, instead of
 * "unknown command", and so that no parser is ever handed a layout it was not
 * written for.
 */
export interface RefusedForm {
  /** The documented form, as help text: `show ip route [vrf NAME] summary`. */
  usage: string;
  /** Matched like a spec's pattern: the whole command, whitespace collapsed, case-insensitively. */
  pattern: RegExp;
  /** Why it is refused: what its output is, in a few words. */
  reason: string;
}

export function refusal(usage: string, pattern: RegExp, reason: string): RefusedForm {
  return { usage, pattern, reason };
}
