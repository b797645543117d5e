import { describe, expect, it } from 'vitest';
import { resolveCommand } from '../../../agent/parsers/registry.js';

describe('IOS abbreviations resolve to their command', () => {
  it.each([
    ['sh track br', 'show track brief', {}],
    ['sh track 5 br', 'show track brief', { track: '5' }],
    ['sh track int br', 'show track brief', { kind: 'interface' }],
    ['sh ip int br', 'show ip interface brief', {}], // `br` begins `brief`, so it is not the optional interface name
    ['sh ip int Gi0/0 br', 'show ip interface brief', { interface: 'Gi0/0' }],
    ['sh cry ikev2 sa det', 'show crypto ikev2 sa detailed', {}],
    ['sh cry ikev2 sa rem 192.0.2.1 det', 'show crypto ikev2 sa detailed', { remote: '192.0.2.1' }],
    ['sh ip ro vrf br', 'show ip route', { vrf: 'br' }], // a required argument is never expanded
    ['SH VER', 'show version', {}],
    ['sh ip sla stat', 'show ip sla statistics', {}],
    ['sh ip bgp sum', 'show ip bgp summary', {}],
    // Address families are keywords too (IOS-XE `show bgp l2vpn evpn summary` typed short).
    ['sh bgp l2 evpn sum', 'show ip bgp summary', { afi: 'l2vpn', safi: 'evpn' }],
    ['sh bgp vpnv4 uni all sum', 'show ip bgp summary', { afi: 'vpnv4', safi: 'unicast' }],
    ['sh bgp ipv6 uni sum', 'show ip bgp summary', { afi: 'ipv6', safi: 'unicast' }],
    ['sh ip bgp nei', 'show ip bgp neighbors', {}],
    ['sh ip bgp nei 192.0.2.1 adv', 'show ip bgp', { neighbor: '192.0.2.1', view: 'advertised-routes' }],
    ['sh dmvpn int tu1', 'show dmvpn', { interface: 'tu1' }],
    ['sh ip nhrp dyn', 'show ip nhrp', { entryType: 'dynamic' }],
    // `sh` is `show` at the start of a line even where a later keyword also begins `sh`.
    ['sh ip nhrp short', 'show ip nhrp', { entryType: 'shortcut' }],
    ['sh ip nhrp loc det', 'show ip nhrp', { entryType: 'local', detail: 'detail' }],
  ])('%s', (line, id, args) => {
    const r = resolveCommand(line);
    expect(r?.spec.id).toBe(id);
    expect(r?.args).toEqual(args);
  });

  it.each(['sh ip s', 'sh cry', 'show crypto ikev2 sa detail extra'])('%s is ambiguous or unknown: not resolved', (line) => {
    expect(resolveCommand(line)).toBeUndefined();
  });
});
