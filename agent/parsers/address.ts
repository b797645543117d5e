import { isIpv4, isIpv6 } from '../core/address.js';

// The address shapes live in the core (which imports only proto/ and itself); the parsers share them.
export { isIpv4, isIpv6 };

/** `255.255.255.0` -> 24; `undefined` when not a contiguous mask. */
export function maskToLength(mask: string): number | undefined {
  if (!isIpv4(mask)) return undefined;
  let bits = 0;
  let seenZero = false;
  for (const octet of mask.split('.').map(Number)) {
    for (let b = 7; b >= 0; b--) {
      const one = (octet >> b) & 1;
      if (one && seenZero) return undefined;
      if (one) bits++;
      else seenZero = true;
    }
  }
  return bits;
}

/**
 * A mask as `ip netmask-format {bitcount | decimal | hexadecimal}` prints it after an
 * address (Cisco IOS IP Addressing Services Command Reference, ip netmask-format; also
 * `terminal ip netmask-format`): `/24`, ` 255.255.255.0` or ` 0xFFFFFF00`. The length, or
 * `undefined` when the text is none of those or not a contiguous mask.
 */
export function netmaskLength(mask: string): number | undefined {
  const m = mask.trim();
  if (/^\/\d{1,2}$/.test(m)) return Number(m.slice(1)) <= 32 ? Number(m.slice(1)) : undefined;
  if (/^0x[0-9A-Fa-f]{8}$/.test(m)) {
    const v = Number.parseInt(m.slice(2), 16);
    return maskToLength([24, 16, 8, 0].map((shift) => (v >>> shift) & 255).join('.'));
  }
  return maskToLength(m);
}

/** `A.B.C.D/LEN`, `A.B.C.D M.M.M.M` or `A.B.C.D 0xHHHHHHHH` (any netmask format) as `A.B.C.D/LEN`; `undefined` otherwise. */
export function cidrOf(text: string): string | undefined {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})(\/\d{1,2}|\s+\S+)$/.exec(text.trim());
  if (!m || !isIpv4(m[1]!)) return undefined;
  const len = netmaskLength(m[2]!);
  return len === undefined ? undefined : `${m[1]}/${len}`;
}

/** Classful length of an IPv4 network, used when `show ip route` omits the mask. */
export function classfulLength(address: string): number {
  const first = Number(address.split('.')[0]);
  if (first < 128) return 8;
  if (first < 192) return 16;
  return 24;
}
