import type { IpsecSaIdent } from '../../../proto/records/crypto.js';
import { maskToLength } from '../../../agent/parsers/address.js';
import { canonicalInterface } from '../../../agent/parsers/interface-name.js';
import { Facts } from '../facts.js';
import type { Json, Mapper, NtcRow } from '../mapper.js';

const none = (v: unknown) => (typeof v === 'string' && /^\(?none\)?$/i.test(v.trim()) ? undefined : v);
const lower = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : undefined);
const yes = (v: unknown) => (v === 'Y' ? true : v === 'N' ? false : undefined);
/** `origin_is_acl,` / `Tunnel, ` -> `origin_is_acl` / `Tunnel` (our lists, joined the same way). */
const list = (v: unknown) =>
  typeof v === 'string'
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .join(', ')
    : undefined;
/** `0x397C36EE(964441838)` -> `0x397C36EE`. */
const hex = (v: unknown) => (typeof v === 'string' ? v.replace(/\(.*$/, '') : undefined);
const prefix = (addr: unknown, mask: unknown) =>
  typeof addr === 'string' && typeof mask === 'string' ? `${addr}/${/^\d+$/.test(mask) ? mask : maskToLength(mask)}` : undefined;

/** genie counter keys -> ours (genie has no `encaps/decaps failed` nor `invalid len`). */
const GENIE_COUNTERS: Record<string, string> = {
  pkts_encaps: 'pktsEncaps',
  pkts_encrypt: 'pktsEncrypt',
  pkts_digest: 'pktsDigest',
  pkts_decaps: 'pktsDecaps',
  pkts_decrypt: 'pktsDecrypt',
  pkts_verify: 'pktsVerify',
  pkts_compressed: 'pktsCompressed',
  pkts_decompressed: 'pktsDecompressed',
  pkts_not_compressed: 'pktsNotCompressed',
  pkts_compr_failed: 'pktsCompressFailed',
  pkts_not_decompressed: 'pktsNotDecompressed',
  pkts_decompress_failed: 'pktsDecompressFailed',
  send_errors: 'sendErrors',
  recv_errors: 'recvErrors',
  pkts_no_sa_send: 'pktsNoSaSend',
  pkts_invalid_sa_rcv: 'pktsInvalidSaRecv',
  pkts_invalid_prot_recv: 'pktsInvalidProtRecv',
  pkts_verify_failed: 'pktsVerifyFailed',
  pkts_invalid_identity_recv: 'pktsInvalidIdentityRecv',
  pkts_replay_rollover_send: 'pktsReplayRolloverSend',
  pkts_replay_rollover_rcv: 'pktsReplayRolloverRecv',
  pkts_replay_failed_rcv: 'pktsReplayFailedRecv',
  pkts_tagged_send: 'pktsTaggedSend',
  pkts_untagged_rcv: 'pktsUntaggedRecv',
  pkts_not_tagged_send: 'pktsNotTaggedSend',
  pkts_not_untagged_rcv: 'pktsNotUntaggedRecv',
  pkts_internal_err_send: 'pktsInternalErrSend',
  pkts_internal_err_recv: 'pktsInternalErrRecv',
};

/** ntc-templates counter keys -> ours (ntc drops the send/recv qualifiers). */
const NTC_COUNTERS: Record<string, string> = {
  pkts_encaps: 'pktsEncaps',
  pkts_encrypt: 'pktsEncrypt',
  pkts_digest: 'pktsDigest',
  pkts_decaps: 'pktsDecaps',
  pkts_decrypt: 'pktsDecrypt',
  pkts_verify: 'pktsVerify',
  pkts_compressed: 'pktsCompressed',
  pkts_decompressed: 'pktsDecompressed',
  pkts_not_compressed: 'pktsNotCompressed',
  pkts_compress_failed: 'pktsCompressFailed',
  pkts_not_decompressed: 'pktsNotDecompressed',
  pkts_decompress_failed: 'pktsDecompressFailed',
  pkts_no_sa: 'pktsNoSaSend',
  pkts_invalid_sa: 'pktsInvalidSaRecv',
  pkts_encaps_failed: 'pktsEncapsFailedSend',
  pkts_decaps_failed: 'pktsDecapsFailedRecv',
  pkts_invalid_prot: 'pktsInvalidProtRecv',
  pkts_verify_failed: 'pktsVerifyFailed',
  pkts_invalid_identity: 'pktsInvalidIdentityRecv',
  pkts_invalid_len: 'pktsInvalidLenRecv',
  pkts_replay_rollover_send: 'pktsReplayRolloverSend',
  pkts_replay_rollover_recv: 'pktsReplayRolloverRecv',
  pkts_replay_failed: 'pktsReplayFailedRecv',
  pkts_tagged: 'pktsTaggedSend',
  pkts_untagged: 'pktsUntaggedRecv',
  pkts_not_tagged: 'pktsNotTaggedSend',
  pkts_not_untagged: 'pktsNotUntaggedRecv',
  pkts_internal_err_send: 'pktsInternalErrSend',
  pkts_internal_err_recv: 'pktsInternalErrRecv',
};

/** Fields of one ident shared by genie's and ntc's layouts, named ours. */
function identFacts(f: Facts, k: string, v: Record<string, unknown>): void {
  f.set(`${k}.protectedVrf`, none(v.protectedVrf)).set(`${k}.peerAddress`, v.peer).set(`${k}.peerPort`, v.port);
  f.set(`${k}.action`, lower(v.action)).set(`${k}.flags`, list(v.flags));
  f.set(`${k}.localEndpoint`, v.localEndpoint).set(`${k}.remoteEndpoint`, v.remoteEndpoint);
  f.set(`${k}.plaintextMtu`, v.plaintextMtu).set(`${k}.pathMtu`, v.pathMtu).set(`${k}.ipMtu`, v.ipMtu);
  f.set(`${k}.ipMtuInterface`, v.ipMtuIdb).set(`${k}.currentOutboundSpi`, hex(v.spi));
  f.set(`${k}.pfs`, yes(v.pfs)).set(`${k}.dhGroup`, none(v.dhGroup));
}

/** genie: interface -> ident (1-based index) -> `<dir>_<proto>_sas.spi[<hex>(<dec>)]`. */
function genie(expected: Json): Facts {
  const f = new Facts();
  let count = 0;
  for (const [iface, intf] of Object.entries<Json>(expected.interface ?? {})) {
    const idents = Object.entries<Json>(intf.ident ?? {}).sort(([a], [b]) => Number(a) - Number(b));
    for (const [n, id] of idents) {
      count++;
      const k = `ipsec[${canonicalInterface(iface)}#${n}]`;
      f.set(`${k}.cryptoMapTag`, intf.crypto_map_tag).set(`${k}.localAddress`, intf.local_addr);
      for (const side of ['local', 'remote'] as const) {
        const ident = id[`${side}_ident`];
        if (!ident) continue;
        f.set(`${k}.${side}Ident.prefix`, prefix(ident.addr, ident.mask));
        f.set(`${k}.${side}Ident.protocol`, ident.prot).set(`${k}.${side}Ident.port`, ident.port);
      }
      identFacts(f, k, {
        protectedVrf: id.protected_vrf,
        peer: id.peer_ip,
        port: id.port,
        action: id.action,
        flags: id.acl,
        localEndpoint: id.local_crypto_endpt,
        remoteEndpoint: id.remote_crypto_endpt,
        plaintextMtu: id.plaintext_mtu,
        pathMtu: id.path_mtu,
        ipMtu: id.ip_mtu,
        ipMtuIdb: id.ip_mtu_idb,
        spi: id.current_outbound_spi,
        pfs: id.pfs,
        // genie takes the last name on the PFS line, the post-quantum AKE group (`AKE1: MLKEM512`)
        // where IOS-XE prints one: only a DH group is compared as one.
        dhGroup: /^(?:group\s*\d+|none|\d+)$/i.test(String(id.dh_group ?? 'none').trim()) ? id.dh_group : undefined,
      });
      for (const [from, to] of Object.entries(GENIE_COUNTERS)) f.set(`${k}.counters.${to}`, id[from]);
      let sas = 0;
      for (const direction of ['inbound', 'outbound']) {
        for (const protocol of ['esp', 'ah', 'pcp']) {
          for (const [spi, sa] of Object.entries<Json>(id[`${direction}_${protocol}_sas`]?.spi ?? {})) {
            sas++;
            const s = `${k}.sa[${direction}/${protocol}/${hex(spi)}]`;
            const life = /^\((\d+)\/(\d+)\)$/.exec(sa.remaining_key_lifetime ?? '');
            // genie's interface and peer parsers keep the transform's first word only (`esp-gcm` of
            // `esp-gcm 256`): a one-word transform is compared as the lead word.
            f.set(`${s}.${/\s/.test(String(sa.transform ?? '').trim()) ? 'transform' : 'transformLead'}`, sa.transform);
            f.set(`${s}.settings`, list(sa.in_use_settings)).set(`${s}.connId`, sa.conn_id);
            f.set(`${s}.flowId`, sa.flow_id !== undefined && sa.flow_id_val !== undefined ? `${sa.flow_id}:${sa.flow_id_val}` : undefined);
            f.set(`${s}.siblingFlags`, sa.sibling_flags).set(`${s}.cryptoMap`, sa.crypto_map);
            f.set(`${s}.remainingLifetimeKb`, life?.[1]).set(`${s}.remainingLifetimeSec`, life?.[2]);
            f.set(`${s}.ivSizeBytes`, /^(\d+)/.exec(sa.iv_size ?? '')?.[1]).set(`${s}.replayDetection`, yes(sa.replay_detection_support));
            f.set(`${s}.statusRaw`, sa.status);
          }
        }
      }
      f.set(`${k}.sa.count`, sas);
    }
  }
  return f.set('ident.count', count + genieIpv6(f, expected.interfaces ?? {}));
}

/** An ident as IOS prints it, `addr/len/prot/port`, lower case: the key both sides share for IPv6 SAs. */
const identText = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '');

/**
 * `show crypto ipsec sa ipv6 detailed` (ShowCryptoIpsecSaIpv6Detailed): interface -> `identities`
 * by local ident -> `remote_ident` by remote ident, one esp SA per direction.
 */
function genieIpv6(f: Facts, interfaces: Json): number {
  let count = 0;
  for (const [iface, intf] of Object.entries<Json>(interfaces)) {
    for (const [local, byLocal] of Object.entries<Json>(intf.identities ?? {})) {
      for (const [remote, id] of Object.entries<Json>(byLocal.remote_ident ?? {})) {
        count++;
        const k = `ipsec6[${canonicalInterface(iface)}|${identText(local)}|${identText(remote)}]`;
        f.set(`${k}.cryptoMapTag`, intf.crypto_map_tag).set(`${k}.localAddress`, intf.local_addr);
        identFacts(f, k, {
          protectedVrf: intf.protected_vrf,
          peer: id.current_peer,
          port: id.port,
          flags: list(id.permit_flags),
          localEndpoint: id.local_crypto_endpt,
          remoteEndpoint: id.remote_crypto_endpt,
          plaintextMtu: id.plaintext_mtu,
          pathMtu: id.path_mtu,
          ipMtu: id.ipv6_mtu,
          ipMtuIdb: id.ipv6_mtu_idb,
          spi: id.current_outbound_spi,
          pfs: id.pfs,
          dhGroup: id.dh_group,
        });
        for (const [from, to] of Object.entries(GENIE_COUNTERS)) f.set(`${k}.counters.${to}`, id[from]);
        for (const direction of ['inbound', 'outbound']) {
          const sa = id[`${direction}_esp_sas`];
          if (!sa) continue;
          const s = `${k}.sa[${direction}/esp/${hex(sa.spi)}]`;
          f.set(`${s}.transform`, String(sa.transform ?? '').trim())
            .set(`${s}.connId`, sa.conn_id)
            .set(`${s}.flowId`, sa.flow_id);
          f.set(`${s}.siblingFlags`, sa.sibling_flags).set(`${s}.cryptoMap`, sa.crypto_map).set(`${s}.ivSizeBytes`, sa.iv_size);
          f.set(`${s}.replayDetection`, yes(sa.replay_detection_support)).set(`${s}.statusRaw`, sa.status);
        }
      }
    }
  }
  return count;
}

const ntcIdentKey = (iface: string, local?: string, remote?: string, peer?: unknown) =>
  `ipsec[${canonicalInterface(iface)}|${local ?? ''}|${remote ?? ''}|${String(peer ?? '')}]`;

/** ntc-templates: one row per SA, the ident's fields repeated on each. */
function ntc(rows: NtcRow[]): Facts {
  const f = new Facts();
  const idents = new Set<string>();
  let sas = 0;
  for (const r of rows) {
    const local = prefix(r.local_ident_addr, r.local_ident_mask);
    const remote = prefix(r.remote_ident_addr, r.remote_ident_mask);
    const k = ntcIdentKey(String(r.interface), local, remote, r.current_peer);
    idents.add(k);
    f.set(`${k}.cryptoMapTag`, r.crypto_map_tag).set(`${k}.localAddress`, r.local_addr);
    f.set(`${k}.localIdent.protocol`, r.local_ident_prot).set(`${k}.localIdent.port`, r.local_ident_port);
    f.set(`${k}.remoteIdent.protocol`, r.remote_ident_prot).set(`${k}.remoteIdent.port`, r.remote_ident_port);
    identFacts(f, k, {
      protectedVrf: r.protected_vrf,
      peer: r.current_peer,
      port: r.port,
      action: r.action,
      flags: r.flags,
      localEndpoint: r.local_crypto_endpt,
      remoteEndpoint: r.remote_crypto_endpt,
      plaintextMtu: r.plaintext_mtu,
      pathMtu: r.path_mtu,
      ipMtu: r.ip_mtu,
      ipMtuIdb: r.ip_mtu_idb,
      spi: r.current_outbound_spi_hex,
      pfs: r.pfs,
      dhGroup: r.dh_group,
    });
    for (const [from, to] of Object.entries(NTC_COUNTERS)) f.set(`${k}.counters.${to}`, r[from]);
    if (!r.sa_spi_hex) continue;
    sas++;
    const s = `${k}.sa[${r.sa_orientation}/${r.sa_type}/${r.sa_spi_hex}]`;
    f.set(`${s}.transform`, r.sa_transform).set(`${s}.settings`, list(r.sa_in_use_settings)).set(`${s}.connId`, r.sa_conn_id);
    f.set(`${s}.flowId`, r.sa_flow_id).set(`${s}.siblingFlags`, r.sa_sibling_flags).set(`${s}.cryptoMap`, r.sa_crypto_map);
    f.set(`${s}.remainingLifetimeKb`, r.sa_lifetime_kbytes).set(`${s}.remainingLifetimeSec`, r.sa_lifetime_sec);
    f.set(`${s}.ivSizeBytes`, r.sa_iv_size).set(`${s}.replayDetection`, yes(r.sa_replay_detection_support));
    f.set(`${s}.replayWindowSize`, r.sa_replay_window_size).set(`${s}.statusRaw`, r.sa_status);
  }
  return f.set('identWithSas.count', idents.size).set('sa.count', sas);
}

/** Ours under both keyings: by position in the interface (genie) and by selector and peer (ntc). */
function ours(records: IpsecSaIdent[]): Facts {
  const f = new Facts();
  const position = new Map<string, number>();
  let sas = 0;
  for (const r of records) {
    const n = (position.get(r.interface) ?? 0) + 1;
    position.set(r.interface, n);
    const ident = (v: IpsecSaIdent['localIdent']) => (v ? identText(`${v.prefix}/${v.protocol}/${v.port}`) : '');
    const keys = [
      `ipsec[${r.interface}#${n}]`,
      ntcIdentKey(r.interface, r.localIdent?.prefix, r.remoteIdent?.prefix, r.peerAddress),
      `ipsec6[${r.interface}|${ident(r.localIdent)}|${ident(r.remoteIdent)}]`,
    ];
    for (const k of keys) {
      for (const [key, value] of Object.entries(r))
        if (typeof value !== 'object' || Array.isArray(value)) f.set(`${k}.${key}`, Array.isArray(value) ? value.join(', ') : value);
      for (const side of ['localIdent', 'remoteIdent'] as const) {
        for (const [key, value] of Object.entries(r[side] ?? {})) f.set(`${k}.${side}.${key}`, value);
      }
      for (const [key, value] of Object.entries(r.counters)) f.set(`${k}.counters.${key}`, value);
      for (const sa of r.sas) {
        const s = `${k}.sa[${sa.direction}/${sa.protocol}/${sa.spi}]`;
        for (const [key, value] of Object.entries(sa)) f.set(`${s}.${key}`, Array.isArray(value) ? value.join(', ') : value);
        f.set(`${s}.transformLead`, sa.transform?.split(/\s+/)[0]);
      }
      f.set(`${k}.sa.count`, r.sas.length);
    }
    sas += r.sas.length;
  }
  const withSas = records.filter((r) => r.sas.length > 0).length;
  return f.set('ident.count', records.length).set('identWithSas.count', withSas).set('sa.count', sas);
}

export const ipsecSaMapper: Mapper = { genie, ntc, ours };
