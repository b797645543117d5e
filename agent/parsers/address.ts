const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const IPV6 = /^[0-9a-fA-F:]*:[0-9a-fA-F:.]*$/;

export function isIpv4(text: string): boolean {
  return IPV4.test(text);
}

export function isIpv6(text: string): boolean {
  return IPV6.test(text) && text.includes(':');
}

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
