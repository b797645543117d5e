import type { ParseResult } from '../../proto/records/common.js';
import { expandAbbreviations, usageKeywords, type UsageKeywords } from './abbreviation.js';
import { commandFamily, refusal, type CommandArgs, type CommandSpec, type RefusedForm } from './command-spec.js';
import { cryptoCommands, cryptoRefusals } from './crypto/index.js';
import { routingCommands, routingRefusals } from './routing/index.js';
import { healthCommands, healthRefusals } from './health/index.js';
import { systemCommands, systemRefusals } from './system/index.js';
import { CodedError } from '../../proto/coded-error.js';

const SPECS = commandFamily({ ...cryptoCommands, ...routingCommands, ...healthCommands, ...systemCommands });

/** Every supported command's id: `show track`, `show ip route`, ... */
export type CommandId = keyof typeof SPECS;

/** What the parser of one command returns, record by record: `RecordOf<'show track'>` is `Track`. */
export type RecordOf<Id extends CommandId> = (typeof SPECS)[Id] extends CommandSpec<Id, infer R> ? R : never;

/** The registry indexed by id, each spec with its own record type (checked against SPECS, not asserted). */
const BY_ID: { readonly [Id in CommandId]: CommandSpec<Id, RecordOf<Id>> } = SPECS;

/** Any one command's spec; a check of `spec.id` narrows it to that command's. */
export type AnyCommandSpec = (typeof BY_ID)[CommandId];

/** In the order they are tried. */
export const COMMANDS: readonly AnyCommandSpec[] = Object.values(BY_ID);

export interface ResolvedCommand {
  spec: AnyCommandSpec;
  args: CommandArgs;
}

export function normalizeCommand(command: string): string {
  return command.trim().replace(/\s+/g, ' ');
}

/**
 * Output modifiers filter or rewrite lines after the command has run, so the
 * text is no longer the command's layout and nothing can tell what was dropped.
 */
const OUTPUT_MODIFIER = refusal(
  'COMMAND | {include | exclude | begin | section | count | format | redirect | append | tee} ...',
  /\|/,
  'lines filtered or rewritten by an output modifier; send the command without it',
);

/** Documented forms of the supported commands that no parser reads, with why. */
export const REFUSED_FORMS: readonly RefusedForm[] = [
  OUTPUT_MODIFIER,
  ...cryptoRefusals,
  ...routingRefusals,
  ...healthRefusals,
  ...systemRefusals,
];

const KEYWORDS = new Map<AnyCommandSpec | RefusedForm, UsageKeywords>(
  [...COMMANDS, ...REFUSED_FORMS].map((form) => [form, usageKeywords(form.usage)] as const),
);

type Match = { spec: AnyCommandSpec; m: RegExpExecArray } | { refused: RefusedForm };

/**
 * A command line against every spec and refused form: exact spellings first,
 * then abbreviations; within each, refused forms before specs, so a spec's
 * pattern can never hand a parser a layout that was documented as another.
 */
function match(command: string): Match | undefined {
  const text = normalizeCommand(command);
  for (const expand of [false, true]) {
    const line = (form: AnyCommandSpec | RefusedForm) => (expand ? expandAbbreviations(text, KEYWORDS.get(form)!) : text);
    for (const form of REFUSED_FORMS) if (form.pattern.test(line(form))) return { refused: form };
    for (const spec of COMMANDS) {
      const m = spec.pattern.exec(line(spec));
      if (m) return { spec, m };
    }
  }
  return undefined;
}

/**
 * Finds the parser for a command line, with its arguments; `undefined` when
 * unsupported (`refusedForm` says whether it is a form IOS documents whose
 * layout no parser reads). Abbreviations IOS would accept (`sh track br`) resolve too.
 */
export function resolveCommand(command: string): ResolvedCommand | undefined {
  const found = match(command);
  return found && 'spec' in found ? resolved(found.spec, found.m) : undefined;
}

/** The documented form a command line is, when that form's output is another layout than any parser reads. */
export function refusedForm(command: string): RefusedForm | undefined {
  const found = match(command);
  return found && 'refused' in found ? found.refused : undefined;
}

function resolved(spec: AnyCommandSpec, m: RegExpExecArray): ResolvedCommand {
  const args: CommandArgs = {};
  for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) args[k] = v;
  return { spec, args };
}

/** Parsers never throw; these are the faults around them (an unknown command, the worker pool). */
export type ParseErrorCode =
  'PARSE_UNSUPPORTED_COMMAND' | 'PARSE_COMMAND_MISMATCH' | 'PARSE_WORKER_FAILED' | 'POOL_QUEUE_FULL' | 'POOL_CLOSED' | 'POOL_WORKER_EXITED';

export class UnsupportedCommandError extends CodedError<ParseErrorCode> {
  /** Set when the command is a documented form of another layout. */
  readonly refused: RefusedForm | undefined;
  constructor(readonly command: string) {
    const refused = refusedForm(command);
    const why = refused ? ` is "${refused.usage}", whose output is ${refused.reason}` : '';
    super('PARSE_UNSUPPORTED_COMMAND', `unsupported command: "${command}"${why}; supported: ${COMMANDS.map((c) => c.usage).join(', ')}`);
    this.refused = refused;
  }
}

/** Parses output of `command`; throws `UnsupportedCommandError` only for an unknown command. */
export function parseCommandOutput(command: string, text: string): ParseResult<unknown> {
  const resolved = resolveCommand(command);
  if (!resolved) throw new UnsupportedCommandError(command);
  return resolved.spec.parse(text, resolved.args);
}

/** A command line that is not the command the caller named: a fault in the caller, not in the router's output. */
export class CommandMismatchError extends CodedError<ParseErrorCode> {
  constructor(
    readonly id: CommandId,
    readonly command: string,
  ) {
    super('PARSE_COMMAND_MISMATCH', `"${command}" is not a "${id}" command`);
  }
}

/**
 * Parses the output of one command, typed by its id: `parseAs('show track brief', text)`
 * returns `ParseResult<Track>`. `line` is the command as sent to the router when it
 * carries arguments or another spelling (`show bgp ipv4 unicast` is a `show ip bgp`);
 * it must resolve to `id`. Throws only for a line that does not.
 */
export function parseAs<Id extends CommandId>(id: Id, text: string, line: string = id): ParseResult<RecordOf<Id>> {
  const resolved = resolveCommand(line);
  if (!resolved) throw new UnsupportedCommandError(line);
  if (resolved.spec.id !== id) throw new CommandMismatchError(id, line);
  return BY_ID[id].parse(text, resolved.args);
}
