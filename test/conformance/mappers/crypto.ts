import type { IkeV2Sa } from '../../../proto/records/crypto.js';
import { Facts } from '../facts.js';
import type { Json, Mapper } from '../mapper.js';

const noneToUndefined = (v: unknown) => (v === 'none' ? undefined : v);

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
        f.set(`${k}.lifetimeSec`, sa.life_time).set(`${k}.activeTimeSec`, sa.active_time);
        f.set(`${k}.ceId`, sa.ce_id).set(`${k}.sessionId`, sa.session_id);
        f.set(`${k}.localSpi`, sa.local_spi).set(`${k}.remoteSpi`, sa.remote_spi);
      }
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

export const cryptoMappers: Record<string, Mapper> = {
  'show crypto ikev2 sa': ikev2Sa,
};
