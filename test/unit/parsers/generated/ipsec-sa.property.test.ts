import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../../agent/parsers/registry.js';
import type { IpsecSa, IpsecSaIdent } from '../../../../proto/records/crypto.js';
import { Gen, fieldsOf } from './grammar-gen.js';

/**
 * Issue 18 item 3 for `show crypto ipsec sa [detail]`: random interfaces with one
 * or more idents from the documented line kinds (crypto map line, protected
 * vrf, idents of any prefix/protocol/port, peer and flags, every counter line of
 * the detail form or the five of the plain form and its error counts, endpoints, MTUs, outbound SPI, PFS with or without a group,
 * inbound/outbound esp SAs with transform, settings, conn/flow ids, lifetime,
 * IV, replay window and status, and the empty ah/pcp sections), read back exactly.
 * Also as a Catalyst 9000 on IOS-XE 17 prints them (genieparser ShowCryptoIpsecSaInterface,
 * ShowCryptoIpsecSaPeer): the time left in words (`4 hours, 2 mins`) or no lifetime at all
 * (`ekey has been disabled`), an `IPsecv6 policy name:` line, the endpoints broken after the
 * comma and `ipv6 mtu` for IPv6 SAs, and SAs whose keys the hardware holds (`spi: [Not Available]`,
 * `remaining key lifetime is not applicable`).
 */
/** The output reads with no warning into one ident per `want`, each with the fields `want` names. */
function expectReadBack(command: string, text: string, want: ReadonlyArray<Partial<IpsecSaIdent>>): void {
  const { records, warnings } = parseCommandOutput(command, text);
  expect(warnings, text).toEqual([]);
  expect(records.length, text).toBe(want.length);
  (records as IpsecSaIdent[]).forEach((r, i) => expect(fieldsOf(r, want[i]!), text).toEqual(want[i]));
}

const COUNTER_LINES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['#pkts encaps: %, #pkts encrypt: %, #pkts digest: %', ['pktsEncaps', 'pktsEncrypt', 'pktsDigest']],
  ['#pkts decaps: %, #pkts decrypt: %, #pkts verify: %', ['pktsDecaps', 'pktsDecrypt', 'pktsVerify']],
  ['#pkts compressed: %, #pkts decompressed: %', ['pktsCompressed', 'pktsDecompressed']],
  ['#pkts not compressed: %, #pkts compr. failed: %', ['pktsNotCompressed', 'pktsCompressFailed']],
  ['#pkts not decompressed: %, #pkts decompress failed: %', ['pktsNotDecompressed', 'pktsDecompressFailed']],
  ['#pkts no sa (send) %, #pkts invalid sa (rcv) %', ['pktsNoSaSend', 'pktsInvalidSaRecv']],
  ['#pkts encaps failed (send) %, #pkts decaps failed (rcv) %', ['pktsEncapsFailedSend', 'pktsDecapsFailedRecv']],
  ['#pkts invalid prot (recv) %, #pkts verify failed: %', ['pktsInvalidProtRecv', 'pktsVerifyFailed']],
  ['#pkts invalid identity (recv) %, #pkts invalid len (rcv) %', ['pktsInvalidIdentityRecv', 'pktsInvalidLenRecv']],
  ['#pkts replay rollover (send): %, #pkts replay rollover (rcv) %', ['pktsReplayRolloverSend', 'pktsReplayRolloverRecv']],
  ['##pkts replay failed (rcv): %', ['pktsReplayFailedRecv']],
  ['#pkts tagged (send): %, #pkts untagged (rcv): %', ['pktsTaggedSend', 'pktsUntaggedRecv']],
  ['#pkts not tagged (send): %, #pkts not untagged (rcv): %', ['pktsNotTaggedSend', 'pktsNotUntaggedRecv']],
  ['#pkts internal err (send): %, #pkts internal err (recv) %', ['pktsInternalErrSend', 'pktsInternalErrRecv']],
];
// The plain form prints the first five counter lines of the detail form, then the error counts.
const PLAIN_COUNTER_LINES = [...COUNTER_LINES.slice(0, 5), ['#send errors %, #recv errors %', ['sendErrors', 'recvErrors']] as const];
const TRANSFORMS = ['esp-gcm', 'esp-256-aes esp-sha256-hmac', 'esp-aes esp-sha-hmac', 'esp-256-aes esp-sha512-hmac'];
const MASKS: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 0],
  ['255.0.0.0', 8],
  ['255.255.0.0', 16],
  ['255.255.255.0', 24],
  ['255.255.255.255', 32],
];

function sa(g: Gen, direction: 'inbound' | 'outbound', cryptoMap: string): { lines: string[]; want: IpsecSa } {
  const n = g.int(2 ** 32);
  // Keys the hardware holds: the SPI hidden, no lifetime (genieparser ShowCryptoIpsecSaIpv6Detailed).
  const hidden = g.chance(0.1);
  const spi = hidden ? '[Not Available]' : `0x${n.toString(16).toUpperCase().padStart(8, '0')}`;
  const transform = g.pick(TRANSFORMS);
  const settings = g.pick([['Tunnel'], ['Tunnel', 'esn'], ['Transport']]);
  const connId = g.int(5000);
  const flow = `${g.pick(['CSR', 'Onboard VPN', 'SW'])}:${g.int(5000)}`;
  const [kb, sec] = [g.int(4_608_000), g.int(3600)];
  const iv = g.pick([8, 16]);
  const window = g.chance(0.5) ? g.pick([64, 512, 1024]) : undefined;
  // Volume rekey disabled: IOS-XE prints the seconds alone and says so on the next line.
  const volume = g.chance(0.6);
  // Without volume rekey, IOS-XE 17 may print the seconds left in words, or no lifetime at all.
  const lifetime = hidden ? 'na' : volume ? 'k/sec' : g.pick(['sec', 'sec', 'words', 'none'] as const);
  const [hours, mins] = [Math.floor(sec / 3600), Math.floor((sec % 3600) / 60)];
  const worded = [hours ? `${hours} hour${hours === 1 ? '' : 's'}` : '', `${mins} min${mins === 1 ? '' : 's'}`].filter(Boolean).join(', ');
  const want: IpsecSa = {
    direction,
    protocol: 'esp',
    spi,
    transform,
    settings,
    connId,
    flowId: flow,
    siblingFlags: 'FFFFFFFF80004048',
    cryptoMap,
    ...(lifetime === 'k/sec' ? { remainingLifetimeKb: kb } : {}),
    ...(lifetime === 'none' || lifetime === 'na' ? {} : { remainingLifetimeSec: lifetime === 'words' ? hours * 3600 + mins * 60 : sec }),
    ivSizeBytes: iv,
    replayDetection: true,
    status: 'active',
    statusRaw: 'ACTIVE(ACTIVE)',
  };
  if (window !== undefined) want.replayWindowSize = window;
  const ecn = g.pick([undefined, 'off', 'on'] as const);
  if (ecn !== undefined) Object.assign(want, { ecnSupport: true, ecnStatus: ecn });
  const lines = [
    hidden ? `      spi: ${spi}` : `      spi: ${spi}(${n})`,
    `        transform: ${transform} ,`,
    `        in use settings ={${settings.join(', ')}, }`,
    `        conn id: ${connId}, flow_id: ${flow}, sibling_flags FFFFFFFF80004048, crypto map: ${cryptoMap}`,
    ...{
      'k/sec': [`         sa timing: remaining key lifetime (k/sec): (${kb}/${sec})`],
      sec: [`        sa timing: remaining key lifetime (sec): ${sec}`, '        Kilobyte Volume Rekey has been disabled'],
      words: [`        sa timing: remaining key lifetime ${worded}`, '        Kilobyte Volume Rekey has been disabled'],
      none: ['        ekey has been disabled'],
      na: ['        sa timing: remaining key lifetime is not applicable', '        Kilobyte Volume Rekey has been disabled'],
    }[lifetime],
    `        IV size: ${iv} bytes`,
    `        replay detection support: Y${window !== undefined ? `  replay window size: ${window}` : ''}`,
    ...(ecn !== undefined ? [`        ecn bit support: Y status: ${ecn}`] : []),
    '        Status: ACTIVE(ACTIVE)',
  ];
  return { lines, want };
}

describe.each([
  ['show crypto ipsec sa detail', COUNTER_LINES, 18_405],
  ['show crypto ipsec sa', PLAIN_COUNTER_LINES, 18_415],
] as const)('%s property: generated outputs read back', (command, counterLines, seed) => {
  it('holds for 300 generated outputs', () => {
    const g = new Gen(seed);
    for (let n = 0; n < 300; n++) {
      const lines: string[] = [];
      const want: Array<Partial<IpsecSaIdent> & { sas: IpsecSa[] }> = [];
      // IOS-XE answers a box without SAs with this line alone.
      const empty = g.chance(0.05);
      if (empty) lines.push('No SAs found');
      for (let i = empty ? 0 : g.between(1, 3); i > 0; i--) {
        const intf = g.pick([`Tunnel${g.int(3000)}`, g.interfaceName()]);
        const tag = `${intf}-head-${g.int(3)}`;
        const v6 = g.chance(0.25);
        const local = v6 ? `FE80::${g.int(0x10000).toString(16).toUpperCase()}:${g.int(0x10000).toString(16).toUpperCase()}` : g.ipv4();
        lines.push(`interface: ${intf}`, `    Crypto map tag: ${tag}, local addr ${local}`, '');
        if (v6) lines.push(`   IPsecv6 policy name: OSPFv3-${g.int(5000)}`, '');
        for (let k = g.between(1, 2); k > 0; k--) {
          const vrf = g.pick(['(none)', 'INET', 'red']);
          const [mask, len] = g.pick(MASKS);
          const ident = (): { text: string; prefix: string; protocol: number; port: number } => {
            const a = len === 0 ? '0.0.0.0' : len === 32 ? g.ipv4() : `10.${g.int(256)}.${len >= 24 ? g.int(256) : 0}.0`;
            const [protocol, port] = g.pick([
              [0, 0],
              [47, 0],
              [17, 500],
              [6, 443],
            ] as const);
            return { text: `(${a}/${mask}/${protocol}/${port})`, prefix: `${a}/${len}`, protocol, port };
          };
          const [li, ri] = [ident(), ident()];
          const peer = v6 ? g.pick(['FF02::5', `FE80::${g.int(0x10000).toString(16).toUpperCase()}`]) : g.ipv4();
          const peerPort = g.pick([500, 4500]);
          const counters: Record<string, number> = {};
          lines.push(
            `   protected vrf: ${vrf}`,
            `   local  ident (addr/mask/prot/port): ${li.text}`,
            `   remote ident (addr/mask/prot/port): ${ri.text}`,
            `   current_peer ${peer} port ${peerPort}`,
            '     PERMIT, flags={origin_is_acl,}',
          );
          for (const [template, keys] of counterLines) {
            let line = template;
            for (const key of keys) {
              const v = g.int(10_000_000);
              counters[key] = v;
              line = line.replace('%', String(v));
            }
            lines.push(`    ${line}`);
          }
          const [plaintext, path] = [g.between(1300, 1500), g.pick([1500, 1492, 9000])];
          const mtuIntf = g.interfaceName();
          const pfs = g.chance(0.4);
          const group = pfs ? g.pick(['group14', 'group19', 'group20', 'group21']) : undefined;
          const sas = [sa(g, 'inbound', tag), sa(g, 'outbound', tag)];
          const outSpi = sas[1]!.want.spi.startsWith('0x')
            ? sas[1]!.want.spi
            : `0x${g
                .int(2 ** 16)
                .toString(16)
                .toUpperCase()}`;
          lines.push(
            '',
            ...(v6
              ? [`     local crypto endpt.: ${local},`, `     remote crypto endpt.: ${peer}`]
              : [`     local crypto endpt.: ${local}, remote crypto endpt.: ${peer}`]),
            `     plaintext mtu ${plaintext}, path mtu ${path}, ${v6 ? 'ipv6' : 'ip'} mtu ${path}, ${v6 ? 'ipv6' : 'ip'} mtu idb ${mtuIntf}`,
            `     current outbound spi: ${outSpi}(${parseInt(outSpi, 16)})`,
            `     PFS (Y/N): ${pfs ? 'Y' : 'N'}, DH group: ${group ?? 'none'}`,
            '',
            '     inbound esp sas:',
            ...sas[0]!.lines,
            '',
            '     inbound ah sas:',
            '',
            '     inbound pcp sas:',
            '',
            '     outbound esp sas:',
            ...sas[1]!.lines,
            '',
            '     outbound ah sas:',
            '',
            '     outbound pcp sas:',
            '',
          );
          want.push({
            interface: intf,
            cryptoMapTag: tag,
            localAddress: local,
            protectedVrf: vrf === '(none)' ? undefined : vrf,
            localIdent: { prefix: li.prefix, protocol: li.protocol, port: li.port },
            remoteIdent: { prefix: ri.prefix, protocol: ri.protocol, port: ri.port },
            peerAddress: peer,
            peerPort,
            action: 'permit',
            flags: ['origin_is_acl'],
            counters,
            localEndpoint: local,
            remoteEndpoint: peer,
            plaintextMtu: plaintext,
            pathMtu: path,
            ipMtu: path,
            ipMtuInterface: mtuIntf,
            currentOutboundSpi: outSpi,
            pfs,
            dhGroup: group,
            sas: sas.map((s) => s.want),
          });
        }
      }
      const text = lines.join('\n');
      expectReadBack(command, text, want);
    }
  });
});

/**
 * The 12.x layout (12.2 to 12.4T): `local addr.`, idents with no `protected vrf:` line,
 * `current_peer: ADDR` or `ADDR:PORT`, digest and verify counts without a colon, the MTU
 * line as `path mtu N, media mtu N` or `path mtu N, ip mtu N, ip mtu idb IF`, the outbound
 * SPI printed bare, each SA's `slot: N, conn id: N[, flow_id: N], crypto map: NAME` and no
 * `Status:` line.
 */
describe('show crypto ipsec sa property: 12.x layout read back', () => {
  it('holds for 200 generated outputs', () => {
    const g = new Gen(18_416);
    for (let n = 0; n < 200; n++) {
      const lines: string[] = [];
      const want: Array<Partial<IpsecSaIdent>> = [];
      for (let i = g.between(1, 3); i > 0; i--) {
        const intf = g.interfaceName();
        const tag = g.pick(['branch-map', 'VPN', 'toHQ_1']);
        const local = g.ipv4();
        lines.push(`interface: ${intf}`, `    Crypto map tag: ${tag}, local addr. ${local}`, '');
        for (let k = g.between(1, 2); k > 0; k--) {
          const li = `10.${g.int(256)}.${g.int(256)}.0`;
          const ri = `10.${g.int(256)}.${g.int(256)}.0`;
          const peer = g.ipv4();
          const peerPort = g.pick([undefined, 500, 4500]);
          const [encaps, decaps, sendErrors] = [g.int(1e6), g.int(1e6), g.int(10)];
          const media = g.chance(0.5);
          const [path, mtuIntf] = [g.pick([1500, 1492, 4470]), g.interfaceName()];
          const spis = [g.int(2 ** 32), g.int(2 ** 32)].map((v) => v.toString(16).toUpperCase().padStart(8, '0'));
          const sas = (['inbound', 'outbound'] as const).map((direction, j) => {
            const [slot, connId] = [g.int(3), 2000 + g.int(100)];
            const flow = g.chance(0.5) ? String(g.int(50)) : undefined;
            const conn = `slot: ${slot}, conn id: ${connId}${flow ? `, flow_id: ${flow}` : ''}, crypto map: ${tag}`;
            const [kb, sec] = [g.int(4_608_000), g.int(3600)];
            const lines = [
              `     ${direction} esp sas:`,
              `      spi: 0x${spis[j]}(${parseInt(spis[j]!, 16)})`,
              '        transform: esp-3des esp-md5-hmac ,',
              '        in use settings ={Tunnel, }',
              `        ${conn}`,
              `        sa timing: remaining key lifetime (k/sec): (${kb}/${sec})`,
              '        IV size: 8 bytes',
              '        replay detection support: Y',
              '',
              `     ${direction} ah sas:`,
              '',
            ];
            const sa: IpsecSa = {
              direction,
              protocol: 'esp',
              spi: `0x${spis[j]}`,
              transform: 'esp-3des esp-md5-hmac',
              settings: ['Tunnel'],
              slot,
              connId,
              ...(flow ? { flowId: flow } : {}),
              cryptoMap: tag,
              remainingLifetimeKb: kb,
              remainingLifetimeSec: sec,
              ivSizeBytes: 8,
              replayDetection: true,
            };
            return { lines, sa };
          });
          lines.push(
            `   local  ident (addr/mask/prot/port): (${li}/255.255.255.0/0/0)`,
            `   remote ident (addr/mask/prot/port): (${ri}/255.255.255.0/0/0)`,
            `   current_peer: ${peer}${peerPort === undefined ? '' : `:${peerPort}`}`,
            '     PERMIT, flags={origin_is_acl,}',
            `    #pkts encaps: ${encaps}, #pkts encrypt: ${encaps}, #pkts digest ${encaps}`,
            `    #pkts decaps: ${decaps}, #pkts decrypt: ${decaps}, #pkts verify ${decaps}`,
            `    #send errors ${sendErrors}, #recv errors 0`,
            '',
            `     local crypto endpt.: ${local}, remote crypto endpt.: ${peer}`,
            media ? `     path mtu ${path}, media mtu ${path}` : `     path mtu ${path}, ip mtu ${path}, ip mtu idb ${mtuIntf}`,
            `     current outbound spi: ${spis[1]}`,
            '',
            ...sas.flatMap((s) => s.lines),
          );
          want.push({
            interface: intf,
            cryptoMapTag: tag,
            localAddress: local,
            localIdent: { prefix: `${li}/24`, protocol: 0, port: 0 },
            remoteIdent: { prefix: `${ri}/24`, protocol: 0, port: 0 },
            peerAddress: peer,
            peerPort,
            counters: {
              pktsEncaps: encaps,
              pktsEncrypt: encaps,
              pktsDigest: encaps,
              pktsDecaps: decaps,
              pktsDecrypt: decaps,
              pktsVerify: decaps,
              sendErrors,
              recvErrors: 0,
            },
            pathMtu: path,
            ...(media ? { mediaMtu: path } : { ipMtu: path, ipMtuInterface: mtuIntf }),
            currentOutboundSpi: `0x${spis[1]}`,
            sas: sas.map((s) => s.sa),
          });
        }
      }
      const text = lines.join('\n');
      expectReadBack('show crypto ipsec sa', text, want);
    }
  });
});
