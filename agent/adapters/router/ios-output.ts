import { RouterError } from '../../ports/router-cli.js';

/**
 * The lines IOS prints when it refuses a command (exact text of IOS's parser), and EEM's answer to
 * `event manager run` for an applet that is missing or not registered with `event none`.
 */
const IOS_ERRORS = [
  /^% Invalid input detected/m,
  /^% Incomplete command\./m,
  /^% Ambiguous command/m,
  /^% Unknown command/m,
  /^% Bad IP address/m,
  /^EEM policy \S+ not registered with event none Event Detector/m,
];

/** Throws ROUTER_CLI_ERROR when the output is IOS refusing `line`. */
export function assertAccepted(output: string, line: string): void {
  for (const re of IOS_ERRORS) {
    const m = re.exec(output);
    if (m) throw refused(line, output.slice(m.index).split('\n')[0]!.trim());
  }
}

/**
 * In configuration mode, and for exec commands that act (`clear ...`), IOS
 * answers an accepted line with nothing; a line starting with `%` is a
 * refusal, whatever its wording: BGP's `% Specify remote-as or peer-group
 * commands first`, `% Invalid prefix range ...`, `%No IP SLA operation N
 * configured`, `% No such neighbor or address family`. Not refusals: `%
 * Warning`/`% Note` lines (IOS applied the line and comments on it) and
 * syslog messages (`%BGP-5-ADJCHANGE: ...`) a monitoring terminal shows.
 * `BGP is already running; AS is N` refuses without a `%`.
 */
const CONFIG_REFUSAL = /^(%(?! ?(?:Warning|Note)\b)(?![A-Z0-9_]+-\d-[A-Z0-9_]+:).*|BGP is already running; AS is \d+.*)$/m;

/** Throws ROUTER_CLI_ERROR when the answer to a configuration line or an acting exec command is a refusal. */
export function assertConfigAccepted(output: string, line: string): void {
  assertAccepted(output, line);
  const m = CONFIG_REFUSAL.exec(output);
  if (m) throw refused(line, m[0].trim());
}

const refused = (line: string, message: string) => new RouterError('ROUTER_CLI_ERROR', `router refused "${line}": ${message}`, line);
/** `spoke1#`, `spoke1>`, `spoke1(config)#`, `spoke1(config-if)#` at the end of the buffer. */
export const ANY_PROMPT = /(?:^|\n)([A-Za-z0-9][\w.-]*)(\([\w-]+\))?([>#]) ?$/;

export const MORE = / ?--More-- ?$/;
// eslint-disable-next-line no-control-regex -- the backspaces are what IOS sends
const MORE_ERASE = /\x08+ *\x08+/g;

/** Drops the echoed command (first line) and the trailing prompt; normalises line ends. */
export function commandOutput(buffer: string): string {
  // IOS erases an answered --More-- with backspaces, spaces and backspaces (lab/cli/messages.ts).
  const text = buffer.replace(/\r/g, '').replace(MORE_ERASE, '');
  const withoutEcho = text.slice(text.indexOf('\n') + 1);
  const prompt = ANY_PROMPT.exec(withoutEcho);
  return prompt ? withoutEcho.slice(0, prompt.index + (prompt[0].startsWith('\n') ? 1 : 0)) : withoutEcho;
}
