import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../../agent/parsers/registry.js';
import type { CryptoSession } from '../../../../proto/records/crypto.js';
import { Gen, pad2, fieldsOf } from './grammar-gen.js';

/**
 * Issue 18 item 3 for `show crypto session detail`: random sessions from the
 * documented line kinds (interface, profile, uptime, every status, peer with
 * port and VRFs, description, phase-1 id, IKEv1/IKEv2 SAs with session id,
 * capabilities, conn id and lifetime, IPsec flows with their SA and packet
 * lines), read back exactly.
 */
const STATUSES = [
  ['UP-ACTIVE', 'up-active'],
  ['UP-IDLE', 'up-idle'],
  ['UP-NO-IKE', 'up-no-ike'],
  ['DOWN-NEGOTIATING', 'down-negotiating'],
  ['DOWN', 'down'],
] as const;

describe('show crypto session detail property: generated sessions read back', () => {
  it('holds for 300 generated outputs of 1-4 sessions', () => {
    const g = new Gen(18_410);
    for (let n = 0; n < 300; n++) {
      const lines = [
        'Crypto session current status',
        '',
        'Code: C - IKE Configuration mode, D - Dead Peer Detection',
        'K - Keepalives, N - NAT-traversal, T - cTCP encapsulation',
        'X - IKE Extended Authentication, F - IKE Fragmentation',
        'R - IKE Auto Reconnect, U - IKE Dynamic Route Update',
        'S - SIP VPN',
        '',
      ];
      const want: Array<Partial<CryptoSession>> = [];
      for (let s = g.between(1, 4); s > 0; s--) {
        const intf = g.pick([`Tunnel${g.int(1000)}`, `Virtual-Access${g.between(1, 99)}`]);
        const [statusRaw, status] = g.pick(STATUSES);
        const peer = g.ipv4();
        const port = g.pick([500, 4500]);
        const fvrf = g.pick(['(none)', 'INET']);
        const ivrf = g.pick(['(none)', 'LAN']);
        const w: Partial<CryptoSession> = { interface: intf, status, statusRaw, peerAddress: peer, peerPort: port };
        if (fvrf !== '(none)') w.fvrf = fvrf;
        if (ivrf !== '(none)') w.ivrf = ivrf;
        lines.push(`Interface: ${intf}`);
        if (g.chance(0.6)) {
          w.profile = g.pick(['FLEX-PROF', 'IKEV2-PROFILE']);
          lines.push(`Profile: ${w.profile}`);
        }
        if (g.chance(0.6)) {
          const [h, m, sec] = [g.int(100), g.int(60), g.int(60)];
          w.uptimeSec = h * 3600 + m * 60 + sec;
          lines.push(`Uptime: ${pad2(h)}:${pad2(m)}:${pad2(sec)}`);
        }
        lines.push(`Session status: ${statusRaw}`, `Peer: ${peer} port ${port} fvrf: ${fvrf} ivrf: ${ivrf}`);
        if (g.chance(0.4)) {
          w.description = `hub ${g.int(9)} (primary)`;
          lines.push(`      Desc: ${w.description}`);
        }
        lines.push(`      Phase1_id: ${g.pick([peer, 'hub1.example.net'])}`);
        w.ikeSas = [];
        for (let k = g.int(3); k > 0; k--) {
          const version = g.pick(['ikev1', 'ikev2'] as const);
          const local = g.ipv4();
          const sessionId = g.int(5000);
          const [cap, connId, lh, lm, ls] = [g.pick(['D', 'DN', 'U', '(none)']), g.int(5000), g.int(24), g.int(60), g.int(60)];
          const active = g.chance(0.8);
          lines.push(
            `  Session ID: ${sessionId}`,
            `  ${version === 'ikev1' ? 'IKEv1' : 'IKEv2'} SA: local ${local}/${port} remote ${peer}/${port} ${active ? 'Active' : 'Inactive'}`,
            `          Capabilities:${cap} connid:${connId} lifetime:${pad2(lh)}:${pad2(lm)}:${pad2(ls)}`,
          );
          w.ikeSas.push({
            version,
            localAddress: local,
            localPort: port,
            remoteAddress: peer,
            remotePort: port,
            status: active ? 'active' : 'inactive',
            statusRaw: active ? 'Active' : 'Inactive',
            sessionId,
            ...(cap === '(none)' ? {} : { capabilities: cap }),
            connId,
            lifetimeRemainingSec: lh * 3600 + lm * 60 + ls,
          });
        }
        w.flows = [];
        for (let f = g.int(3); f > 0; f--) {
          const acl = g.pick([
            `permit 47 host ${g.ipv4()} host ${peer}`,
            'permit ip 0.0.0.0/0.0.0.0 0.0.0.0/0.0.0.0',
            `permit ip host ${g.ipv4()} host ${peer}`,
          ]);
          const [sas, dec, ddrop, enc, edrop, kb, sec] = [
            g.int(5),
            g.int(1e9),
            g.int(1000),
            g.int(1e9),
            g.int(1000),
            g.int(4_608_000),
            g.int(3600),
          ];
          lines.push(
            `  IPSEC FLOW: ${acl}`,
            `        Active SAs: ${sas}, origin: crypto map`,
            `        Inbound:  #pkts dec'ed ${dec} drop ${ddrop} life (KB/Sec) ${kb}/${sec}`,
            `        Outbound: #pkts enc'ed ${enc} drop ${edrop} life (KB/Sec) ${kb}/${sec}`,
          );
          w.flows.push(
            expect.objectContaining({
              acl,
              activeSas: sas,
              origin: 'crypto map',
              inboundPktsDecrypted: dec,
              inboundPktsDropped: ddrop,
              inboundLifeKb: kb,
              inboundLifeSec: sec,
              outboundPktsEncrypted: enc,
              outboundPktsDropped: edrop,
            }) as never,
          );
        }
        lines.push('');
        want.push(w);
      }
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput('show crypto session detail', text);
      expect(warnings, text).toEqual([]);
      expect(records.length, text).toBe(want.length);
      (records as CryptoSession[]).forEach((r, i) => {
        const w = want[i]!;
        const got = fieldsOf(r, w);
        expect(got, text).toEqual(w);
      });
    }
  });
});

/**
 * The plain `show crypto session`: the same session lines without the legend,
 * description, phase-1 id, capabilities and counters; remote-access sessions
 * add username, group and assigned address; older releases print `IKE SA`
 * without a version; IOS-XE adds the VRFs to the peer line.
 */
describe('show crypto session property: generated sessions read back', () => {
  it('holds for 300 generated outputs of 1-4 sessions', () => {
    const g = new Gen(18_416);
    for (let n = 0; n < 300; n++) {
      const lines = ['Crypto session current status', ''];
      const want: Array<Partial<CryptoSession>> = [];
      for (let s = g.between(1, 4); s > 0; s--) {
        const intf = g.pick([`Tunnel${g.int(1000)}`, `Virtual-Access${g.between(1, 99)}`, g.interfaceName()]);
        const [statusRaw, status] = g.pick(STATUSES);
        const [peer, port] = [g.ipv4(), g.pick([500, 4500])];
        const w: Partial<CryptoSession> = { interface: intf, status, statusRaw, peerAddress: peer, peerPort: port };
        lines.push(`Interface: ${intf}`);
        const remoteAccess = g.chance(0.3);
        if (remoteAccess) {
          w.username = g.pick(['branch7', 'user@example.net']);
          lines.push(`Username: ${w.username}`);
        }
        if (g.chance(0.6)) {
          w.profile = g.pick(['FLEX-PROF', 'RA']);
          lines.push(`Profile: ${w.profile}`);
        }
        if (remoteAccess) {
          w.group = g.pick(['spokes', 'RA-GROUP']);
          w.assignedAddress = `10.${g.int(256)}.${g.int(256)}.${g.between(1, 254)}`;
          lines.push(`Group: ${w.group}`, `Assigned address: ${w.assignedAddress}`);
        }
        lines.push(`Session status: ${statusRaw}`);
        if (g.chance(0.5)) lines.push(`Peer: ${peer} port ${port} `);
        else {
          const [fvrf, ivrf] = [g.pick(['(none)', 'INET']), g.pick(['(none)', 'LAN'])];
          if (fvrf !== '(none)') w.fvrf = fvrf;
          if (ivrf !== '(none)') w.ivrf = ivrf;
          lines.push(`Peer: ${peer} port ${port} fvrf: ${fvrf} ivrf: ${ivrf}`);
        }
        w.ikeSas = [];
        for (let k = g.int(3); k > 0; k--) {
          const version = g.pick(['ikev1', 'ikev2', undefined] as const);
          const local = g.ipv4();
          const active = g.chance(0.8);
          const label = version === undefined ? 'IKE' : version === 'ikev1' ? 'IKEv1' : 'IKEv2';
          if (g.chance(0.5)) {
            const sessionId = g.int(5000);
            lines.push(`  Session ID: ${sessionId}`);
            w.ikeSas.push({ sessionId } as never);
          } else w.ikeSas.push({} as never);
          lines.push(`  ${label} SA: local ${local}/${port} remote ${peer}/${port} ${active ? 'Active' : 'Inactive'}`);
          Object.assign(w.ikeSas[w.ikeSas.length - 1]!, {
            ...(version ? { version } : {}),
            localAddress: local,
            localPort: port,
            remoteAddress: peer,
            remotePort: port,
            status: active ? 'active' : 'inactive',
            statusRaw: active ? 'Active' : 'Inactive',
          });
        }
        w.flows = [];
        for (let f = g.int(3); f > 0; f--) {
          const acl = g.pick([
            `permit 47 host ${g.ipv4()} host ${peer}`,
            'permit ip 0.0.0.0/0.0.0.0 0.0.0.0/0.0.0.0',
            `permit ip host ${g.ipv4()} host ${peer}`,
          ]);
          const sas = g.int(5);
          lines.push(`  IPSEC FLOW: ${acl}`, `        Active SAs: ${sas}, origin: crypto map`);
          w.flows.push(expect.objectContaining({ acl, activeSas: sas, origin: 'crypto map' }) as never);
        }
        lines.push('');
        want.push(w);
      }
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput('show crypto session', text);
      expect(warnings, text).toEqual([]);
      expect(records.length, text).toBe(want.length);
      (records as CryptoSession[]).forEach((r, i) => {
        const w = want[i]!;
        const got = fieldsOf(r, w);
        expect(got, text).toEqual(w);
        // Nothing read that was not printed: no counters, no description.
        for (const flow of r.flows) expect(flow.inboundPktsDecrypted, text).toBeUndefined();
        expect(r.description, text).toBeUndefined();
      });
    }
  });
});
