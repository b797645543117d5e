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

/** Classful length of an IPv4 network, used when `show ip route` omits the mask. */
export function classfulLength(address: string): number {
  const first = Number(address.split('.')[0]);
  if (first < 128) return 8;
  if (first < 192) return 16;
  return 24;
}
