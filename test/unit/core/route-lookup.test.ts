import { describe, expect, it } from 'vitest';
import { PrefixIndex } from '../../../agent/core/route-lookup.js';
import { contains, parseIpv4, parsePrefix } from '../../../agent/core/prefix.js';

const routes = ['0.0.0.0/0', '10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '10.1.2.3/32', '2001:db8::/32', '2001:db8:1::/48', '::/0'].map(
  (prefix) => ({ prefix }),
);
const index = new PrefixIndex(routes);

describe('longest-prefix match', () => {
  it.each([
    ['10.1.2.3', '10.1.2.3/32'],
    ['10.1.2.4', '10.1.2.0/24'],
    ['10.1.9.9', '10.1.0.0/16'],
    ['10.200.0.1', '10.0.0.0/8'],
    ['192.0.2.1', '0.0.0.0/0'],
    ['255.255.255.255', '0.0.0.0/0'],
    ['2001:db8:1::5', '2001:db8:1::/48'],
    ['2001:db8:2::5', '2001:db8::/32'],
    ['2001:dead::1', '::/0'],
    ['::ffff:10.1.2.3', '::/0'],
  ])('%s -> %s', (address, expected) => {
    expect(index.lookup(address)?.prefix).toBe(expected);
  });

  it('finds nothing without a default route, and rejects what is not an address', () => {
    const noDefault = new PrefixIndex([{ prefix: '10.0.0.0/8' }]);
    expect(noDefault.lookup('192.0.2.1')).toBeUndefined();
    expect(noDefault.lookup('not-an-address')).toBeUndefined();
    expect(new PrefixIndex([{ prefix: 'bogus' }, { prefix: '10.0.0.0/33' }]).rejected).toEqual(['bogus', '10.0.0.0/33']);
  });

  it('handles /32 keys above 2^31 (unsigned)', () => {
    const high = new PrefixIndex([{ prefix: '200.1.1.1/32' }, { prefix: '128.0.0.0/1' }]);
    expect(high.lookup('200.1.1.1')?.prefix).toBe('200.1.1.1/32');
    expect(high.lookup('200.1.1.2')?.prefix).toBe('128.0.0.0/1');
  });
});

describe('prefix containment', () => {
  it.each([
    ['10.0.0.0/8', '10.1.0.0/16', true],
    ['10.1.0.0/16', '10.0.0.0/8', false],
    ['10.0.0.0/8', '11.0.0.0/16', false],
    ['0.0.0.0/0', '192.0.2.0/24', true],
    ['2001:db8::/32', '2001:db8:ffff::/48', true],
    ['2001:db8::/32', '10.0.0.0/8', false],
  ])('%s contains %s: %s', (outer, inner, expected) => {
    expect(contains(parsePrefix(outer)!, parsePrefix(inner)!)).toBe(expected);
  });
});

describe('address and prefix parsing', () => {
  it.each([
    ['10.1.2.3', 0x0a010203],
    ['255.255.255.255', 0xffffffff],
    ['0.0.0.0', 0],
    ['010.001.002.003', 0x0a010203],
    ['256.1.1.1', undefined],
    ['1.2.3', undefined],
    ['1.2.3.4.5', undefined],
    ['1..2.3', undefined],
    ['1.2.3.', undefined],
    ['.1.2.3', undefined],
    ['1.2.3.1234', undefined],
    ['1.2.3.a', undefined],
    ['', undefined],
  ])('parseIpv4(%j) = %j', (text, expected) => {
    expect(parseIpv4(text)).toBe(expected);
  });

  it.each([
    ['10.0.0.0/8', { family: 'ipv4', bits: 0x0a000000, length: 8 }],
    ['192.0.2.1', { family: 'ipv4', bits: 0xc0000201, length: 32 }],
    ['2001:db8::/32', { family: 'ipv6', bits: 0x20010db8n << 96n, length: 32 }],
    ['10.0.0.0/33', undefined],
    ['10.0.0.0/', undefined],
    ['10.0.0.0/8x', undefined],
    ['10.0.0.0/0008', undefined],
    ['::/129', undefined],
    ['bogus/8', undefined],
  ])('parsePrefix(%j)', (text, expected) => {
    expect(parsePrefix(text)).toEqual(expected);
  });
});
