import { describe, expect, it } from 'vitest';
import { assertAccepted, assertConfigAccepted } from '../../../agent/adapters/router/ios-output.js';

const refusal = (f: () => void) => {
  try {
    f();
  } catch (err) {
    return err as { code: string; line: string; message: string };
  }
  return undefined;
};

describe('the router refusal checks', () => {
  it.each([
    ['neighbor 172.31.9.9 fall-over', '% Specify remote-as or peer-group commands first'],
    ['ip prefix-list P permit 10.0.0.0/8 ge 4', '% Invalid prefix range for 10.0.0.0/8, make sure: len < ge-value <= le-value'],
    ['ip sla schedule 9 life forever start-time now', '%No IP SLA operation 9 configured'],
    ['clear ip bgp 172.31.9.9 soft in', '% No such neighbor or address family'],
    ['router bgp 65001', 'BGP is already running; AS is 65000'],
  ])('in configuration mode "%s" answered "%s" is a refusal naming the line and the router\'s words', (line, answer) => {
    expect(refusal(() => assertAccepted(answer + '\n', line))).toBeUndefined();
    expect(refusal(() => assertConfigAccepted(answer + '\n', line))).toMatchObject({
      code: 'ROUTER_CLI_ERROR',
      line,
      message: `router refused "${line}": ${answer}`,
    });
  });

  it.each([
    '',
    '% Warning: the route-map is applied to no neighbor\n',
    '%Warning: it is not recommended\n',
    '% Note: this is informational\n',
    '%BGP-5-ADJCHANGE: neighbor 172.31.1.1 Up \n',
    'Building configuration...\n',
  ])('%j is not a refusal', (answer) => {
    expect(refusal(() => assertConfigAccepted(answer, 'x'))).toBeUndefined();
  });

  it('a parser error is a refusal in both', () => {
    const out = "       ^\n% Invalid input detected at '^' marker.\n";
    expect(refusal(() => assertAccepted(out, 'x'))).toMatchObject({ code: 'ROUTER_CLI_ERROR' });
    expect(refusal(() => assertConfigAccepted(out, 'x'))).toMatchObject({ code: 'ROUTER_CLI_ERROR' });
  });
});

describe("EEM's answer to event manager run", () => {
  it('an applet missing or not registered with event none is a refusal naming it', () => {
    const out = 'EEM policy SP-111-UP not registered with event none Event Detector\n';
    expect(refusal(() => assertAccepted(out, 'event manager run SP-111-UP'))).toMatchObject({
      code: 'ROUTER_CLI_ERROR',
      message: 'router refused "event manager run SP-111-UP": EEM policy SP-111-UP not registered with event none Event Detector',
    });
  });

  it('a run that prints nothing, or a show that mentions an error word, is accepted', () => {
    expect(refusal(() => assertAccepted('', 'event manager run SP-111-UP'))).toBeUndefined();
    expect(refusal(() => assertAccepted('Track 111\n  Stub-object\n  State is Up\n', 'show track 111'))).toBeUndefined();
  });
});
