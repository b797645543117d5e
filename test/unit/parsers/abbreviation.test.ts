import { describe, expect, it } from 'vitest';
import { resolveCommand } from '../../../agent/parsers/registry.js';

describe('IOS abbreviations resolve to their command', () => {
  it.each([
    ['sh track br', 'show track [N] brief', {}],
    ['sh track 5 br', 'show track [N] brief', { track: '5' }],
    ['sh ip int br', 'show ip interface brief', {}],
    ['sh cry ikev2 sa det', 'show crypto ikev2 sa detailed', {}],
    ['sh ip ro vrf br', 'show ip route [vrf {NAME | *}] [PROTOCOL [ID]]', { vrf: 'br' }], // an argument is never expanded
    ['SH VER', 'show version', {}],
    ['sh ip sla stat', 'show ip sla statistics [N]', {}],
  ])('%s', (line, usage, args) => {
    const r = resolveCommand(line);
    expect(r?.spec.usage).toBe(usage);
    expect(r?.args).toEqual(args);
  });

  it.each(['sh ip s', 'sh cry', 'show crypto ikev2 sa detail extra'])('%s is ambiguous or unknown: not resolved', (line) => {
    expect(resolveCommand(line)).toBeUndefined();
  });
});
