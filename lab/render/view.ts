/** Read-only views of the model the renderers share. */
import type { RouterModel } from '../router/model.js';
import type { IkeSaRuntime } from '../router/runtime.js';
import { lengthToMask } from '../router/dynamics/routes.js';

export const IKE_PROPOSAL = 'Encr: AES-CBC, keysize: 256, PRF: SHA512, Hash: SHA512, DH Grp:19, Auth sign: PSK, Auth verify: PSK';

export function nowSec(m: RouterModel): number {
  return m.opts.clock.now() / 1000;
}

export function elapsedSec(m: RouterModel, since: number): number {
  return Math.max(0, Math.floor((m.opts.clock.now() - since) / 1000));
}

/** SAs in the order IOS lists them (by tunnel id). */
export function sortedSas(m: RouterModel): IkeSaRuntime[] {
  return [...m.rt.sas].sort((a, b) => a.tunnelId - b.tunnelId);
}

export function cidrToAddressMask(prefix: string): string {
  const [addr, len] = prefix.split('/');
  return `${addr} ${lengthToMask(Number(len))}`;
}

/** `0xABCD1234(2882343476)`. */
export function spiWithDecimal(spi: string): string {
  return `${spi}(${Number.parseInt(spi.slice(2), 16)})`;
}
