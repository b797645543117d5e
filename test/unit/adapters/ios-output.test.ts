import { describe, expect, it } from 'vitest';
import { assertAccepted } from '../../../agent/adapters/router/ios-output.js';
import { errorCode } from '../../../proto/coded-error.js';

const refusal = (output: string, line: string) => {
  try {
    assertAccepted(output, line);
    return undefined;
  } catch (err) {
    return { code: errorCode(err), message: (err as Error).message };
  }
};

describe('IOS refusals', () => {
  it.each([
    ["         ^\n% Invalid input detected at '^' marker.\n", 'show bogus', "router refused \"show bogus\": % Invalid input detected at '^' marker."],
    ['% Incomplete command.\n', 'show track', 'router refused "show track": % Incomplete command.'],
    ['EEM policy SP-111-UP not registered with event none Event Detector\n', 'event manager run SP-111-UP',
      'router refused "event manager run SP-111-UP": EEM policy SP-111-UP not registered with event none Event Detector'],
  ])('%j refuses %s', (output, line, message) => {
    expect(refusal(output, line)).toEqual({ code: 'ROUTER_CLI_ERROR', message });
  });

  it('accepts output that merely mentions an error word', () => {
    expect(refusal('Track 111\n  Stub-object\n  State is Up\n', 'show track 111')).toBeUndefined();
    expect(refusal('', 'event manager run SP-111-UP')).toBeUndefined();
  });
});
