import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../../agent/parsers/registry.js';
import type { IkeV2Sa } from '../../../../proto/records/crypto.js';
import { Gen, fieldsOf } from './grammar-gen.js';

/**
 * Issue 18 item 3 for `show crypto ikev2 sa detailed`: random SA blocks from
 * the documented line kinds (IPv4 rows and IPv6 rows with Local/Remote lines,
 * every status, the Encr line with or without the QR flag, PQC key exchange,
 * message-id tables, DPD, Cisco and IETF fragmentation, NAT-T in every form,
 * pushed and assigned addresses, remote subnets, peer type, and attribute
 * lines a later release adds), in random order where IOS allows it, read back exactly.
 */
const STATUSES = [
  ['READY', 'ready'],
  ['IN-NEG', 'in-negotiation'],
  ['DELETE', 'deleted'],
] as const;
const NAT = [
  ['not detected', 'not-detected'],
  ['detected inside', 'detected-inside'],
  ['detected outside', 'detected-outside'],
] as const;
const ENCR = [
  ['AES-CBC', 256],
  ['AES-CBC', 128],
  ['AES-GCM', 256],
  ['AES-GCM', 128],
  ['3DES', 0],
] as const;
const HASHES = ['SHA512', 'SHA384', 'SHA256', 'SHA96', 'None'];
const NEWER = [
  ['Session Resumption', 'disabled'],
  ['Reauthentication Interval', '86400 sec'],
  ['Childless SA', 'Supported'],
] as const;

function generate(g: Gen, id: number): { lines: string[]; want: Partial<IkeV2Sa> } {
  const v6 = g.chance(0.2);
  const h = () => g.int(0x10000).toString(16).toUpperCase();
  const addr = () => (v6 ? `2001:DB8:${h()}::${h()}` : g.ipv4());
  const port = g.pick([500, 4500]);
  const [local, remote] = [addr(), addr()];
  const [fvrf, ivrf] = [g.pick(['none', 'INET', 'WAN2']), g.pick(['none', 'gre', 'LAN'])];
  const [statusRaw, status] = g.pick(STATUSES);
  const [encryption, keySizeBits] = g.pick(ENCR);
  const hash = g.pick(HASHES);
  const prf = g.pick(['SHA512', 'SHA384', 'SHA256']);
  const dhGroup = g.pick([14, 15, 16, 19, 20, 21, 24]);
  const auth = g.pick(['PSK', 'RSA', 'ECDSA']);
  const qr = g.chance(0.2);
  const want: Partial<IkeV2Sa> = {
    family: v6 ? 'ipv6' : 'ipv4',
    tunnelId: id,
    localAddress: local,
    localPort: port,
    remoteAddress: remote,
    remotePort: port,
    fvrf: fvrf === 'none' ? undefined : fvrf,
    ivrf: ivrf === 'none' ? undefined : ivrf,
    status,
    statusRaw,
    encryption,
    keySizeBits,
    prf,
    hash,
    dhGroup,
    authSign: auth,
    authVerify: auth,
  };
  const lines = v6
    ? [
        `${String(id).padEnd(10)}${`${fvrf}/${ivrf}`.padEnd(21)}${statusRaw}`,
        `      Local ${local}/${port}`,
        `      Remote ${remote}/${port}`,
      ]
    : [
        `${String(id).padEnd(10)}${`${local}/${port}`.padEnd(22)}${`${remote}/${port}`.padEnd(22)}${`${fvrf}/${ivrf}`.padEnd(21)}${statusRaw}`,
      ];
  lines.push(
    `      Encr: ${encryption}, keysize: ${keySizeBits}, PRF: ${prf}, Hash: ${hash}, DH Grp:${dhGroup}, Auth sign: ${auth}, Auth verify: ${auth}${qr ? ', QR' : ''}`,
  );
  if (qr) want.quantumSafePpk = 'enabled';
  if (g.chance(0.2)) {
    want.pqcKeyExchange = g.pick(['ML-KEM-768', 'ML-KEM-1024']);
    lines.push(`      PQC Key Exchange: ${want.pqcKeyExchange}`);
  }
  want.lifetimeSec = g.pick([86400, 28800, 3600]);
  want.activeTimeSec = g.int(want.lifetimeSec);
  lines.push(`      Life/Active Time: ${want.lifetimeSec}/${want.activeTimeSec} sec`);
  want.ceId = g.int(70000);
  want.sessionId = g.int(5000);
  lines.push(`      CE id: ${want.ceId}, Session-id: ${want.sessionId}`);
  const spi = () => Array.from({ length: 16 }, () => g.int(16).toString(16).toUpperCase()).join('');
  want.localSpi = spi();
  want.remoteSpi = spi();
  lines.push(`      Local spi: ${want.localSpi}       Remote spi: ${want.remoteSpi}`);
  // The detailed lines; IOS prints them in this order, some only on some releases.
  want.statusDescription = g.pick(['Negotiation done', 'Authentication done', 'Deleting IKE SA']);
  lines.push(`      Status Description: ${want.statusDescription}`);
  want.localId = g.pick([local, 'spoke1.example.net', 'cn=spoke1,o=Example']);
  want.remoteId = g.pick([remote, 'hub.example.net']);
  lines.push(`      Local id: ${want.localId}`, `      Remote id: ${want.remoteId}`);
  const msg = Array.from({ length: 8 }, () => g.int(100));
  [
    want.localReqMsgId,
    want.remoteReqMsgId,
    want.localNextMsgId,
    want.remoteNextMsgId,
    want.localReqQueued,
    want.remoteReqQueued,
    want.localWindow,
    want.remoteWindow,
  ] = msg;
  lines.push(
    `      Local req msg id:  ${String(msg[0]).padEnd(15)}Remote req msg id:  ${msg[1]}`,
    `      Local next msg id: ${String(msg[2]).padEnd(15)}Remote next msg id: ${msg[3]}`,
    `      Local req queued:  ${String(msg[4]).padEnd(15)}Remote req queued:  ${msg[5]}`,
    `      Local window:      ${String(msg[6]).padEnd(15)}Remote window:      ${msg[7]}`,
  );
  want.dpdIntervalSec = g.pick([0, 10, 60]);
  want.dpdRetries = g.pick([2, 3, 5]);
  lines.push(`      DPD configured for ${want.dpdIntervalSec} seconds, retry ${want.dpdRetries}`);
  if (g.chance(0.5)) {
    want.fragmentation = 'not-configured';
    lines.push(g.pick(['      Fragmentation not  configured.', '      Fragmentation not configured.']));
  } else {
    want.fragmentation = 'enabled';
    want.fragmentationKind = 'ietf';
    want.fragmentationMtuBytes = g.between(576, 1500);
    lines.push('      IETF Std Fragmentation enabled.', `      IETF Std Fragmentation MTU in use: ${want.fragmentationMtuBytes} bytes.`);
  }
  want.dynamicRouteUpdate = g.pick(['enabled', 'disabled'] as const);
  lines.push(`      Dynamic Route Update: ${want.dynamicRouteUpdate}`);
  want.extendedAuthentication = 'not-configured';
  lines.push('      Extended Authentication not configured.');
  const [natText, natT] = g.pick(NAT);
  want.natT = natT;
  lines.push(`      NAT-T is ${natText}`);
  want.ctsSgt = g.pick(['enabled', 'disabled'] as const);
  lines.push(`      Cisco Trust Security SGT is ${want.ctsSgt}`);
  const initiator = g.chance(0.5);
  want.role = initiator ? 'initiator' : 'responder';
  lines.push(`      Initiator of SA : ${initiator ? 'Yes' : 'No'}`);
  if (initiator && g.chance(0.6)) {
    want.pushedAddress = `10.${g.int(256)}.${g.int(256)}.${g.between(1, 254)}`;
    lines.push(`      Pushed IP address: ${want.pushedAddress}`);
  }
  if (!initiator && g.chance(0.6)) {
    want.assignedPeerAddress = `10.${g.int(256)}.${g.int(256)}.${g.between(1, 254)}`;
    lines.push(`      Assigned host addr: ${want.assignedPeerAddress}`);
  }
  if (g.chance(0.6)) {
    const subnets = Array.from({ length: g.between(1, 4) }, () => `10.${g.int(256)}.${g.int(256)}.0`);
    const len = g.between(16, 32);
    const mask = [0, 8, 16, 24].map((s) => (((0xffffffff << (32 - len)) >>> 0) >>> (24 - s)) & 255).join('.');
    lines.push('      Remote subnets:', ...subnets.map((s) => `      ${s} ${mask}`));
    want.remoteSubnets = subnets.map((s) => `${s}/${len}`);
  }
  if (g.chance(0.5)) {
    want.peerType = g.pick(['IOS-XE', 'Other']);
    lines.push(`      PEER TYPE: ${want.peerType}`);
  }
  // A well-formed line a later release adds is kept, not warned about.
  if (g.chance(0.3)) {
    const [label, value] = g.pick(NEWER);
    want.otherAttributes = { [label]: value };
    lines.push(`      ${label}: ${value}`);
  }
  return { lines, want };
}

describe('show crypto ikev2 sa detailed property: generated SAs read back', () => {
  it('holds for 300 generated outputs of 1-5 SAs', () => {
    const g = new Gen(18_404);
    for (let n = 0; n < 300; n++) {
      // IOS lists the IPv4 SAs under their heading, then the IPv6 SAs under theirs.
      const blocks = Array.from({ length: g.between(1, 5) }, (_, i) => generate(g, i + 1)).sort((a, b) =>
        a.want.family === b.want.family ? 0 : a.want.family === 'ipv4' ? -1 : 1,
      );
      const lines: string[] = [];
      for (const family of ['IPv4', 'IPv6']) {
        const mine = blocks.filter((b) => b.want.family === family.toLowerCase());
        if (mine.length === 0) continue;
        lines.push(` ${family} Crypto IKEv2  SA `, '');
        for (const b of mine)
          lines.push('Tunnel-id Local                 Remote                fvrf/ivrf            Status ', ...b.lines, '');
      }
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput('show crypto ikev2 sa detailed', text);
      expect(warnings, text).toEqual([]);
      expect(records.length, text).toBe(blocks.length);
      (records as IkeV2Sa[]).forEach((r, i) => {
        const w = Object.fromEntries(Object.entries(blocks[i]!.want).filter(([, v]) => v !== undefined));
        const got = fieldsOf(r, w);
        expect(got, text).toEqual(w);
        // Nothing read that was not generated: absent fields stay absent.
        for (const k of [
          'fvrf',
          'ivrf',
          'pushedAddress',
          'assignedPeerAddress',
          'remoteSubnets',
          'pqcKeyExchange',
          'otherAttributes',
        ] as const) {
          if (blocks[i]!.want[k] === undefined) expect(r[k], `${k}\n${text}`).toBeUndefined();
        }
      });
    }
  });
});

// The plain `show crypto ikev2 sa` prints the row, the Encr line and the lifetimes, nothing more.
const BRIEF_FIELDS = new Set([
  'family',
  'tunnelId',
  'localAddress',
  'localPort',
  'remoteAddress',
  'remotePort',
  'fvrf',
  'ivrf',
  'status',
  'statusRaw',
  'encryption',
  'keySizeBits',
  'prf',
  'hash',
  'dhGroup',
  'authSign',
  'authVerify',
  'quantumSafePpk',
  'lifetimeSec',
  'activeTimeSec',
]);

describe('show crypto ikev2 sa property: generated SAs read back', () => {
  it('holds for 300 generated outputs of 1-5 SAs', () => {
    const g = new Gen(18_417);
    for (let n = 0; n < 300; n++) {
      const blocks = Array.from({ length: g.between(1, 5) }, (_, i) => generate(g, i + 1))
        .sort((a, b) => (a.want.family === b.want.family ? 0 : a.want.family === 'ipv4' ? -1 : 1))
        .map(({ lines, want }) => ({
          lines: lines.slice(0, lines.findIndex((l) => l.includes('Life/Active Time')) + 1).filter((l) => !l.includes('PQC')),
          want: Object.fromEntries(Object.entries(want).filter(([k, v]) => BRIEF_FIELDS.has(k) && v !== undefined)) as Partial<IkeV2Sa>,
        }));
      const lines: string[] = [];
      for (const family of ['IPv4', 'IPv6']) {
        const mine = blocks.filter((b) => b.want.family === family.toLowerCase());
        // IOS prints both headings, an empty family's with nothing under it.
        lines.push(` ${family} Crypto IKEv2  SA `, '');
        if (mine.length > 0)
          lines.push(
            'Tunnel-id Local                 Remote                fvrf/ivrf            Status ',
            ...mine.flatMap((b) => b.lines),
            '',
          );
      }
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput('show crypto ikev2 sa', text);
      expect(warnings, text).toEqual([]);
      expect(records, text).toEqual(blocks.map((b) => b.want));
    }
  });
});
