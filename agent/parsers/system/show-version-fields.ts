import type { SystemVersion } from '../../../proto/records/system.js';
import { parseDuration } from '../duration.js';

type Apply = (v: SystemVersion, m: RegExpExecArray) => void;

/** A ROM line naming an image (`C2600 Software (C2600-I-M), Version ...`) is the boot image, not the ROM monitor. */
const BOOT_IMAGE = /Software \([^)]+\), Version /;

/**
 * `Cisco IOS Software [Everest], ISR Software (X86_64_LINUX_IOSD-UNIVERSALK9-M), Version 16.6.5, RELEASE SOFTWARE (fc3)`,
 * `IOS (tm) C2600 Software (C2600-I-M), Version 12.2(2)XA1, EARLY DEPLOYMENT RELEASE SOFTWARE (fc1)`,
 * `Cisco IOS Software, IOS-XE Software, Catalyst L3 Switch Software (CAT3K_CAA-UNIVERSALK9-M), Version 03.06.07E RELEASE SOFTWARE (fc3)`
 * (no comma after the version on 3.x IOS-XE).
 */
const BANNER =
  /^(?:Cisco IOS Software|IOS \(tm\))(?: \[([^\]]*)\])?,?(?: (IOS-XE) Software,)? (.+?) +Software \(([^)]+)\), (Experimental )?Version ([^\s,]+),? ?(.*)$/;

function banner(v: SystemVersion, m: RegExpExecArray): void {
  if (v.version !== undefined) return; // only the first: BOOTLDR/ROM lines repeat the shape
  if (m[1]) v.releaseTrain = m[1];
  if (m[2] || v.xeVersion !== undefined) v.os = 'ios-xe';
  else v.os ??= 'ios';
  v.softwarePlatform = m[3]!;
  v.imageId = m[4]!;
  if (m[5]) v.experimental = true;
  v.version = m[6]!;
  if (m[7]) v.releaseLabel = m[7].trim();
}

/**
 * `cisco ISR4451-X/K9 (2RU) processor with 1795979K/6147K bytes of memory.` and its variants:
 * `Cisco CISCO3945-CHASSIS (revision 1.1) with C3900-SPE150/K9 with 2027520K/69632K bytes of memory.`,
 * `Cisco IOSv (revision 1.0) with  with 435457K/87040K bytes of memory.`,
 * `cisco WS-C3850-48U (MIPS) processor with 4194304K bytes of physical memory.`,
 * `Allen-Bradley 1783-CMS20DN (ARM) processor (revision V00) with ...` (genieparser iosxe golden_output_1783),
 * `Linux Unix (i686) processor with 177426K/6147K bytes of memory.` (IOL): the first word names the maker.
 */
const HARDWARE =
  /^[A-Za-z][\w-]* (\S+) (?:\(([^)]*)\) )?(?:processor )?(?:\(revision ([^)]*)\) )?with (?:(\S+) with )?(?:\s*with )?\s*(\d+)K(?:\/(\d+)K)? bytes of (?:physical )?memory\.$/;

/** Line rules for the top-level fields, tried in order; the first match wins. */
const FIELD_RULES: ReadonlyArray<readonly [RegExp, Apply]> = [
  // Labels may follow the version: `- SMU-PATCHED`, `- Extended Support Release`, or both.
  [
    /^Cisco IOS XE Software, Version (\S+)((?: - .*)?)$/,
    (v, m) => {
      v.xeVersion = m[1]!;
      const labels = m[2]!
        .split(' - ')
        .map((x) => x.trim())
        .filter((x) => x !== '');
      if (labels.includes('SMU-PATCHED')) v.smuPatched = true;
      const others = labels.filter((x) => x !== 'SMU-PATCHED');
      if (others.length > 0) v.xeVersionLabel = others.join(', ');
      v.os = 'ios-xe';
    },
  ],
  [BANNER, banner],
  // IOS-XE 3.x names its package version on a line of its own (ISR 4451 on 15.3(2)S1).
  [
    /^IOS XE Version: (\S+)$/,
    (v, m) => {
      v.xeVersion = m[1]!;
      v.os = 'ios-xe';
    },
  ],
  // IOS-XE 16.x banners name no OS; the GPL notice does (genieparser iosxe golden_output_c3850).
  [
    /^Cisco IOS-XE software, Copyright \(c\) \d{4}-\d{4}(?:, \d{4})* by cisco Systems, Inc\.$/,
    (v) => {
      v.os = 'ios-xe';
    },
  ],
  [
    /^Compiled (.+) by (\S+)$/,
    (v, m) => {
      v.compiledAt = m[1]!;
      v.compiledBy = m[2]!;
    },
  ],
  [
    /^(?:ROM|ROMMON):\s*(\S.*)$/,
    (v, m) => {
      const text = m[1]!.trim();
      // Older trains print a second ROM line with the boot image (genieparser iosxe golden_output_ios_c2600_2).
      if (BOOT_IMAGE.test(text)) v.bootloader ??= text;
      else v.rom ??= text;
    },
  ],
  [
    /^(?:BOOTLDR|Bootloader|BOOTLOADER):\s*(\S.*)$/,
    (v, m) => {
      v.bootloader = m[1]!.trim();
    },
  ],
  [
    /^Uptime for this control processor is (.+)$/,
    (v, m) => {
      const sec = parseDuration(m[1]!);
      if (sec !== undefined) v.controlProcessorUptimeSec = sec;
    },
  ],
  [
    /^(\S+) uptime is (.+)$/,
    (v, m) => {
      v.hostname = m[1]!;
      const sec = parseDuration(m[2]!);
      if (sec !== undefined) v.uptimeSec = sec;
    },
  ],
  // `System returned to ROM by reload at 18:31:16 UTC Tue Nov 2 2010 (SP by power-on)` (genieparser ios cat6k);
  // a standby RP may print the time alone (`... by Reload Command at 06:59:07`, genieparser iosxe golden_output_standby).
  [
    /^System returned to ROM by\s+(.+?)(?: at (\d{1,2}:\d{2}:\d{2}(?: .+?)?))?(?: \(SP by (.+)\))?$/,
    (v, m) => {
      v.returnedToRomBy = m[1]!;
      if (m[2]) v.returnedToRomAt = m[2];
      if (m[3]) v.spReturnedToRomBy = m[3];
    },
  ],
  // `System restarted by bus error at PC 0x31ABEF8, address 0xFC4AFC48 at 21:14:28 EST Tue Feb 25 2025`;
  // either part alone: `System restarted at 00:58:29 UTC Tue Nov 11 2014`, `System restarted by reload`
  // (IOS 11.x/12.x, the show version command reference's 7500 sample).
  [
    /^System restarted (?:by (.+?)(?: at (\d{1,2}:\d{2}:\d{2} .+))?|at (\d{1,2}:\d{2}:\d{2} .+))$/,
    (v, m) => {
      if (m[1]) v.restartedBy = m[1];
      const at = m[2] ?? m[3];
      if (at) v.restartedAt = at;
    },
  ],
  // How a netbooted image came: `, booted via tftp from 172.18.2.3` (command reference), or cut at the terminal edge.
  [
    /^System image file is "([^"]*)"(?:, booted via(?: .+)?)?$/,
    (v, m) => {
      v.systemImage = m[1]!;
    },
  ],
  [
    /^Last reload type: (.+)$/,
    (v, m) => {
      v.lastReloadType = m[1]!.trim();
    },
  ],
  [
    /^Last reload reason: (.+)$/,
    (v, m) => {
      v.lastReloadReason = m[1]!.trim();
    },
  ],
  [
    /^Last reset from (.+)$/,
    (v, m) => {
      v.lastResetFrom = m[1]!.trim();
    },
  ],
  // `License Level: entservices   Type: Permanent` (genieparser iosxe golden_output_c4507)
  // 15.x ISR and switch images spell these with varying case and padding
  // (`License Level: ipservices`, `License Type: Permanent Right-To-Use`, `Next reboot License Level:`).
  [
    /^License Level\s*:\s*(\S+)(?:\s+Type\s*:\s*(\S.*))?$/i,
    (v, m) => {
      v.licenseLevel = m[1]!;
      if (m[2]) v.licenseType = m[2].trim();
    },
  ],
  [
    /^License Type\s*:\s*(\S.*)$/i,
    (v, m) => {
      v.licenseType = m[1]!.trim();
    },
  ],
  [
    /^Next (?:reload|reboot) license Level\s*:\s*(\S.*)$/i,
    (v, m) => {
      v.nextReloadLicenseLevel = m[1]!.trim();
    },
  ],
  [
    /^AIR License Level\s*:\s*(\S.*)$/i,
    (v, m) => {
      v.airLicenseLevel = m[1]!.trim();
    },
  ],
  [
    /^Next (?:reload|reboot) AIR license Level\s*:\s*(\S.*)$/i,
    (v, m) => {
      v.nextReloadAirLicenseLevel = m[1]!.trim();
    },
  ],
  // A licence level printed empty (`License Level:`, `Next reload addon license Level:`: a C8000V with
  // no licence chosen, genieparser iosxe golden_output_c8000v) names no level: nothing to keep.
  [/^(?:Next (?:reload|reboot) )?(?:[A-Za-z][\w -]*? )?License Level\s*:$/i, () => undefined],
  // Further licence kinds print the same three lines (`Addon License Level: dna-premier`,
  // `Cisco Wireless License Level: ...`, `Cisco Wireless License enforcement: DISABLE`): kept by label.
  [
    /^((?:Next (?:reload|reboot) )?[A-Za-z][\w -]*? License (?:Level|Type|enforcement))\s*:\s*(\S.*)$/i,
    (v, m) => {
      (v.otherLicenses ??= {})[m[1]!.replace(/\s+/g, ' ')] = m[2]!.trim();
    },
  ],
  // ISR 1000/4000 with throughput licensing: `The current crypto throughput level is 250000 kbps`.
  [
    /^The current crypto throughput level is (\d+) kbps$/,
    (v, m) => {
      v.cryptoThroughputKbps = Number(m[1]);
    },
  ],
  // C8000V / SD-WAN images: `The current throughput level is 10000 kbps` or `... is unthrottled`.
  [
    /^The current throughput level is (?:(\d+) kbps|(unthrottled))$/i,
    (v, m) => {
      v.throughputKbps = m[1] !== undefined ? Number(m[1]) : 'unthrottled';
    },
  ],
  [
    /^Smart Licensing Status: (.+)$/,
    (v, m) => {
      v.smartLicensingStatus = m[1]!.trim();
    },
  ],
  [
    /^License Mode: (.+)$/,
    (v, m) => {
      v.licenseMode = m[1]!.trim();
    },
  ],
  [
    /^Router operating mode: (.+)$/,
    (v, m) => {
      v.routerOperatingMode = m[1]!.trim();
    },
  ],
  [
    /^Installation mode is (\S+)$/,
    (v, m) => {
      v.installationMode = m[1]!;
    },
  ],
  [HARDWARE, hardware],
  // `Processor board ID FHK102KKKKK, with hardware revision 0000`, `Processor board ID JAD05390XNG (3894145955)`
  [
    /^Processor board ID (\S+?),?(?: with hardware revision \S+| \(\d+\))?$/,
    (v, m) => {
      v.serialNumber = m[1]!;
    },
  ],
  // `1024K bytes of NVRAM.` on IOL and some virtual platforms.
  [
    /^(\d+)K bytes of (?:(?:flash-simulated )?non-volatile configuration memory|NVRAM)\.?$/i,
    (v, m) => {
      v.nvramKb = Number(m[1]);
    },
  ],
  [
    /^(\d+)K bytes of physical memory\.$/,
    (v, m) => {
      v.physicalMemoryKb = Number(m[1]);
    },
  ],
  // `1609272K bytes of Flash at flash-2:.`, `0K bytes of  at webui:.` (no type printed)
  [
    /^(\d+)K bytes of (.*?) ?at (\S+?)\.?$/,
    (v, m) => {
      (v.filesystems ??= []).push({ name: m[3]!, type: m[2]!.trim(), sizeKb: Number(m[1]) });
    },
  ],
  [
    /^Configuration register is (0x[0-9A-Fa-f]+)(?: \(will be (0x[0-9A-Fa-f]+) at next reload\))?$/,
    (v, m) => {
      v.configRegister = m[1]!;
      if (m[2]) v.nextConfigRegister = m[2];
    },
  ],
];

function hardware(v: SystemVersion, m: RegExpExecArray): void {
  v.chassis = m[1]!;
  const paren = m[2]?.trim();
  // Without a CPU, the first bracket is the revision: `CISCO1941/K9 (revision 1.0)`.
  const rev = paren?.startsWith('revision ') ? paren.slice('revision '.length) : m[3];
  if (paren && !paren.startsWith('revision ')) v.processorType = paren;
  if (rev) v.processorRevision = rev.trim();
  if (m[4]) v.processorBoard = m[4];
  v.memoryKb = Number(m[5]);
  if (m[6] !== undefined) v.ioMemoryKb = Number(m[6]);
}

/** Reads one top-level field line into the record; false when no rule matches. */
export function applyFieldRule(v: SystemVersion, t: string): boolean {
  for (const [re, apply] of FIELD_RULES) {
    const m = re.exec(t);
    if (m) {
      apply(v, m);
      return true;
    }
  }
  return false;
}
