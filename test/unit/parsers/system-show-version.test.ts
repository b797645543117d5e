import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseShowVersion } from '../../../agent/parsers/system/show-version.js';

const corpus = (path: string) => readFileSync(fileURLToPath(new URL(`../../corpus/${path}`, import.meta.url)), 'utf8');

/** An ISR 1100 spoke, shaped like IOS-XE 17 output (banner, notices, hardware, licences). */
const ISR1100 = `spoke1#show version
Cisco IOS XE Software, Version 17.09.04a
Cisco IOS Software [Cupertino], ISR Software (ARMV8EB_LINUX_IOSD-UNIVERSALK9_IAS-M), Version 17.9.4a, RELEASE SOFTWARE (fc3)
Technical Support: http://www.cisco.com/techsupport
Copyright (c) 1986-2023 by Cisco Systems, Inc.
Compiled Fri 20-Oct-23 10:48 by mcpre


Cisco IOS-XE software, Copyright (c) 2005-2023 by cisco Systems, Inc.
All rights reserved.  Certain components of Cisco IOS-XE software are
licensed under the GNU General Public License ("GPL") Version 2.0.  The
software code licensed under GPL Version 2.0 is free software that comes
with ABSOLUTELY NO WARRANTY.  You can redistribute and/or modify such
GPL code under the terms of GPL Version 2.0.  For more details, see the
documentation or "License Notice" file accompanying the IOS-XE software,
or the applicable URL provided on the flyer accompanying the IOS-XE
software.


ROM: 17.6(1r)

spoke1 uptime is 1 week, 2 days, 3 hours, 4 minutes
Uptime for this control processor is 1 week, 2 days, 3 hours, 6 minutes
System returned to ROM by Reload Command at 09:12:44 UTC Mon Mar 4 2024
System restarted at 09:15:02 UTC Mon Mar 4 2024
System image file is "bootflash:c1100-universalk9_ias.17.09.04a.SPA.bin"
Last reload reason: Reload Command


Technology Package License Information:

-----------------------------------------------------------------
Technology    Technology-package           Technology-package
              Current       Type           Next reboot
------------------------------------------------------------------
appxk9           None             Smart License    None
securityk9       securityk9       Smart License    securityk9
ipbase           ipbasek9         Smart License    ipbasek9

The current crypto throughput level is 250000 kbps


Smart Licensing Status: Smart Licensing Using Policy

cisco C1111-4PLTEEA (1RU) processor with 1473247K/6147K bytes of memory.
Processor board ID FGL2231L0AB
Router operating mode: Autonomous
1 Virtual Ethernet interface
6 Gigabit Ethernet interfaces
1 Cellular interface
32768K bytes of non-volatile configuration memory.
4194304K bytes of physical memory.
2863103K bytes of flash memory at bootflash:.

Configuration register is 0x2102

spoke1#`;

describe('show version', () => {
  it('reads a spoke router', () => {
    const { records, warnings } = parseShowVersion(ISR1100);
    expect(warnings).toEqual([]);
    expect(records).toEqual([{
      hostname: 'spoke1',
      os: 'ios-xe',
      xeVersion: '17.09.04a',
      releaseTrain: 'Cupertino',
      softwarePlatform: 'ISR',
      imageId: 'ARMV8EB_LINUX_IOSD-UNIVERSALK9_IAS-M',
      version: '17.9.4a',
      releaseLabel: 'RELEASE SOFTWARE (fc3)',
      compiledAt: 'Fri 20-Oct-23 10:48',
      compiledBy: 'mcpre',
      rom: '17.6(1r)',
      uptimeSec: 7 * 86400 + 2 * 86400 + 3 * 3600 + 4 * 60,
      controlProcessorUptimeSec: 7 * 86400 + 2 * 86400 + 3 * 3600 + 6 * 60,
      returnedToRomBy: 'Reload Command',
      returnedToRomAt: '09:12:44 UTC Mon Mar 4 2024',
      restartedAt: '09:15:02 UTC Mon Mar 4 2024',
      systemImage: 'bootflash:c1100-universalk9_ias.17.09.04a.SPA.bin',
      lastReloadReason: 'Reload Command',
      cryptoThroughputKbps: 250000,
      smartLicensingStatus: 'Smart Licensing Using Policy',
      chassis: 'C1111-4PLTEEA',
      processorType: '1RU',
      memoryKb: 1473247,
      ioMemoryKb: 6147,
      serialNumber: 'FGL2231L0AB',
      routerOperatingMode: 'Autonomous',
      nvramKb: 32768,
      physicalMemoryKb: 4194304,
      filesystems: [{ name: 'bootflash:', type: 'flash memory', sizeKb: 2863103 }],
      configRegister: '0x2102',
      licensePackages: [
        { technology: 'appxk9', current: 'None', type: 'Smart License', nextReboot: 'None' },
        { technology: 'securityk9', current: 'securityk9', type: 'Smart License', nextReboot: 'securityk9' },
        { technology: 'ipbase', current: 'ipbasek9', type: 'Smart License', nextReboot: 'ipbasek9' },
      ],
    }]);
  });

  it('reads classic IOS with the board revision in place of a CPU (ISR G2, genieparser device_output)', () => {
    const { records, warnings } = parseShowVersion(corpus('genieparser/show_version/ios/ShowVersion/device_output_output.txt'));
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      hostname: 'best-c3945-IOS3', os: 'ios', version: '15.0(1)M7', uptimeSec: 4800,
      chassis: 'CISCO3945-CHASSIS', processorRevision: '1.1', processorBoard: 'C3900-SPE150/K9',
      memoryKb: 2027520, serialNumber: 'FGL161010K8', lastReloadType: 'Normal Reload',
    });
    expect(records[0]?.licensePackages).toHaveLength(4);
  });

  it('joins an uptime wrapped by a narrow terminal, and files a boot image ROM line as the bootloader', () => {
    const { records, warnings } = parseShowVersion(corpus('genieparser/show_version/iosxe/ShowVersion/golden_output_ios_c2600_2_output.txt'));
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
    const text = ['r1 uptime is 5 minutes', 'Configuration register is 0x2102', 'System image file is "flash:x.bin', '\u0000\u0001'].join('\n');
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
