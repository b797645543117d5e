import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../../agent/parsers/registry.js';
import type { SystemVersion } from '../../../../proto/records/system.js';
import { columns, Gen, fieldsOf } from './grammar-gen.js';

/**
 * Issue 18 item 3 for `show version`: random outputs of IOS and IOS-XE routers
 * from the documented line kinds (banner with release train and image, special
 * builds, ROM and BOOTLDR, uptime in every unit combination, control-processor
 * uptime, return-to-ROM and restart lines (cause, time or both), image (netbooted too), reload reason, licence level
 * and type lines, the IOS-XE 17 licence table, hardware line with memory split or not, board id, interface
 * count lines with speeds, NVRAM/flash sizes, configuration register, with the
 * boilerplate paragraphs in between), read back exactly.
 */
const PLATFORMS = [
  { chassis: 'ISR4331/K9', cpu: '1RU', sw: 'ISR', image: 'X86_64_LINUX_IOSD-UNIVERSALK9-M', xe: true },
  { chassis: 'C8300-1N1S-6T', cpu: '1RU', sw: 'c8000be', image: 'X86_64_LINUX_IOSD-UNIVERSALK9-M', xe: true },
  { chassis: 'IR1101-K9', cpu: 'ARM64', sw: 'IR1101', image: 'ARMV8EB_LINUX_IOSD-UNIVERSALK9_IOT-M', xe: true },
  { chassis: 'C8000V', cpu: 'VXE', sw: 'Virtual XE', image: 'X86_64_LINUX_IOSD-UNIVERSALK9-M', xe: true },
  { chassis: 'C1111-8P', cpu: '1RU', sw: 'ISR', image: 'ARMV8EB_LINUX_IOSD-UNIVERSALK9-M', xe: true },
  { chassis: 'CISCO2911/K9', cpu: 'revision 1.0', sw: 'C2900', image: 'C2900-UNIVERSALK9-M', xe: false },
  { chassis: 'IR829GW-LTE-GA-EK9', cpu: 'revision 1.0', sw: 'IR800', image: 'IR800-UNIVERSALK9-M', xe: false },
  { chassis: 'C891F-K9', cpu: 'revision 1.0', sw: 'C800', image: 'C800-UNIVERSALK9-M', xe: false },
] as const;
const TRAINS = ['Amsterdam', 'Bengaluru', 'Cupertino', 'Dublin', 'Gibraltar', 'Fuji', 'Everest', 'IOSXE'];
const REASONS = ['Reload Command', 'PowerOn', 'Critical software exception', 'Image Install', 'power-on', 'LocalSoft'];

function uptime(g: Gen): { text: string; sec: number } {
  const parts: Array<[number, string, number]> = [
    [g.int(3), 'year', 31_536_000],
    [g.int(52), 'week', 604_800],
    [g.int(7), 'day', 86_400],
    [g.int(24), 'hour', 3600],
    [g.int(60), 'minute', 60],
  ];
  const shown = parts.filter(([n], i) => n > 0 || i === 4);
  return {
    text: shown.map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`).join(', '),
    sec: shown.reduce((s, [n, , k]) => s + n * k, 0),
  };
}

function generate(g: Gen): { lines: string[]; want: Partial<SystemVersion> } {
  const p = g.pick(PLATFORMS);
  const hostname = g.pick(['spoke-042', 'RTR1', 'ir1101_branch', 'c8k.lab']);
  const lines: string[] = [];
  const want: Partial<SystemVersion> = { hostname, chassis: p.chassis };
  let supportLine = 'Technical Support: http://www.cisco.com/techsupport';
  if (p.xe && g.chance(0.15)) {
    // A customer special build: named in both version lines, its service request in the support notice.
    const [maj, min, reb] = [g.pick([16, 17]), g.between(1, 15), g.between(1, 9)];
    const sr = `SR${g.between(600_000_000, 799_999_999)}_${g.between(1, 3)}`;
    const xe = `V${maj}${min}_${reb}_${sr}`;
    want.os = 'ios-xe';
    want.xeVersion = xe;
    want.version = `${maj}.${min}.${reb}`;
    want.releaseTrain = g.pick(TRAINS);
    want.releaseLabel = `CUST-SPECIAL:${xe}`;
    lines.push(
      `Cisco IOS XE Software, Version ${xe}`,
      `Cisco IOS Software [${want.releaseTrain}], ${p.sw} Software (${p.image}), Version ${want.version}, ${want.releaseLabel}`,
    );
    supportLine = `This software is supported for a limited time under special agreement with Cisco Systems, Inc. ${sr}`;
  } else if (p.xe) {
    const [maj, min, reb] = [g.pick([16, 17]), g.between(1, 15), g.between(1, 9)];
    const xe = `${maj}.${String(min).padStart(2, '0')}.${String(reb).padStart(2, '0')}${g.pick(['', 'a', 'b'])}`;
    want.os = 'ios-xe';
    want.xeVersion = xe;
    want.version = `${maj}.${min}.${reb}${xe.slice(-1).match(/[a-z]/) ? xe.slice(-1) : ''}`;
    want.releaseTrain = g.pick(TRAINS);
    lines.push(
      `Cisco IOS XE Software, Version ${xe}`,
      `Cisco IOS Software [${want.releaseTrain}], ${p.sw} Software (${p.image}), Version ${want.version}, RELEASE SOFTWARE (fc${g.between(1, 5)})`,
    );
  } else if (g.chance(0.2)) {
    // A special build: its label at the banner's end or, on older trains, on the next line.
    want.os = 'ios';
    want.experimental = true;
    want.version = `15.${g.between(1, 9)}(2017${g.between(10, 12)}21:23${g.between(10, 59)}49)`;
    want.releaseLabel = `[${g.pick(['mmen', 'builder'])} ${g.between(100, 199)}]`;
    const banner = `Cisco IOS Software, ${p.sw} Software (${p.image}), Experimental Version ${want.version}`;
    lines.push(...(g.chance(0.5) ? [`${banner} ${want.releaseLabel}`] : [banner, want.releaseLabel]));
  } else {
    want.os = 'ios';
    want.version = `15.${g.between(1, 9)}(${g.between(1, 3)})M${g.between(1, 12)}${g.pick(['', 'a'])}`;
    lines.push(`Cisco IOS Software, ${p.sw} Software (${p.image}), Version ${want.version}, RELEASE SOFTWARE (fc${g.between(1, 5)})`);
  }
  want.imageId = p.image;
  lines.push(
    !p.xe && g.chance(0.3) ? 'TAC Support: http://www.cisco.com/tac' : supportLine,
    'Copyright (c) 1986-2023 by Cisco Systems, Inc.',
    'Compiled Thu 16-Nov-23 12:00 by mcpre',
    '',
    '',
  );
  if (p.xe)
    lines.push(
      'Cisco IOS-XE software, Copyright (c) 2005-2023 by cisco Systems, Inc.',
      'All rights reserved.  Certain components of Cisco IOS-XE software are',
      'licensed under the GNU General Public License ("GPL") Version 2.0.  The',
      'software code licensed under GPL Version 2.0 is free software that comes',
      'with ABSOLUTELY NO WARRANTY.  You can redistribute and/or modify such',
      'GPL code under the terms of GPL Version 2.0.  For more details, see the',
      'documentation or "License Notice" file accompanying the IOS-XE software,',
      'or the applicable URL provided on the flyer accompanying the IOS-XE',
      'software.',
      '',
      '',
    );
  want.rom = p.xe ? 'IOS-XE ROMMON' : 'System Bootstrap, Version 15.0(1r)M16, RELEASE SOFTWARE (fc1)';
  lines.push(`ROM: ${want.rom}`);
  // A 3600's second ROM line, which names its boot image or (here) nothing.
  if (!p.xe && g.chance(0.2)) lines.push(g.pick(['ROM:', 'ROM: ']));
  if (!p.xe && g.chance(0.5)) {
    want.bootloader = `${p.sw} Boot Loader (${p.image}), Version ${want.version}, RELEASE SOFTWARE (fc1)`;
    lines.push(`BOOTLDR: ${want.bootloader}`);
  }
  lines.push('');
  const up = uptime(g);
  want.uptimeSec = up.sec;
  lines.push(`${hostname} uptime is ${up.text}`);
  if (p.xe) {
    const cp = uptime(g);
    want.controlProcessorUptimeSec = cp.sec;
    lines.push(`Uptime for this control processor is ${cp.text}`);
  }
  want.returnedToRomBy = g.pick(REASONS);
  // When, in full or (a standby RP) as a bare time.
  const romAt = g.pick([undefined, undefined, '06:59:07', '10:26:47 EST Mon Dec 9 2019']);
  if (romAt !== undefined) want.returnedToRomAt = romAt;
  lines.push(`System returned to ROM by ${want.returnedToRomBy}${romAt !== undefined ? ` at ${romAt}` : ''}`);
  // A restart line with its time, its cause, or both.
  const restart = g.pick(['none', 'at', 'by', 'by-at'] as const);
  if (restart !== 'none') {
    if (restart !== 'at') want.restartedBy = g.pick(['reload', 'power-on', 'bus error at PC 0x31ABEF8, address 0xFC4AFC48']);
    if (restart !== 'by') want.restartedAt = '11:41:27 CET Thu Nov 2 2023';
    const by = want.restartedBy !== undefined ? ` by ${want.restartedBy}` : '';
    const at = want.restartedAt !== undefined ? ` at ${want.restartedAt}` : '';
    lines.push(`System restarted${by}${at}`);
  }
  want.systemImage = g.pick([
    'bootflash:packages.conf',
    'flash:c2900-universalk9-mz.SPA.157-3.M8.bin',
    'bootflash:/c8000be-universalk9.17.09.04a.SPA.bin',
  ]);
  const netbooted = !p.xe && g.chance(0.2) ? g.pick([', booted via tftp from 192.0.2.7', ', booted via']) : '';
  lines.push(`System image file is "${want.systemImage}"${netbooted}`);
  want.lastReloadReason = g.pick(REASONS);
  lines.push(`Last reload reason: ${want.lastReloadReason}`, '', '', ...exportNotice(g), '');
  if (!p.xe && g.chance(0.6)) {
    want.licenseLevel = g.pick(['ipbasek9', 'advipservices', 'securityk9']);
    want.licenseType = g.pick(['Permanent', 'RightToUse', 'Smart License']);
    want.nextReloadLicenseLevel = want.licenseLevel;
    lines.push(
      `License Level: ${want.licenseLevel}`,
      `License Type: ${want.licenseType}`,
      `Next reload license Level: ${want.nextReloadLicenseLevel}`,
      '',
    );
  }
  if (p.xe && g.chance(0.15)) {
    // A virtual router with no licence chosen prints its levels empty.
    want.licenseType = g.pick(['Perpetual', 'Subscription']);
    lines.push('License Level: ', `License Type: ${want.licenseType}`, 'Next reload license Level: ', '');
  }
  if (p.xe && g.chance(0.5)) {
    // IOS-XE 17 routers: technology and type first (either may hold spaces), the two levels last.
    const rows = Array.from({ length: g.between(1, 3) }, () => {
      const level = g.pick(['network-advantage', 'network-essentials', 'dna-advantage', 'None', 'appxk9']);
      return {
        technology: g.pick(['Smart License', 'appxk9', 'securityk9']),
        type: g.pick(['Perpetual', 'Subscription', 'Smart License', 'RightToUse']),
        current: level,
        nextReboot: level,
      };
    });
    want.licensePackages = rows;
    lines.push(
      'Technology Package License Information:',
      '',
      '-'.repeat(65),
      'Technology     Type         Technology-package Technology-package',
      `${' '.repeat(28)}Current            Next Reboot`,
      '-'.repeat(65),
      ...rows.map((r) => columns([r.technology, r.type, r.current, r.nextReboot], [0, 15, 28, 47])),
      '',
    );
  }
  want.memoryKb = g.between(100_000, 8_000_000);
  const split = g.chance(0.7);
  if (split) want.ioMemoryKb = g.between(1000, 500_000);
  const cpuPart = p.xe ? `(${p.cpu}) processor` : `(${p.cpu})`;
  want.processorType = p.xe ? p.cpu : undefined;
  lines.push(`cisco ${p.chassis} ${cpuPart} with ${want.memoryKb}K${split ? `/${want.ioMemoryKb}K` : ''} bytes of memory.`);
  want.serialNumber = `FGL${g.between(1000, 9999)}${g.pick(['A', 'B', 'X'])}${g.between(100, 999)}`;
  lines.push(`Processor board ID ${want.serialNumber}`);
  for (const [n, what] of [
    [g.between(1, 4), 'Gigabit Ethernet interfaces'],
    [g.int(3), 'Cellular interfaces'],
    [g.int(2), '2.5 Gigabit Ethernet interfaces'],
    [g.int(2), 'Virtual Private Network (VPN) Modules'],
  ] as const) {
    if (n > 0) lines.push(`${n} ${what}`);
  }
  // A 3600 names its chassis type; reading a PCMCIA flash card prints its progress.
  if (!p.xe && g.chance(0.2)) lines.push(`${g.pick(['3660', '3640', '2691'])} Chassis type: ${g.pick(['ENTERPRISE', 'TELCO'])}`);
  if (!p.xe && g.chance(0.2))
    lines.push(...g.pick([['Flash card inserted. Reading filesystem...done.'], ['Flash card inserted.', 'Reading filesystem...done.']]));
  // 12.x Catalyst switches count ports per Ethernet controller as well.
  if (!p.xe && g.chance(0.2))
    lines.push(`Ethernet-controller ${g.between(1, 6)} has ${g.between(1, 24)} Fast Ethernet/IEEE 802.3 interfaces`);
  want.nvramKb = g.pick([32768, 2048, 255]);
  lines.push(`${want.nvramKb}K bytes of non-volatile configuration memory.`);
  if (p.xe) {
    want.physicalMemoryKb = g.pick([4_194_304, 8_388_608, 3_670_016]);
    lines.push(`${want.physicalMemoryKb}K bytes of physical memory.`);
  }
  // Older platforms name their flash with its access state instead of a file system.
  if (!p.xe && g.chance(0.3))
    lines.push(
      `${g.pick([8192, 16384])}K bytes of processor board System flash (${g.pick(['Read/Write', 'Read ONLY', 'Device not programmable'])})`,
    );
  lines.push(`${g.between(1_000_000, 8_000_000)}K bytes of flash memory at bootflash:.`, '');
  want.configRegister = g.pick(['0x2102', '0x2142', '0x102']);
  lines.push(`Configuration register is ${want.configRegister}`, '');
  return { lines, want };
}

/**
 * The crypto export notice, whole or cut short as the older generator had it; its
 * last sentence on two lines (IOS 15, IOS-XE) or on one (12.2: textfsm's
 * cisco_version_example, a WS-C4948 on 12.2(31)SGA1).
 */
function exportNotice(g: Gen): string[] {
  const head = [
    'This product contains cryptographic features and is subject to United',
    'States and local country laws governing import, export, transfer and',
    'use. Delivery of Cisco cryptographic products does not imply',
  ];
  if (g.chance(0.3)) return head;
  const last = g.chance(0.5)
    ? ['If you require further assistance please contact us by sending email to', 'export@cisco.com.']
    : ['If you require further assistance please contact us by sending email to export@cisco.com.'];
  return [
    ...head,
    'third-party authority to import, export, distribute or use encryption.',
    'Importers, exporters, distributors and users are responsible for',
    'compliance with U.S. and local country laws. By using this product you',
    'agree to comply with applicable laws and regulations. If you are unable',
    'to comply with U.S. and local laws, return this product immediately.',
    '',
    'A summary of U.S. laws governing Cisco cryptographic products may be found at:',
    'http://www.cisco.com/wwl/export/crypto/tool/stqrg.html',
    '',
    ...last,
  ];
}

describe('show version property: generated outputs read back', () => {
  it('holds for 400 generated outputs of IOS and IOS-XE routers', () => {
    const g = new Gen(18_408);
    for (let n = 0; n < 400; n++) {
      const { lines, want } = generate(g);
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput('show version', text);
      expect(warnings, text).toEqual([]);
      expect(records.length, text).toBe(1);
      const r = records[0] as SystemVersion;
      const w = Object.fromEntries(Object.entries(want).filter(([, v]) => v !== undefined));
      const got = fieldsOf(r, w);
      expect(got, text).toEqual(w);
    }
  });
});
