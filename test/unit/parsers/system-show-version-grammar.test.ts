import { describe, expect, it } from 'vitest';
import { parseShowVersion } from '../../../agent/parsers/system/show-version.js';

// One test per kind of line issue 18 lists for show version; each around a minimal valid output.
const version = (...lines: string[]) => parseShowVersion(['spoke1 uptime is 1 hour, 2 minutes', ...lines].join('\n'));

describe('show version, memory and NVRAM lines of IOL and virtual platforms', () => {
  it.each([
    [
      'Linux Unix (i686) processor with 177426K/6147K bytes of memory.',
      { chassis: 'Unix', processorType: 'i686', memoryKb: 177426, ioMemoryKb: 6147 },
    ],
    [
      'cisco C8000V (VXE) processor (revision VXE) with 1987024K/3075K bytes of memory.',
      { chassis: 'C8000V', processorType: 'VXE', memoryKb: 1987024 },
    ],
    ['Cisco IOSv (revision 1.0) with  with 435457K/87040K bytes of memory.', { chassis: 'IOSv', memoryKb: 435457 }],
    ['1024K bytes of NVRAM.', { nvramKb: 1024 }],
    ['256K bytes of non-volatile configuration memory.', { nvramKb: 256 }],
    ['32768K bytes of flash-simulated non-volatile configuration memory.', { nvramKb: 32768 }],
  ])('%s', (line, expected) => {
    const { records, warnings } = version(line);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject(expected);
  });
});

describe('show version, count and storage lines carrying nothing kept', () => {
  it.each([
    ['2 2.5 Gigabit Ethernet interfaces'],
    ['4 Gigabit Ethernet interfaces'],
    ['1 Cellular interface'],
    ['2 Channelized (E1 or T1)/PRI ports'],
    ['16 terminal lines'],
    ['1 Virtual Private Network (VPN) Module'],
    ['0K bytes of ATA System CompactFlash 0 (Read/Write)'],
    ['16384K bytes of processor board System flash partition 1 (Read/Write)'],
    ['Running default software'],
    ['Running Image : bootflash:packages.conf'],
  ])('%s', (line) => {
    expect(version(line).warnings).toEqual([]);
  });
});

describe('show version, licence lines of 15.x images', () => {
  it.each([
    [
      ['License Level: ipservices', 'License Type: Permanent Right-To-Use', 'Next reload license Level: ipservices'],
      { licenseLevel: 'ipservices', licenseType: 'Permanent Right-To-Use', nextReloadLicenseLevel: 'ipservices' },
    ],
    [['License Level: entservices   Type: Permanent Right-To-Use'], { licenseLevel: 'entservices', licenseType: 'Permanent Right-To-Use' }],
    [['License Level : lanbase', 'Next reboot License Level : lanbase'], { licenseLevel: 'lanbase', nextReloadLicenseLevel: 'lanbase' }],
  ])('%j', (lines, expected) => {
    const { records, warnings } = version(...lines);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject(expected);
  });
});

describe('show version, ROM monitor and bootloader lines', () => {
  it('keeps ROM and bootloader apart, whichever spelling', () => {
    const { records, warnings } = version(
      'ROMMON: System Bootstrap, Version 16.12(2r), RELEASE SOFTWARE',
      'Bootloader: System Bootstrap, Version 17.3.1r[FC2], RELEASE SOFTWARE (P)',
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      rom: 'System Bootstrap, Version 16.12(2r), RELEASE SOFTWARE',
      bootloader: 'System Bootstrap, Version 17.3.1r[FC2], RELEASE SOFTWARE (P)',
    });
  });
});

describe('show version, per-member blocks of a stack', () => {
  it('reads each member block, its last reload reason included', () => {
    const { records, warnings } = version(
      'Switch Ports Model              SW Version        SW Image              Mode',
      '------ ----- -----              ----------        ----------            ----',
      '*    1 41    C9300-24P          17.09.04a         CAT9K_IOSXE           INSTALL',
      '     2 41    C9300-24P          17.09.04a         CAT9K_IOSXE           INSTALL',
      '',
      'Switch 02',
      '---------',
      'Switch uptime                      : 3 days, 4 hours, 5 minutes',
      'Base Ethernet MAC Address          : 00:11:22:33:44:55',
      'System Serial Number               : FOC0000X0YZ',
      'Last reload reason                 : Power Failure',
    );
    expect(warnings).toEqual([]);
    expect(records[0]?.stackMembers?.[1]).toMatchObject({
      number: 2,
      macAddress: '00:11:22:33:44:55',
      systemSerialNumber: 'FOC0000X0YZ',
      lastReloadReason: 'Power Failure',
    });
  });
});

describe('show version, licence kinds and throughput of IOS-XE 16/17 images', () => {
  it('keeps licence kinds beyond base and AIR by label', () => {
    const { records, warnings } = version(
      'Addon License Level: dna-premier',
      'Addon License Type: Subscription',
      'Next reload addon license Level: dna-premier',
      'Cisco Wireless License enforcement: DISABLE',
    );
    expect(warnings).toEqual([]);
    expect(records[0]?.otherLicenses).toEqual({
      'Addon License Level': 'dna-premier',
      'Addon License Type': 'Subscription',
      'Next reload addon license Level': 'dna-premier',
      'Cisco Wireless License enforcement': 'DISABLE',
    });
  });

  it.each([
    ['The current throughput level is 10000 kbps', 10000],
    ['The current throughput level is unthrottled', 'unthrottled'],
  ])('%s', (line, kbps) => {
    expect(version(line).records[0]?.throughputKbps).toBe(kbps);
  });

  it('reads the IOS-XE 17 router licence table: technology and type first, levels last, either first cell with spaces', () => {
    const { records, warnings } = version(
      'Technology Package License Information:',
      '',
      '-----------------------------------------------------------------',
      'Technology     Type         Technology-package Technology-package',
      '                            Current            Next Reboot',
      '-----------------------------------------------------------------',
      'Smart License  Perpetual    network-advantage  network-advantage',
      'Smart License  Subscription None               None',
      'appxk9         Smart License appxk9            appxk9',
      '',
      'The current crypto throughput level is 250000 kbps',
    );
    expect(warnings).toEqual([]);
    expect(records[0]?.licensePackages).toEqual([
      { technology: 'Smart License', type: 'Perpetual', current: 'network-advantage', nextReboot: 'network-advantage' },
      { technology: 'Smart License', type: 'Subscription', current: 'None', nextReboot: 'None' },
      { technology: 'appxk9', type: 'Smart License', current: 'appxk9', nextReboot: 'appxk9' },
    ]);
  });

  it('reads the package version line of IOS-XE 3.x', () => {
    expect(version('IOS XE Version: 03.09.01.S').records[0]).toMatchObject({ xeVersion: '03.09.01.S', os: 'ios-xe' });
  });

  it('accepts a suite row whose type has two words, and controller-managed licences', () => {
    const { warnings } = version(
      "Suite License Information for Module:'esg'",
      'Suite                 Suite Current         Type           Suite Next reboot',
      'FoundationSuiteK9     None                  Smart License  None',
      'securityk9',
      'Technology Package License Information:',
      'Controller-managed',
    );
    expect(warnings).toEqual([]);
  });

  it('recognises a 7200 chassis midplane and PCI bus budget', () => {
    expect(
      version(
        '6 slot VXR midplane, Version 2.11',
        'PCI bus mb1 (Slots 1, 3 and 5) has a capacity of 600 bandwidth points.',
        'Current configuration on bus mb1 has a total of 0 bandwidth points.',
        'This configuration is within the PCI bus capacity and is supported.',
        '250880K bytes of ATA PCMCIA card at slot 2 (Sector size 512 bytes).',
      ).warnings,
    ).toEqual([]);
  });
});

describe('show version, padded label lines of a member block', () => {
  it('keeps a padded label no rule names on that member (3750 SFP module lines)', () => {
    const { records, warnings } = version(
      'Switch Ports Model              SW Version            SW Image',
      '*    1 52    WS-C3750G-48PS     15.0(2)SE11           C3750-IPSERVICESK9-M',
      'Model number                    : WS-C3750G-48PS-S',
      'SFP Module serial number        : CAT000000XY',
    );
    expect(warnings).toEqual([]);
    expect(records[0]?.stackMembers?.[0]).toMatchObject({
      modelNumber: 'WS-C3750G-48PS-S',
      otherFields: { 'SFP Module serial number': 'CAT000000XY' },
    });
  });

  it('still warns on an unknown unpadded Label: value line', () => {
    expect(version('Frobnication level: high').warnings.map((w) => w.line)).toEqual([2]);
  });
});

describe('show version, labels after the IOS-XE version', () => {
  it.each([
    ['Cisco IOS XE Software, Version 17.09.04a', { xeVersion: '17.09.04a' }],
    ['Cisco IOS XE Software, Version 17.03.05 - SMU-PATCHED', { xeVersion: '17.03.05', smuPatched: true }],
    [
      'Cisco IOS XE Software, Version 17.06.05 - Extended Support Release',
      { xeVersion: '17.06.05', xeVersionLabel: 'Extended Support Release' },
    ],
    ['Cisco IOS XE Software, Version 17.06.05 - Extended Support Release - SMU-PATCHED', { xeVersion: '17.06.05', smuPatched: true }],
  ])('%s', (line, expected) => {
    const { records, warnings } = version(line);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject(expected);
  });
});

describe('show version, lines of 11.x and 12.x images', () => {
  it('reads a restart line with the cause only, the time only, or both', () => {
    expect(version('System restarted by reload').records[0]).toMatchObject({ restartedBy: 'reload' });
    expect(version('System restarted by reload').warnings).toEqual([]);
    expect(version('System restarted at 04:12:09 UTC Mon Mar 2 2015').records[0]).toMatchObject({
      restartedAt: '04:12:09 UTC Mon Mar 2 2015',
    });
    expect(version('System restarted by power-on at 04:12:09 UTC Mon Mar 2 2015').records[0]).toMatchObject({
      restartedBy: 'power-on',
      restartedAt: '04:12:09 UTC Mon Mar 2 2015',
    });
  });

  it('reads the image of a netbooted router, its source after the name', () => {
    // The source may be cut at the terminal's edge.
    for (const source of [' tftp from 192.0.2.7', '']) {
      const { records, warnings } = version(`System image file is "slot0:rsp-jsv-mz.121-27", booted via${source}`);
      expect(warnings).toEqual([]);
      expect(records[0]?.systemImage).toBe('slot0:rsp-jsv-mz.121-27');
    }
  });

  it("keeps an experimental image's build label printed on the line after the banner", () => {
    const { records, warnings } = parseShowVersion(
      [
        'Cisco Internetwork Operating System Software',
        'IOS (tm) 7200 Software (C7200-JS-M), Experimental Version 12.2(20030512:101455)',
        '[builder 112]',
        'Copyright (c) 1986-2003 by cisco Systems, Inc.',
        'R7 uptime is 3 minutes',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ experimental: true, version: '12.2(20030512:101455)', releaseLabel: '[builder 112]' });
    // Anywhere else a bracketed line is not a label.
    expect(version('[builder 112]').warnings).toHaveLength(1);
  });

  it.each([
    ['TAC Support: http://www.cisco.com/tac'],
    ['Ethernet-controller 3 has 12 Fast Ethernet/IEEE 802.3 interfaces'],
    ['Ethernet-controller 7 has 1 Gigabit Ethernet/IEEE 802.3 interface'],
    ['Processor is running Enterprise Edition Software'],
    ['Cluster command switch capable'],
  ])('recognises %s', (line) => {
    expect(version(line).warnings).toEqual([]);
  });
});

describe('show version, special builds', () => {
  it('reads the customer special build banner and its support notice', () => {
    const { records, warnings } = parseShowVersion(
      [
        'Cisco IOS XE Software, Version V1712_2_SR712345678_1',
        'Cisco IOS Software [Dublin], c8000be Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 17.12.2, CUST-SPECIAL:V1712_2_SR712345678_1',
        'This software is supported for a limited time under special agreement with Cisco Systems, Inc. SR712345678_1',
        'Copyright (c) 1986-2023 by Cisco Systems, Inc.',
        'spoke7 uptime is 5 minutes',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      xeVersion: 'V1712_2_SR712345678_1',
      version: '17.12.2',
      releaseLabel: 'CUST-SPECIAL:V1712_2_SR712345678_1',
    });
  });
});

describe('show version, licence levels printed empty', () => {
  it.each([['License Level:'], ['Next reload license Level:'], ['Addon License Level:'], ['Next reload addon license Level: ']])(
    'accepts %j and keeps no level',
    (line) => {
      const { records, warnings } = version(line, 'License Type: Perpetual');
      expect(warnings).toEqual([]);
      expect(records[0]?.licenseLevel).toBeUndefined();
      expect(records[0]?.otherLicenses?.['Addon License Level']).toBeUndefined();
    },
  );
});

describe('show version, return to ROM at a bare time', () => {
  it('keeps the time a standby RP prints without zone or date', () => {
    expect(version('System returned to ROM by Reload Command at 06:59:07').records[0]).toMatchObject({
      returnedToRomBy: 'Reload Command',
      returnedToRomAt: '06:59:07',
    });
  });
});

// Lines of a Cisco 3600's show version found missing on Cisco's own example (issue 18); composed here.
describe('show version, Cisco 3600 chassis, ROM and flash card lines', () => {
  it.each([
    ['2691 Chassis type: ENTERPRISE'],
    ['Flash card inserted. Reading filesystem...done.'],
    ['Flash card inserted.'],
    ['Reading filesystem...done.'],
  ])('%s', (line) => {
    expect(version(line).warnings).toEqual([]);
  });

  it('keeps the bootstrap ROM when a second ROM line names no boot image', () => {
    const { records, warnings } = version('ROM: System Bootstrap, Version 12.2(8r)T2, RELEASE SOFTWARE (fc1)', 'ROM:');
    expect(warnings).toEqual([]);
    expect(records[0]?.rom).toBe('System Bootstrap, Version 12.2(8r)T2, RELEASE SOFTWARE (fc1)');
    expect(records[0]?.bootloader).toBeUndefined();
  });
});
