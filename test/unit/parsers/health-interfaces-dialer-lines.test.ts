import { describe, expect, it } from 'vitest';
import { parseInterfaces } from '../../../agent/parsers/health/interfaces.js';

// One test per line kind of dialer profiles and their B channels / cellular links that the
// parser warned on or misread before (IOS Dial Technologies, dialer profiles; layouts written here).
const header = 'Dialer2 is up, line protocol is up (spoofing)';

describe('show interfaces, dialer binding lines', () => {
  it('reads `Interface is bound to <dialer> (Encapsulation PPP)` as the binding', () => {
    const { records, warnings } = parseInterfaces(
      ['Cellular0/2/0 is up, line protocol is up', '  Interface is bound to Dialer2 (Encapsulation PPP)'].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ name: 'Cellular0/2/0', boundTo: 'Dialer2' });
  });

  it('reads the LCP state beside the multilink state (`LCP Open, multilink Closed`)', () => {
    const { records, warnings } = parseInterfaces(['BRI1/0:2 is up, line protocol is up', '  LCP Open, multilink Closed'].join('\n'));
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ name: 'BRI1/0:2', lcpState: 'Open' });
  });

  it('recognises the dial reason with its colon (`Dial reason: ip (s=..., d=...)`)', () => {
    const { warnings } = parseInterfaces([header, '  Dial reason: ip (s=172.20.1.1, d=172.20.9.9)'].join('\n'));
    expect(warnings).toEqual([]);
  });

  it('reads the block after `Bound to:` as the binding, not as an interface of the output', () => {
    const text = [
      header,
      '  Hardware is Unknown',
      '  Encapsulation PPP, loopback not set',
      '  Bound to:',
      '  Serial0/1/0:3 is up, line protocol is up',
      '    Hardware is DSX1',
      '    Encapsulation PPP, loopback not set',
      '    Interface is bound to Dialer2 (Encapsulation PPP)',
      '    LCP Open',
      'GigabitEthernet0/0/1 is up, line protocol is up',
      '  Hardware is ISR4331-3x1GE, address is 0011.2233.4455 (bia 0011.2233.4455)',
    ].join('\n');
    const { records, warnings } = parseInterfaces(text);
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.name)).toEqual(['Dialer2', 'GigabitEthernet0/0/1']);
    expect(records[0]).toMatchObject({ boundTo: 'Serial0/1/0:3', hardware: 'Unknown' });
    // The bound block's lines did not leak into the dialer's record.
    expect(records[0]!.lcpState).toBeUndefined();
    expect(records[1]).toMatchObject({ macAddress: '0011.2233.4455' });
  });

  it('keeps a bound block printed flush left as its own record (nothing says it is nested)', () => {
    const text = [header, 'Bound to:', 'Serial0/1/0:3 is up, line protocol is up', 'LCP Open'].join('\n');
    const { records, warnings } = parseInterfaces(text);
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.name)).toEqual(['Dialer2', 'Serial0/1/0:3']);
    expect(records[1]).toMatchObject({ lcpState: 'Open' });
  });
});
