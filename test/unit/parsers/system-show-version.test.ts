import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseShowVersion } from '../../../agent/parsers/system/show-version.js';

const corpus = (path: string) => readFileSync(fileURLToPath(new URL(`../../corpus/${path}`, import.meta.url)), 'utf8');

// Whole outputs read into their expected records are parser cases (test/unit/parsers/cases/show-version/).
describe('show version', () => {
  it('reads classic IOS with the board revision in place of a CPU (ISR G2, genieparser device_output)', () => {
    const { records, warnings } = parseShowVersion(corpus('genieparser/show_version/ios/ShowVersion/device_output_output.txt'));
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      hostname: 'best-c3945-IOS3',
      os: 'ios',
      version: '15.0(1)M7',
      uptimeSec: 4800,
      chassis: 'CISCO3945-CHASSIS',
      processorRevision: '1.1',
      processorBoard: 'C3900-SPE150/K9',
      memoryKb: 2027520,
      serialNumber: 'FGL161010K8',
      lastReloadType: 'Normal Reload',
    });
    expect(records[0]?.licensePackages).toHaveLength(4);
  });

  it('joins an uptime wrapped by a narrow terminal, and files a boot image ROM line as the bootloader', () => {
    const { records, warnings } = parseShowVersion(
      corpus('genieparser/show_version/iosxe/ShowVersion/golden_output_ios_c2600_2_output.txt'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]?.uptimeSec).toBe(4 * 7 * 86400 + 2 * 86400 + 7 * 3600 + 56 * 60);
    expect(records[0]?.rom).toBe('System Bootstrap, Version 12.1(3r)T2, RELEASE SOFTWARE (fc1)');
    expect(records[0]?.bootloader).toMatch(/^C2600 Software \(C2600-I-M\)/);
  });

  it('gives the first hardware block to the active switch of a stack (genieparser iosxe golden_output_3)', () => {
    const { records } = parseShowVersion(corpus('genieparser/show_version/iosxe/ShowVersion/golden_output_3_output.txt'));
    const members = records[0]?.stackMembers ?? [];
    expect(members.map((m) => [m.number, m.active, m.macAddress])).toEqual([
      [1, false, 'bb:aa:77:ff:aa:88'],
      [2, true, '88:88:00:ff:33:00'],
    ]);
  });

  it('warns on a damaged line with its number, keeps the rest, and never throws', () => {
    const text = ['r1 uptime is 5 minutes', 'Configuration register is 0x2102', 'System image file is "flash:x.bin', '\u0000\u0001'].join(
      '\n',
    );
    const { records, warnings } = parseShowVersion(text);
    expect(records[0]).toMatchObject({ hostname: 'r1', uptimeSec: 300, configRegister: '0x2102' });
    expect(warnings.map((w) => w.line)).toEqual([3, 4]);
  });

  it('reads a licence row only under its table header, and only with a licence type', () => {
    expect(parseShowVersion('r1 uptime is 5 minutes\nipbase  ipbasek9  Permanent  ipbasek9\n').warnings.map((w) => w.line)).toEqual([2]);
    const table = [
      'r1 uptime is 5 minutes',
      'Technology Package License Information:',
      'Technology    Technology-package           Technology-package',
      '              Current       Type           Next reboot',
      'ipbase        ipbasek9      Permanent      ipbasek9',
      '',
      'Some new line IOS might print',
    ].join('\n');
    const { records, warnings } = parseShowVersion(table);
    expect(records[0]?.licensePackages).toEqual([{ technology: 'ipbase', current: 'ipbasek9', type: 'Permanent', nextReboot: 'ipbasek9' }]);
    expect(warnings.map((w) => w.line)).toEqual([7]);
  });

  it('reports a capture without the uptime line, and gives nothing for empty input', () => {
    expect(parseShowVersion('Configuration register is 0x2102').warnings.map((w) => w.reason)).toContain('no "<hostname> uptime is" line');
    expect(parseShowVersion('')).toEqual({ records: [], warnings: [] });
  });
});
