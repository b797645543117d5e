import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../../agent/parsers/registry.js';
import type { DmvpnAttribute, DmvpnPeer } from '../../../../proto/records/routing.js';
import { Gen, fieldsOf } from './grammar-gen.js';

/**
 * Issue 18 item 3 for `show dmvpn` (IPv4): random outputs from the documented
 * line kinds (legend, interface header, role and peer count, the column
 * header and rule, peer rows of every state, Up/Down spelling and attribute
 * combination, peers of several entries whose further rows carry no NBMA
 * address), read back exactly.
 */
const LEGEND = [
  'Legend: Attrb --> S - Static, D - Dynamic, I - Incomplete',
  '        N - NATed, L - Local, X - No Socket',
  '        T1 - Route Installed, T2 - Nexthop-override',
  '        C - CTS Capable',
  '        # Ent --> Number of NHRP entries with same NBMA peer',
  '        NHS Status: E --> Expecting Replies, R --> Responding, W --> Waiting',
  '        UpDn Time --> Up or Down Time for a Tunnel',
  '==========================================================================',
];
const STATES = [
  ['UP', 'up'],
  ['IKE', 'ike'],
  ['NHRP', 'nhrp'],
  ['DOWN', 'down'],
  ['IPsec', 'ipsec'],
  ['INTF', 'intf'],
] as const;
const FLAGS: ReadonlyArray<readonly [string, DmvpnAttribute]> = [
  ['N', 'nated'],
  ['T1', 'route-installed'],
  ['T2', 'nexthop-override'],
  ['C', 'cts-capable'],
];
const ROLES = [
  ['Spoke', 'spoke'],
  ['Hub', 'hub'],
  ['Hub/Spoke', 'hub-spoke'],
] as const;

describe('show dmvpn property: generated outputs read back', () => {
  it('holds for 300 generated outputs', () => {
    const g = new Gen(18_414);
    for (let n = 0; n < 300; n++) {
      const lines = ['', ...LEGEND, ''];
      const want: Array<Partial<DmvpnPeer>> = [];
      for (let t = g.between(1, 3); t > 0; t--) {
        const intf = `Tunnel${g.int(1000)}`;
        const [roleRaw, role] = g.pick(ROLES);
        const rows: string[] = [];
        const peers: Array<Partial<DmvpnPeer>> = [];
        for (let p = g.between(1, 5); p > 0; p--) {
          const entries = g.chance(0.8) ? 1 : g.between(2, 3);
          const nbma = g.ipv4();
          for (let e = 0; e < entries; e++) {
            const tunnelAddress = `172.${g.between(16, 31)}.${g.int(256)}.${g.between(1, 254)}`;
            const [stateRaw, state] = g.pick(STATES);
            const up = g.pick<() => { text: string; sec?: number }>([() => ({ text: 'never' }), () => g.age()])();
            const base = g.pick([
              ['S', 'static'],
              ['D', 'dynamic'],
            ] as const);
            const extra = g.chance(0.4) ? [g.pick(FLAGS)] : [];
            const attributesRaw = base[0] + extra.map((f) => f[0]).join('');
            const head = e === 0 ? `${String(entries).padStart(6)} ${nbma.padEnd(15)}` : ' '.repeat(22);
            rows.push(`${head} ${tunnelAddress.padStart(15)} ${stateRaw.padStart(5)} ${up.text.padStart(8)} ${attributesRaw.padStart(5)}`);
            peers.push({
              interface: intf,
              family: 'ipv4',
              role,
              roleRaw,
              entries,
              nbmaAddress: nbma,
              tunnelAddress,
              state,
              stateRaw,
              upDownSec: up.sec,
              type: base[1],
              attributes: [base[1], ...extra.map((f) => f[1])],
              attributesRaw,
            });
          }
        }
        // IOS 15 and IOS-XE name the interface on a line of its own; 12.4T on the role line.
        const header = g.chance(0.8)
          ? [`Interface: ${intf}, IPv4 NHRP Details`, `Type:${roleRaw}, NHRP Peers:${peers.length},`]
          : [`${intf}, Type:${roleRaw}, NHRP Peers:${peers.length},`];
        lines.push(
          ...header,
          '',
          ' # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb',
          ' ----- --------------- --------------- ----- -------- -----',
          ...rows,
          '',
        );
        want.push(...peers.map((p) => ({ ...p, interfacePeers: peers.length })));
      }
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput('show dmvpn', text);
      expect(warnings, text).toEqual([]);
      expect(records.length, text).toBe(want.length);
      (records as DmvpnPeer[]).forEach((r, i) => {
        const w = want[i]!;
        expect(fieldsOf(r, w), text).toEqual(w);
      });
    }
  });
});

/**
 * `show dmvpn detail`: the interface block (state, address, VRF or `""`, tunnel source and
 * front-door VRF, transport, protection or `""`, the optional state-control and
 * event-publisher lines), a spoke's NHS list (on its own lines or on the `IPv4 NHS:` line),
 * the Target Network column with continuation rows that repeat the NBMA address or leave
 * it out, and `Crypto Session Details:` blocks (IKEv2 or no IKE SA) given to their peers.
 */
describe('show dmvpn detail property: generated outputs read back', () => {
  it('holds for 200 generated outputs', () => {
    const g = new Gen(18_415);
    const name = () => g.pick(['', 'INET', 'MPLS', 'CORP_1', 'LTE-A']);
    for (let n = 0; n < 200; n++) {
      const lines = [...LEGEND.slice(0, 3), '        C - CTS Capable, I2 - Temporary', ...LEGEND.slice(4), ''];
      const want: Array<Partial<DmvpnPeer>> = [];
      const sessions: string[] = [];
      for (let t = g.between(1, 2); t > 0; t--) {
        const intf = `Tunnel${g.int(1000)}`;
        const [roleRaw, role] = g.pick(ROLES);
        const ownAddress = `10.${g.int(256)}.${g.int(256)}.1`;
        const source = g.ipv4();
        const [vrf, tunnelVrf, protection] = [name(), name(), g.pick(['', 'DMVPN-PROF', 'IPSEC_1'])];
        const stateRaw = g.pick(['up/up', 'up/down', 'down/down']);
        lines.push(
          `Interface ${intf} is ${stateRaw}, Addr. is ${ownAddress}, VRF "${vrf}"`,
          `   Tunnel Src./Dest. addr: ${source}/MGRE, Tunnel VRF "${tunnelVrf}"`,
          `   Protocol/Transport: "multi-GRE/IP", Protect "${protection}"`,
        );
        const tunnel: NonNullable<DmvpnPeer['tunnel']> = {
          stateRaw,
          address: ownAddress,
          source,
          destination: 'MGRE',
          transport: 'multi-GRE/IP',
        };
        if (vrf !== '') tunnel.vrf = vrf;
        if (tunnelVrf !== '') tunnel.tunnelVrf = tunnelVrf;
        if (protection !== '') tunnel.protection = protection;
        if (g.chance(0.7)) {
          const control = g.pick(['Disabled', 'Enabled']);
          lines.push(`   Interface State Control: ${control}`, '   nhrp event-publisher : Disabled');
          tunnel.stateControl = control;
          tunnel.eventPublisher = 'Disabled';
        }
        if (role !== 'hub') {
          const servers = Array.from({ length: g.between(1, 2) }, () => ({
            address: `10.${g.int(256)}.${g.int(256)}.${g.between(1, 254)}`,
            statusRaw: g.pick(['RE', 'E', 'W', 'R']),
            cluster: g.int(8),
            nbma: g.chance(0.5) ? g.ipv4() : undefined,
          }));
          const oneLine = servers.length === 1 && g.chance(0.4);
          lines.push(oneLine ? `IPv4 NHS: ${servers[0]!.address} ${servers[0]!.statusRaw}` : 'IPv4 NHS:');
          const nbmaText = (s: (typeof servers)[number]) => (s.nbma === undefined ? '' : ` NBMA Address: ${s.nbma}`);
          if (!oneLine)
            servers.forEach((s) => lines.push(`${s.address}  ${s.statusRaw}${nbmaText(s)} priority = 0 cluster = ${s.cluster}`));
          tunnel.nhs = servers.map((s) => ({
            family: 'ipv4',
            address: s.address,
            statusRaw: s.statusRaw,
            expectingReplies: s.statusRaw.includes('E'),
            responding: s.statusRaw.includes('R'),
            waiting: s.statusRaw.includes('W'),
            ...(oneLine ? {} : { priority: 0, cluster: s.cluster, ...(s.nbma === undefined ? {} : { nbmaAddress: s.nbma }) }),
          }));
        }
        const rows: string[] = [];
        const peers: Array<Partial<DmvpnPeer>> = [];
        for (let p = g.between(1, 4); p > 0; p--) {
          const entries = g.chance(0.7) ? 1 : 2;
          const nbma = g.ipv4();
          const session = protection !== '' && g.chance(0.6) ? g.pick(['ikev2', 'no-ike'] as const) : undefined;
          const crypto = session && {
            statusRaw: session === 'ikev2' ? 'UP-ACTIVE' : 'UP-NO-IKE',
            spi: `0x${g.int(0xfffffff).toString(16).toUpperCase()}`,
            decrypted: g.int(100_000),
          };
          for (let e = 0; e < entries; e++) {
            const tunnelAddress = `172.${g.between(16, 31)}.${g.int(256)}.${g.between(1, 254)}`;
            const target = e === 1 && g.chance(0.5) ? `192.168.${g.int(256)}.0/24` : `${tunnelAddress}/32`;
            const [stRaw, state] = g.pick(STATES);
            const up = g.age();
            const [attributesRaw, attributes] = g.pick([
              ['S', ['static']],
              ['D', ['dynamic']],
              ['DT1', ['dynamic', 'route-installed']],
              ['I2', ['temporary']],
              ['DN', ['dynamic', 'nated']],
            ] as const);
            const head =
              e === 0 ? `${String(entries).padStart(5)} ${nbma.padEnd(15)}` : g.chance(0.5) ? `      ${nbma.padEnd(15)}` : ' '.repeat(21);
            rows.push(
              `${head} ${tunnelAddress.padStart(15)} ${stRaw.padStart(5)} ${up.text.padStart(8)} ${attributesRaw.padStart(5)} ${target.padStart(17)}`,
            );
            const peer: Partial<DmvpnPeer> = {
              interface: intf,
              role,
              entries,
              nbmaAddress: nbma,
              tunnelAddress,
              stateRaw: stRaw,
              state,
              upDownSec: up.sec,
              attributes: [...attributes],
              attributesRaw,
              targetNetwork: target,
              tunnel,
            };
            if (crypto)
              Object.assign(peer, {
                crypto: { statusRaw: crypto.statusRaw, outboundSpi: crypto.spi, flows: [{ inboundPktsDecrypted: crypto.decrypted }] },
              });
            peers.push(peer);
          }
          if (crypto) {
            sessions.push(`Interface: ${intf}`, `Session: [0x${g.int(0xfffffff).toString(16).toUpperCase()}]`);
            if (session === 'ikev2') {
              sessions.push(
                `  Session ID: ${g.int(100)}`,
                `  IKEv2 SA: local ${source}/500 remote ${nbma}/500 Active`,
                `          Capabilities:${g.pick(['(none)', 'D', 'DN'])} connid:${g.int(5000)} lifetime:${g.age().text}`,
                `  Crypto Session Status: ${crypto.statusRaw}`,
                `  fvrf: ${tunnelVrf || '(none)'}, Phase1_id: ${nbma}`,
                `  IPSEC FLOW: permit 47 host ${source} host ${nbma}`,
              );
            } else {
              sessions.push(
                `  Crypto Session Status: ${crypto.statusRaw}`,
                `  fvrf: ${tunnelVrf || '(none)'},   IPSEC FLOW: permit 47 host ${source} host ${nbma}`,
              );
            }
            sessions.push(
              '        Active SAs: 2, origin: crypto map',
              `        Inbound:  #pkts dec'ed ${crypto.decrypted} drop 0 life (KB/Sec) 4607211/2514`,
              `        Outbound: #pkts enc'ed ${g.int(100_000)} drop 0 life (KB/Sec) 4607650/2514`,
              `   Outbound SPI : ${crypto.spi}, transform : ${g.pick(['esp-gcm 256', 'esp-256-aes esp-sha256-hmac', 'esp-aes esp-sha-hmac'])}`,
              '    Socket State: Open',
              '',
            );
          }
        }
        lines.push(
          `Type:${roleRaw}, Total NBMA Peers (v4/v6): ${peers.length}`,
          '',
          '# Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb    Target Network',
          '----- --------------- --------------- ----- -------- ----- -----------------',
          ...rows,
          '',
        );
        want.push(...peers.map((p) => ({ ...p, interfacePeers: peers.length })));
      }
      lines.push('', 'Crypto Session Details:', '-'.repeat(80), '', ...sessions, 'Pending DMVPN Sessions:', '');
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput('show dmvpn detail', text);
      expect(warnings, text).toEqual([]);
      expect(records.length, text).toBe(want.length);
      (records as DmvpnPeer[]).forEach((r, i) => {
        const w = want[i]!;
        expect(r, text).toMatchObject(w);
        if (w.crypto === undefined) expect(r.crypto, text).toBeUndefined();
      });
    }
  });
});
