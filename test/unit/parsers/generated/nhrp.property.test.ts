import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../../agent/parsers/registry.js';
import type { NhrpEntry } from '../../../../proto/records/routing.js';
import { Gen, fieldsOf } from './grammar-gen.js';

/**
 * Issue 18 item 3 for `show ip nhrp`: random entries from the documented line
 * kinds (target via next hop on a line of its own, or on one line with the interface, with
 * or without the comma, or 12.x's address and mask with `tunnel N` and no commas;
 * interface with created/expire times or `never
 * expire`, type with any set of flags, NBMA address with or without a claimed
 * address, the NHRP group an IOS-XE spoke registered with), read back exactly.
 */
const FLAGS = ['router', 'nhop', 'rib', 'unique', 'registered', 'used', 'implicit', 'local', 'nat'];

describe('show ip nhrp property: generated entries read back', () => {
  it('holds for 300 generated outputs of 1-10 entries', () => {
    const g = new Gen(18_416);
    for (let n = 0; n < 300; n++) {
      const lines: string[] = [];
      const want: Array<Partial<NhrpEntry>> = [];
      for (let e = g.between(1, 10); e > 0; e--) {
        const len = g.pick([32, 24, 16]);
        const target = `10.${g.int(256)}.${len === 16 ? 0 : g.int(256)}.${len === 32 ? g.between(1, 254) : 0}/${len}`;
        const via = `172.16.${g.int(256)}.${g.between(1, 254)}`;
        const intf = `Tunnel${g.int(1000)}`;
        const created = g.age();
        const never = g.chance(0.3);
        const expire = never ? undefined : { h: g.int(3), m: g.int(60), s: g.int(60) };
        const type = g.pick(['dynamic', 'static'] as const);
        const flags = FLAGS.filter(() => g.chance(0.25));
        const nbma = g.ipv4();
        const claimed = g.chance(0.2) ? g.ipv4() : undefined;
        // The head as each release prints it: IOS-XE's two lines, the one-line head with or without
        // the comma, or 12.x's address and mask with `tunnel N` and no commas.
        const style = g.pick(['two-line', 'one-line', 'one-line-no-comma', '12.x'] as const);
        const [address, length] = target.split('/');
        const mask = ['255.255.255.255', '255.255.255.0', '255.255.0.0'][[32, 24, 16].indexOf(Number(length))];
        const expireText = never
          ? 'never expire'
          : `expire ${String(expire!.h).padStart(2, '0')}:${String(expire!.m).padStart(2, '0')}:${String(expire!.s).padStart(2, '0')}`;
        const createdText =
          style === '12.x'
            ? `${intf.replace('Tunnel', 'tunnel ')} created ${created.text} ${expireText}`
            : `${intf} created ${created.text}, ${expireText}`;
        const head =
          style === 'two-line'
            ? [`${target} via ${via}`, `   ${createdText}`]
            : style === '12.x'
              ? [`${address} ${mask} via ${via}, ${createdText}`]
              : [`${target} via ${via}${style === 'one-line' ? ',' : ''} ${createdText}`];
        lines.push(
          ...head,
          `   Type: ${type}${style === '12.x' ? '' : ','} Flags:${flags.length ? ` ${flags.join(' ')}` : ''}`,
          `   NBMA address: ${nbma}${claimed ? ` ` : ''}`.trimEnd(),
        );
        if (claimed) lines.push(`    (Claimed NBMA address: ${claimed})`);
        // `Group: NAME` (`ip nhrp group`, genieparser ShowIpNhrpVrf): understood, not recorded.
        if (g.chance(0.3)) lines.push(`   Group: ${g.pick(['HUB', 'SPOKE_1G', 'SPOKE_10G_SCALE'])}`);
        want.push({
          target,
          via,
          interface: intf,
          createdSec: created.sec,
          type,
          typeRaw: type,
          flags,
          nbmaAddress: nbma,
          ...(expire ? { expireSec: expire.h * 3600 + expire.m * 60 + expire.s } : {}),
          ...(claimed ? { claimedNbmaAddress: claimed } : {}),
        });
      }
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput('show ip nhrp', text);
      expect(warnings, text).toEqual([]);
      expect(records.length, text).toBe(want.length);
      (records as NhrpEntry[]).forEach((r, i) => {
        const w = want[i]!;
        expect(fieldsOf(r, w), text).toEqual(w);
        if (w.expireSec === undefined) expect(r.expireSec, text).toBeUndefined();
      });
    }
  });
});
