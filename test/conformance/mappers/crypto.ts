import type { IkeV2Sa } from '../../../proto/records/crypto.js';
import { maskToLength } from '../../../agent/parsers/address.js';
import { Facts } from '../facts.js';
import type { Json, Mapper } from '../mapper.js';
import { ipsecSaMapper } from './crypto-ipsec.js';
import { cryptoSessionMapper } from './crypto-session.js';

const noneToUndefined = (v: unknown) => (typeof v === 'string' && /^\(?none\)?$/i.test(v.trim()) ? undefined : v);
/** genie's words to our enumerations: `not  configured` -> `not-configured`, `detected inside` -> `detected-inside`. */
const words = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase().replace(/\s+/g, '-') : undefined);
/** `92.1.121.1/500` -> [address, port]. */
const endpoint = (v: unknown): [string?, string?] => {
  const m = typeof v === 'string' ? /^(.+)\/(\d+)$/.exec(v) : null;
  return m ? [m[1], m[2]] : [];
};
/** `10.0.0.0 255.0.0.0` -> `10.0.0.0/8` (genie keeps IOS's address-and-mask form). */
const subnetToCidr = (v: string) => {
  const [addr, mask] = v.trim().split(/\s+/);
  const len = mask === undefined ? undefined : maskToLength(mask);
  return len === undefined ? v : `${addr}/${len}`;
};

const ikev2Sa: Mapper = {
  genie(expected: Json) {
    const f = new Facts();
    let count = 0;
    for (const family of ['ipv4', 'ipv6'] as const) {
      for (const sa of Object.values<Json>(expected[family] ?? {})) {
        count++;
        const k = `sa[${family}/${sa.tunnel_id}]`;
        f.set(`${k}.localAddress`, sa.local_ip).set(`${k}.localPort`, sa.local_port);
        f.set(`${k}.remoteAddress`, sa.remote_ip).set(`${k}.remotePort`, sa.remote_port);
        f.set(`${k}.fvrf`, noneToUndefined(sa.fvrf)).set(`${k}.ivrf`, noneToUndefined(sa.ivrf));
        f.set(`${k}.status`, sa.status === 'READY' ? 'ready' : sa.status);
        f.set(`${k}.encryption`, sa.encryption).set(`${k}.keySizeBits`, sa.keysize);
        f.set(`${k}.prf`, sa.prf).set(`${k}.hash`, sa.hash).set(`${k}.dhGroup`, sa.dh_group);
        f.set(`${k}.authSign`, sa.auth_sign).set(`${k}.authVerify`, sa.auth_verify);
        f.set(`${k}.pqcKeyExchange`, sa.pqc);
        f.set(`${k}.lifetimeSec`, sa.life_time).set(`${k}.activeTimeSec`, sa.active_time);
        f.set(`${k}.ceId`, sa.ce_id).set(`${k}.sessionId`, sa.session_id);
        f.set(`${k}.localSpi`, sa.local_spi).set(`${k}.remoteSpi`, sa.remote_spi);
      }
    }
    // `show crypto ikev2 sa {local | remote} ADDR` (ShowCryptoIkev2SaLocal / Remote): keyed by tunnel id,
    // `local`/`remote` as `address/port`, the family left to the address.
    for (const [id, sa] of Object.entries<Json>(expected.tunnel_id ?? {})) {
      count++;
      const [la, lp] = endpoint(sa.local);
      const [ra, rp] = endpoint(sa.remote);
      const k = `sa[${la?.includes(':') ? 'ipv6' : 'ipv4'}/${id}]`;
      f.set(`${k}.localAddress`, la).set(`${k}.localPort`, lp).set(`${k}.remoteAddress`, ra).set(`${k}.remotePort`, rp);
      f.set(`${k}.fvrf`, noneToUndefined(sa.fvrf)).set(`${k}.ivrf`, noneToUndefined(sa.ivrf)).set(`${k}.status`, sa.status);
      f.set(`${k}.encryption`, sa.encryption).set(`${k}.keySizeBits`, sa.keysize).set(`${k}.prf`, sa.prf);
      f.set(`${k}.hash`, sa.hash).set(`${k}.dhGroup`, sa.dh_grp).set(`${k}.authSign`, sa.auth_sign).set(`${k}.authVerify`, sa.auth_verify);
      f.set(`${k}.lifetimeSec`, sa.life_time).set(`${k}.activeTimeSec`, sa.active_time);
      f.set(`${k}.ceId`, sa.ce_id).set(`${k}.sessionId`, sa.session_id);
      f.set(`${k}.localSpi`, sa.local_spi).set(`${k}.remoteSpi`, sa.remote_spi);
    }
    return f.set('sa.count', count);
  },
  ours(records: IkeV2Sa[]) {
    const f = new Facts();
    for (const sa of records) {
      const k = `sa[${sa.family}/${sa.tunnelId}]`;
      for (const [key, value] of Object.entries(sa)) f.set(`${k}.${key}`, value);
    }
    return f.set('sa.count', records.length);
  },
};

/** genie keys the detailed SAs by tunnel id only, with `local`/`remote` as `address/port`. */
const ikev2SaDetailed: Mapper = {
  genie(expected: Json) {
    const f = new Facts();
    const sas = Object.entries<Json>(expected.tunnel_id ?? {});
    for (const [id, sa] of sas) {
      const k = `sa[${id}]`;
      const [la, lp] = endpoint(sa.local);
      const [ra, rp] = endpoint(sa.remote);
      f.set(`${k}.localAddress`, la).set(`${k}.localPort`, lp).set(`${k}.remoteAddress`, ra).set(`${k}.remotePort`, rp);
      f.set(`${k}.fvrf`, noneToUndefined(sa.fvrf)).set(`${k}.ivrf`, noneToUndefined(sa.ivrf)).set(`${k}.status`, sa.status);
      f.set(`${k}.encryption`, sa.encryption).set(`${k}.keySizeBits`, sa.keysize).set(`${k}.prf`, sa.prf);
      f.set(`${k}.hash`, sa.hash).set(`${k}.dhGroup`, sa.dh_grp).set(`${k}.authSign`, sa.auth_sign).set(`${k}.authVerify`, sa.auth_verify);
      f.set(`${k}.lifetimeSec`, sa.life_time).set(`${k}.activeTimeSec`, sa.active_time);
      f.set(`${k}.ceId`, sa.ce_id)
        .set(`${k}.sessionId`, sa.session_id)
        .set(`${k}.localSpi`, sa.local_spi)
        .set(`${k}.remoteSpi`, sa.remote_spi);
      f.set(`${k}.statusDescription`, sa.status_description).set(`${k}.localId`, sa.local_id).set(`${k}.remoteId`, sa.remote_id);
      // genie spells the first one `local_reg_msg_id`.
      f.set(`${k}.localReqMsgId`, sa.local_reg_msg_id).set(`${k}.remoteReqMsgId`, sa.remote_req_msg_id);
      f.set(`${k}.localNextMsgId`, sa.local_next_msg_id).set(`${k}.remoteNextMsgId`, sa.remote_next_msg_id);
      f.set(`${k}.localReqQueued`, sa.local_req_queued).set(`${k}.remoteReqQueued`, sa.remote_req_queued);
      f.set(`${k}.localWindow`, sa.local_window).set(`${k}.remoteWindow`, sa.remote_window);
      f.set(`${k}.dpdIntervalSec`, sa.dpd_configured_time).set(`${k}.dpdRetries`, sa.retry);
      f.set(`${k}.fragmentation`, words(sa.fragmentation)).set(`${k}.extendedAuthentication`, words(sa.extended_authentication));
      f.set(`${k}.dynamicRouteUpdate`, sa.dynamic_route_update).set(`${k}.natT`, words(sa.nat_t));
      f.set(`${k}.ctsSgt`, sa.cisco_trust_security_sgt);
      const initiator = typeof sa.initiator_of_sa === 'string' ? sa.initiator_of_sa.toLowerCase() : undefined;
      f.set(`${k}.role`, initiator === 'yes' ? 'initiator' : initiator === 'no' ? 'responder' : undefined);
      f.set(`${k}.pushedAddress`, sa.pushed_ip);
      const subnets: string[] = Array.isArray(sa.remote_subnets) ? sa.remote_subnets : [];
      subnets.forEach((s, i) => f.set(`${k}.remoteSubnets[${i}]`, subnetToCidr(s)));
      f.set(`${k}.remoteSubnets.count`, subnets.length);
      // `QR` on the suite line, `Quantum Resistance Enabled`, `... using Manual PPK`.
      if (sa.qr !== undefined || sa.quantum_resistance !== undefined || sa.quantum_encry_type !== undefined)
        f.set(`${k}.quantumSafe`, true);
      f.set(`${k}.quantumSafePpk`, sa.quantum_encry_type ?? sa.quantum_resistance);
    }
    return f.set('sa.count', sas.length);
  },
  ours(records: IkeV2Sa[]) {
    const f = new Facts();
    for (const sa of records) {
      const k = `sa[${sa.tunnelId}]`;
      for (const [key, value] of Object.entries(sa)) if (!Array.isArray(value)) f.set(`${k}.${key}`, value);
      (sa.remoteSubnets ?? []).forEach((s, i) => f.set(`${k}.remoteSubnets[${i}]`, s));
      f.set(`${k}.remoteSubnets.count`, sa.remoteSubnets?.length ?? 0);
      if (sa.quantumSafePpk !== undefined) f.set(`${k}.quantumSafe`, true);
    }
    return f.set('sa.count', records.length);
  },
};

export const cryptoMappers: Record<string, Mapper> = {
  'show crypto ikev2 sa': ikev2Sa,
  'show crypto ikev2 sa detailed': ikev2SaDetailed,
  'show crypto session': cryptoSessionMapper,
  'show crypto session detail': cryptoSessionMapper,
  'show crypto ipsec sa': ipsecSaMapper,
  'show crypto ipsec sa detail': ipsecSaMapper,
};
