import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../../agent/parsers/registry.js';
import type { FlexVpnClient } from '../../../../proto/records/crypto.js';
import type { IpInterfaceBrief, Track } from '../../../../proto/records/health.js';
import { Gen } from './grammar-gen.js';

/**
 * Issue 18 item 3 for the column tables and the FlexVPN client block:
 * `show ip interface brief` (interfaces of every platform, long names pushing
 * the row, every status), `show track brief` (every object type and state,
 * Last Change in every spelling) and `show crypto ikev2 client flexvpn`
 * (peers by address or name, VRFs, backup groups), read back exactly.
 */
const STATUSES = [
  ['up', 'up'],
  ['down', 'down'],
  ['administratively down', 'administratively-down'],
  ['deleted', 'deleted'],
] as const;

describe('show ip interface brief property', () => {
  it('holds for 300 generated tables', () => {
    const g = new Gen(18_411);
    for (let n = 0; n < 300; n++) {
      const lines = ['Interface              IP-Address      OK? Method Status                Protocol'];
      const want: Array<Partial<IpInterfaceBrief>> = [];
      for (let r = g.between(1, 20); r > 0; r--) {
        const name = g.interfaceName();
        const address = g.chance(0.6) ? g.ipv4() : 'unassigned';
        const method = g.pick(['NVRAM', 'manual', 'DHCP', 'unset', 'IPCP', 'TFTP']);
        const ok = g.chance(0.9);
        const [statusRaw, status] = g.pick(STATUSES);
        const protocol = g.pick(['up', 'down']);
        // A name longer than its column pushes the rest of the row right by one space, as IOS prints it.
        const col = (s: string, w: number) => (s.length >= w ? `${s} ` : s.padEnd(w));
        lines.push(`${col(name, 23)}${col(address, 16)}${ok ? 'YES' : 'NO '} ${method.padEnd(6)} ${statusRaw.padEnd(21)} ${protocol}`);
        want.push({
          name,
          ...(address === 'unassigned' ? {} : { ipAddress: address }),
          ok,
          method,
          status,
          statusRaw,
          protocol: protocol as 'up' | 'down',
          protocolRaw: protocol,
        });
      }
      // The command echoed first, from exec mode or typed after `do` in a configuration mode.
      const echo = g.pick(['', '', 'R4#show ip interface brief', 'spoke-2(config-if)#do sh ip int brief']);
      if (echo !== '') lines.unshift(echo, '');
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput('show ip interface brief', text);
      expect(warnings, text).toEqual([]);
      expect(
        (records as IpInterfaceBrief[]).map((r) =>
          Object.fromEntries(
            Object.keys(want[0]!)
              .concat('ipAddress')
              .map((k) => [k, r[k as keyof IpInterfaceBrief]]),
          ),
        ),
        text,
      ).toEqual(want.map((w) => ({ ipAddress: undefined, ...w })));
    }
  });
});

describe('show track brief property', () => {
  const KINDS = [
    ['ip sla', 'ip-sla', 'reachability'],
    ['ip sla', 'ip-sla', 'state'],
    ['interface', 'interface', 'line-protocol'],
    ['list', 'list', 'boolean'],
    ['stub-object', 'stub-object', ''],
    // `track N rtr M` (12.x): the same IP SLA object.
    ['rtr', 'ip-sla', 'state'],
  ] as const;
  it('holds for 300 generated tables', () => {
    const g = new Gen(18_412);
    for (let n = 0; n < 300; n++) {
      // IOS 15 / IOS-XE's header, or 12.x's (`Object` over type and instance, `Value` over the state).
      const lines = [
        g.pick([
          'Track Type        Instance                   Parameter        State Last Change',
          'Track Object                                 Parameter        Value Last Change',
        ]),
      ];
      const want: Array<Partial<Track>> = [];
      for (let r = g.between(1, 15); r > 0; r--) {
        const id = g.between(1, 1000);
        const [typeRaw, type] = g.pick(KINDS);
        const param = g.pick(KINDS.filter((k) => k[0] === typeRaw))[2];
        const instance = type === 'ip-sla' ? String(g.between(1, 2000)) : type === 'interface' ? g.interfaceName() : '';
        const state = g.pick(['Up', 'Down']);
        const change = g.age();
        lines.push(`${String(id).padEnd(6)}${typeRaw.padEnd(12)}${instance.padEnd(27)}${param.padEnd(17)}${state.padEnd(6)}${change.text}`);
        want.push({
          id,
          type,
          typeRaw,
          state: state.toLowerCase() as 'up' | 'down',
          lastChangeSec: change.sec,
          ...(instance ? { instance } : {}),
        });
      }
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput('show track brief', text);
      expect(warnings, text).toEqual([]);
      expect(
        (records as Track[]).map((r, i) => Object.fromEntries(Object.keys(want[i]!).map((k) => [k, r[k as keyof Track]]))),
        text,
      ).toEqual(want);
    }
  });
});

describe('show crypto ikev2 client flexvpn property', () => {
  it('holds for 300 generated outputs of 1-3 clients', () => {
    const g = new Gen(18_413);
    for (let n = 0; n < 300; n++) {
      const lines: string[] = [];
      const want: Array<Partial<FlexVpnClient>> = [];
      for (let c = g.between(1, 3); c > 0; c--) {
        const profile = g.pick(['FLEX', 'flexblk', 'SPOKE-CLIENT']);
        const peer = g.pick([g.ipv4(), `2001:db8::${g.between(1, 999)}`, 'hub1.example.net', 'None']);
        const source = g.interfaceName();
        const ivrf = g.pick(['IP DEFAULT', 'LAN']);
        const fvrf = g.pick(['IP DEFAULT', 'INET']);
        const backup = g.pick(['None', 'default', String(g.between(1, 10))]);
        const tunnel = `Tunnel${g.int(100)}`;
        lines.push(
          `  Profile : ${profile}`,
          '  Current state:ACTIVE',
          `  Peer : ${peer}`,
          `  Source : ${source}`,
          `  ivrf : ${ivrf}`,
          `  fvrf : ${fvrf}`,
          `  Backup group: ${backup}`,
          `  Tunnel interface : ${tunnel}`,
          '',
        );
        want.push({
          profile,
          currentState: 'active',
          currentStateRaw: 'ACTIVE',
          ...(peer === 'None' ? {} : { peer }),
          sourceInterface: source,
          ...(ivrf === 'IP DEFAULT' ? {} : { ivrf }),
          ...(fvrf === 'IP DEFAULT' ? {} : { fvrf }),
          ...(backup === 'None' ? {} : { backupGroup: backup === 'default' ? 'default' : Number(backup) }),
          tunnelInterface: tunnel,
        });
      }
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput('show crypto ikev2 client flexvpn', text);
      expect(warnings, text).toEqual([]);
      expect(records, text).toEqual(want);
    }
  });
});
