/**
 * The lab's renderers and the parser tests share IOS texts (issue 14 item 6):
 * the `lab-*` parser cases are what the lab prints, so a change to a renderer
 * shows here and the case is updated with it, never left to drift apart.
 */
import { describe, expect, it } from 'vitest';
import { exec, labRouter, seconds } from '../../lab/lab-helpers.js';
import { parserCaseInput } from '../../support/parser-cases.js';

describe('the lab prints the parser cases taken from it', () => {
  // The dual-cloud spoke of test/lab/dual-cloud-render-parse.test.ts, its route-map applied to hub 1.
  const { router, clock } = labRouter({ topology: 'dual-cloud' });
  router.configure(
    ['route-map AVOID permit 10', ' set community 65000:110', 'router bgp 65000', ' neighbor 172.31.1.1 route-map AVOID out'].join('\n'),
  );
  exec(router, 'clear ip bgp 172.31.1.1 soft out');
  seconds(clock, 5);

  it.each([
    ['show ip bgp', 'show ip bgp'],
    ['show ip bgp neighbors', 'show ip bgp neighbors 172.31.1.1'],
    ['show route-map', 'show route-map'],
  ])('%s (lab-dual-cloud)', (commandId, line) => {
    expect(exec(router, line)).toBe(parserCaseInput(commandId, 'lab-dual-cloud'));
  });
});

describe('the lab prints the parser cases taken from its FlexVPN spoke', () => {
  const { router, clock } = labRouter();
  seconds(clock, 5);

  it.each(['show crypto ikev2 client flexvpn', 'show track brief'])('%s (lab-spoke)', (command) => {
    expect(exec(router, command)).toBe(parserCaseInput(command, 'lab-spoke'));
  });
});
