import type { ParseResult } from '../../proto/records/common.js';
import { expandAbbreviations, usageKeywords } from './abbreviation.js';
import type { CommandArgs, CommandSpec } from './command-spec.js';
import { cryptoCommands } from './crypto/index.js';
import { routingCommands } from './routing/index.js';
import { healthCommands } from './health/index.js';
import { systemCommands } from './system/index.js';
import { CodedError } from '../../proto/coded-error.js';

/** Every warning names its command, so one pasted warning says where it came from. */
function namingWarnings(spec: CommandSpec): CommandSpec {
  return {
    ...spec,
    parse(text, args) {
      const result = spec.parse(text, args);
      for (const w of result.warnings) w.command ??= spec.id;
      return result;
    },
  };
}

export const COMMANDS: readonly CommandSpec[] = [...cryptoCommands, ...routingCommands, ...healthCommands, ...systemCommands].map(
  namingWarnings,
);

export interface ResolvedCommand {
  spec: CommandSpec;
  args: CommandArgs;
}

export function normalizeCommand(command: string): string {
  return command.trim().replace(/\s+/g, ' ');
}

const KEYWORDS = new Map(COMMANDS.map((spec) => [spec, usageKeywords(spec.usage)] as const));

/**
 * Finds the parser for a command line, with its arguments; `undefined` when
 * unsupported. Abbreviations IOS would accept (`sh track br`) resolve too.
 */
export function resolveCommand(command: string): ResolvedCommand | undefined {
  const text = normalizeCommand(command);
  for (const spec of COMMANDS) {
    const m = spec.pattern.exec(text);
    if (m) return resolved(spec, m);
  }
  for (const spec of COMMANDS) {
    const m = spec.pattern.exec(expandAbbreviations(text, KEYWORDS.get(spec)!));
    if (m) return resolved(spec, m);
  }
  return undefined;
}

function resolved(spec: CommandSpec, m: RegExpExecArray): ResolvedCommand {
  const args: CommandArgs = {};
  for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) args[k] = v;
  return { spec, args };
}

/** Parsers never throw; these are the faults around them (an unknown command, the worker pool). */
export type ParseErrorCode = 'PARSE_UNSUPPORTED_COMMAND' | 'PARSE_WORKER_FAILED' | 'POOL_QUEUE_FULL' | 'POOL_CLOSED' | 'POOL_WORKER_EXITED';

export class UnsupportedCommandError extends CodedError<ParseErrorCode> {
  constructor(readonly command: string) {
    super('PARSE_UNSUPPORTED_COMMAND', `unsupported command: "${command}"; supported: ${COMMANDS.map((c) => c.usage).join(', ')}`);
  }
}

/** Parses output of `command`; throws `UnsupportedCommandError` only for an unknown command. */
export function parseCommandOutput(command: string, text: string): ParseResult<unknown> {
  const resolved = resolveCommand(command);
  if (!resolved) throw new UnsupportedCommandError(command);
  return resolved.spec.parse(text, resolved.args);
}
