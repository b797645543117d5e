import { RouterError } from '../../ports/router-cli.js';

/**
 * The lines IOS prints when it refuses a command (exact text of IOS's parser), and EEM's answer to
 * `event manager run` for an applet that is missing or not registered with `event none`.
 */
const IOS_ERRORS = [
  /^% Invalid input detected/m, /^% Incomplete command\./m, /^% Ambiguous command/m, /^% Unknown command/m, /^% Bad IP address/m,
  /^EEM policy \S+ not registered with event none Event Detector/m,
];

/** Throws ROUTER_CLI_ERROR when the output is IOS refusing `line`. */
export function assertAccepted(output: string, line: string): void {
  for (const re of IOS_ERRORS) {
    const m = re.exec(output);
    if (m) {
      const message = output.slice(m.index).split('\n')[0]!.trim();
      throw new RouterError('ROUTER_CLI_ERROR', `router refused "${line}": ${message}`, line);
    }
  }
}

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
