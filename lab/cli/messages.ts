/**
 * IOS's own terminal texts, byte for byte. Sources: captures of IOS sessions
 * (netmiko/scrapli examples and test fixtures of real devices).
 */
import type { MatchResult } from './matcher.js';

/** Printed by `configure terminal`; two spaces before "End". */
export const CONFIG_BANNER = 'Enter configuration commands, one per line.  End with CNTL/Z.';

/** The paging prompt, with a space on each side. */
export const MORE_PROMPT = ' --More-- ';

/**
 * How IOS takes the paging prompt off the screen when a key is pressed: nine
 * backspaces, eight spaces, nine backspaces (captured from a Catalyst running
 * IOS: ` --More-- \b\b\b\b\b\b\b\b\b        \b\b\b\b\b\b\b\b\b`). The next line
 * then overwrites the row from column 0.
 */
export const MORE_ERASE = '\b'.repeat(9) + ' '.repeat(8) + '\b'.repeat(9);

export const PASSWORD_PROMPT = 'Password: ';

/** After three wrong enable secrets IOS gives up with this, then a blank line. */
export const BAD_SECRETS = ['% Bad secrets', ''];

export const INTERNAL_ERROR = ['% Internal error'];

/**
 * The error lines for a line that did not match, as IOS prints them:
 *   R1(config)#logging 0255.255.1
 *                      ^
 *   % Invalid input detected at '^' marker.
 *   (blank line)
 * The caret column counts the prompt, since IOS aligns it under the echoed
 * line. `% Incomplete command.` is followed by a blank line; the ambiguous
 * message quotes the whole line as typed, trimmed (`"sh po interface fa0/3"`),
 * with two spaces after the colon and no blank line.
 */
export function matchErrorLines(result: MatchResult, line: string, promptLength: number): string[] {
  switch (result.kind) {
    case 'invalid':
      return [' '.repeat(promptLength + result.offset) + '^', "% Invalid input detected at '^' marker.", ''];
    case 'incomplete':
      return ['% Incomplete command.', ''];
    case 'ambiguous':
      return [`% Ambiguous command:  "${line.trim()}"`];
    case 'ok':
    case 'empty':
      return [];
  }
}
