import type { LoggingReport, SyslogRecord, SystemVersion } from '../../../proto/records/system.js';
import { parseDuration } from '../../../agent/parsers/duration.js';
import { looksLikeInterface } from '../../../agent/parsers/interface-name.js';
import { Facts } from '../facts.js';
import type { CaseSource } from '../corpus-index.js';
import type { Json, Mapper, NtcRow } from '../mapper.js';

// ------------------------------------------------------------------ show version

/** genie keeps IOS's words; a wrapped last unit leaves a bare number (golden_output_ios_c2600_2), which is minutes. */
const durationOf = (text: unknown): number | undefined =>
  typeof text === 'string' ? parseDuration(/\d$/.test(text) ? `${text} minutes` : text) : undefined;

/** A ROM line naming an image is the boot image; IOS 12.x prints it as a second `ROM:` line. */
const isBootImage = (text: string) => /Software \([^)]+\), Version /.test(text);

function genieVersion(expected: Json): Facts {
  const g = expected.version ?? {};
  const f = new Facts();
  f.set('hostname', g.hostname).set('os', g.os).set('version', g.version);
  f.set('xeVersion', typeof g.xe_version === 'string' ? g.xe_version.replace(/ - SMU-PATCHED$/, '') : undefined);
  f.set('softwarePlatform', g.platform).set('imageId', g.image_id).set('releaseTrain', g.location);
  f.set('releaseLabel', g.label).set('compiledAt', g.compiled_date).set('compiledBy', g.compiled_by);
  // The cat6k parser splits `(fc1)` off the ROM line into rom_version.
  const rom = g.rom === undefined ? undefined : g.rom_version ? `${g.rom} ${g.rom_version}` : g.rom;
  if (rom !== undefined) f.set(isBootImage(rom) ? 'bootloader' : 'rom', rom);
  f.set('bootloader', g.bootldr ?? g.bootldr_version);
  f.set('uptimeSec', durationOf(g.uptime));
  f.set('controlProcessorUptimeSec', durationOf(g.uptime_this_cp ?? g.control_processor_uptime));
  // The cat6k/c7600 parsers keep `reload at <time> (SP by power-on)` whole.
  const rtr = /^(.+?) at (\d{1,2}:\d{2}:\d{2} .+?)(?: \(SP by (.+)\))?$/.exec(g.returned_to_rom_by ?? '');
  if (rtr) f.set('returnedToRomBy', rtr[1]).set('returnedToRomAt', rtr[2]).set('spReturnedToRomBy', rtr[3]);
  else f.set('returnedToRomBy', g.returned_to_rom_by);
  f.set('returnedToRomAt', g.returned_to_rom_at).set('spReturnedToRomBy', g.sp_by);
  f.set('restartedAt', g.system_restarted_at).set('systemImage', g.system_image);
  f.set('lastReloadType', g.last_reload_type ?? g.last_reload?.type);
  // genie's reason holds whichever of `Last reload reason:` and `Last reset from` IOS printed
  // last; the reset line, when present, comes later (genieparser ios golden_output_ios_1).
  f.set('reloadReason.lastPrinted', g.last_reload_reason).set('lastReloadReason', g.last_reload?.reason);
  // The cat6k parser keeps the first word of `Last reset from s/w reset`.
  f.set('lastResetFrom.firstWord', g.last_reset);
  f.set('chassis', g.chassis).set('memoryKb', g.main_mem);
  // Without a CPU in brackets genie files the board revision as the processor type.
  const rev = /^revision (.+)$/.exec(g.processor_type ?? '');
  if (rev) f.set('processorRevision', rev[1]);
  else f.set('processorType', g.processor_type);
  f.set('serialNumber', g.chassis_sn ?? g.processor_board_id);
  f.set('configRegister', g.curr_config_register).set('nextConfigRegister', g.next_config_register);
  const mem = g.mem_size ?? {};
  f.set('nvramKb', mem['non-volatile configuration'] ?? mem['flash-simulated non-volatile configuration'] ?? g.memory?.non_volatile_conf);
  f.set('physicalMemoryKb', mem.physical);
  licenseLevels(f, g);
  f.set('smartLicensingStatus', g.smart_licensing_status).set('routerOperatingMode', g.router_operating_mode);
  f.set('installationMode', g.installation_mode);
  const packages = Object.entries<Json>(g.license_package ?? {});
  for (const [key, p] of packages) {
    f.set(`license[${key}].current`, p.license_level).set(`license[${key}].type`, p.license_type);
    f.set(`license[${key}].nextReboot`, p.next_reload_license_level);
  }
  if (packages.length > 0) f.set('license.count', packages.length);
  const disks = Object.entries<Json>(g.disks ?? {});
  for (const [name, d] of disks) {
    const k = `fs[${name.replace(/\.$/, '')}]`;
    f.set(`${k}.sizeKb`, d.disk_size).set(`${k}.type`, d.type_of_disk);
  }
  // The cat9k/c9500 parser keeps no disk type and skips some disks (`bootflash-2:`, `disk0:`): no count from it.
  if (disks.length > 0 && disks.every(([, d]) => d.type_of_disk !== undefined)) f.set('fs.count', disks.length);
  const members = Object.entries<Json>(g.switch_num ?? {});
  for (const [n, s] of members) {
    const k = `member[${n}]`;
    f.set(`${k}.macAddress`, s.mac_address).set(`${k}.motherboardAssemblyNumber`, s.mb_assembly_num);
    f.set(`${k}.motherboardSerialNumber`, s.mb_sn).set(`${k}.motherboardRevision`, s.mb_rev_num);
    f.set(`${k}.modelRevision`, s.model_rev_num).set(`${k}.modelNumber`, s.model_num);
    f.set(`${k}.systemSerialNumber`, s.system_sn).set(`${k}.topAssemblyPartNumber`, s.top_assembly_part_num);
    f.set(`${k}.topAssemblyRevision`, s.top_assembly_rev_num).set(`${k}.versionId`, s.version_id);
    f.set(`${k}.cleiCode`, s.clei_code_num).set(`${k}.uptimeSec`, durationOf(s.uptime));
    f.set(`${k}.ports`, s.ports).set(`${k}.model`, s.model).set(`${k}.swVersion`, s.sw_ver);
    f.set(`${k}.swImage`, s.sw_image).set(`${k}.mode`, s.mode).set(`${k}.active`, s.active);
  }
  if (members.length > 0) f.set('member.count', members.length);
  return f;
}

/**
 * Top-level licence levels, around two genie habits: the c9500 parser files the
 * `AIR License Level` lines as the licence level, and the c3850 one copies the
 * package table's row into the top-level fields (golden_output_c3850).
 */
function licenseLevels(f: Facts, g: Json): void {
  const rows = Object.values<Json>(g.license_package ?? {});
  const copiedRow = rows.some((p) => p.license_level === g.license_level && p.next_reload_license_level === g.next_reload_license_level);
  const air = (x: unknown) => typeof x === 'string' && x.startsWith('AIR ');
  if (air(g.license_level)) f.set('airLicenseLevel', g.license_level);
  else if (!copiedRow) f.set('licenseLevel', g.license_level).set('licenseType', g.license_type);
  if (air(g.next_reload_license_level)) f.set('nextReloadAirLicenseLevel', g.next_reload_license_level);
  else if (!copiedRow) f.set('nextReloadLicenseLevel', g.next_reload_license_level);
  f.set('airLicenseLevel', g.air_license_level).set('nextReloadAirLicenseLevel', g.next_reload_air_license_level);
}

function ntcVersion(rows: NtcRow[]): Facts {
  const f = new Facts();
  const r = rows[0] ?? {};
  f.set('hostname', r.hostname).set('version', r.version).set('configRegister', r.config_register);
  f.set('imageId', r.software_image).set('restartedAt', r.restarted);
  f.set('uptimeSec', durationOf(r.uptime)).set('reloadReason', r.reload_reason);
  // ntc keeps the first word of the ROM line, the fc number of the release (or a special build's name), the image path without its device.
  f.set('rom.firstWord', r.rommon).set('release', r.release).set('systemImage.path', r.running_image);
  for (const key of ['hardware', 'serial', 'mac_address'] as const) {
    const list = Array.isArray(r[key]) ? r[key] : [];
    list.forEach((x, i) => f.set(`${key}[${i}]`, x));
    f.set(`${key}.count`, list.length);
  }
  return f;
}

function oursVersion(records: SystemVersion[], source: CaseSource): Facts {
  const f = new Facts();
  const v = records[0];
  if (!v) return f;
  const { licensePackages, filesystems, stackMembers, ...scalars } = v;
  for (const [key, value] of Object.entries(scalars)) f.set(key, value);
  f.set('lastResetFrom.firstWord', v.lastResetFrom?.split(' ')[0]);
  f.set('reloadReason.lastPrinted', v.lastResetFrom ?? v.lastReloadReason);
  for (const p of licensePackages ?? []) {
    const k = `license[${p.technology ?? p.current}]`;
    f.set(`${k}.current`, p.current).set(`${k}.type`, p.type).set(`${k}.nextReboot`, p.nextReboot);
  }
  if (licensePackages) f.set('license.count', licensePackages.length);
  for (const fs of filesystems ?? []) f.set(`fs[${fs.name}].sizeKb`, fs.sizeKb).set(`fs[${fs.name}].type`, fs.type);
  if (filesystems) f.set('fs.count', filesystems.length);
  for (const m of stackMembers ?? []) {
    for (const [key, value] of Object.entries(m)) f.set(`member[${m.number}].${key}`, value);
    // genie gives the active switch the control processor's uptime (it runs it); IOS prints none in its block.
    if (m.active && m.uptimeSec === undefined) f.set(`member[${m.number}].uptimeSec`, v.controlProcessorUptimeSec);
  }
  if (stackMembers) f.set('member.count', stackMembers.length);
  if (source === 'ntc') {
    f.set('reloadReason', v.lastReloadReason ?? v.returnedToRomBy);
    f.set('rom.firstWord', v.rom?.split(/[\s,]/)[0]);
    // ntc's release is the fc number, or a customer special build's name (`CUST-SPECIAL:V169_5_SR689355441_2`).
    const label = v.releaseLabel ?? '';
    f.set('release', /\((fc\d+)\)/.exec(label)?.[1] ?? /^CUST-SPECIAL:(\S+)$/.exec(label)?.[1]);
    f.set('systemImage.path', v.systemImage?.replace(/^[\w-]+:/, ''));
    const members = stackMembers ?? [];
    const lists = {
      hardware: members.length > 0 ? members.map((m) => m.modelNumber) : [v.chassis],
      serial: members.length > 0 ? members.map((m) => m.systemSerialNumber) : [v.serialNumber],
      mac_address: members.map((m) => m.macAddress),
    };
    for (const [key, list] of Object.entries(lists)) {
      const present = list.filter((x) => x !== undefined);
      present.forEach((x, i) => f.set(`${key}[${i}]`, x));
      f.set(`${key}.count`, present.length);
    }
  }
  return f;
}

const showVersion: Mapper = {
  genie: genieVersion,
  ntc: ntcVersion,
  ours: (records, _args, source) => oursVersion(records as SystemVersion[], source),
};

// ------------------------------------------------------------------ show logging

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** genie's `logs` also collects other lines (`Logging to: vty2(1297)`, discriminator rows): keep the messages. */
const LOOKS_LIKE_MESSAGE = /^(?:\d+: )?[*.]?[A-Z][a-z]{2} {1,2}\d{1,2} \d|%[A-Z0-9_]+-[0-7]-[A-Z0-9_]+:/;
const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A message as IOS printed it, rebuilt from our fields (the buffer form has no PRI or hostname). */
function printed(m: SyslogRecord): string {
  const seq = m.sequence !== undefined ? `${String(m.sequence).padStart(6, '0')}: ` : '';
  const marker = m.timestamp?.clock === 'unsynchronised' ? '*' : m.timestamp?.clock === 'sync-lost' ? '.' : '';
  const ts = m.timestamp ? `${marker}${m.timestamp.text}: ` : '';
  const mnemonic = m.facility ? `%${m.facility}${m.unit ? `-${m.unit}` : ''}-${m.severity}-${m.mnemonic}: ` : '';
  return squeeze(`${seq}${ts}${mnemonic}${m.text}`);
}

function genieLogging(expected: Json): Facts {
  const f = new Facts();
  for (const [state, v] of Object.entries<Json>(expected.syslog_logging ?? {})) {
    f.set('syslog', state);
    const c = v.counters ?? {};
    f.set('messagesDropped', c.messages_dropped).set('messagesRateLimited', c.messages_rate_limited);
    f.set('flushes', c.flushes).set('overruns', c.overruns).set('xml', c.xml).set('filtering', c.filtering);
  }
  const l = expected.logging ?? {};
  for (const dest of ['console', 'monitor', 'buffer', 'trap'] as const) {
    const d = l[dest] ?? {};
    f.set(`${dest}.status`, d.status).set(`${dest}.level`, d.level);
    f.set(`${dest}.messagesLogged`, d.messages_logged ?? d.message_lines_logged);
    f.set(`${dest}.xml`, d.xml).set(`${dest}.filtering`, d.filtering);
  }
  f.set('exceptionStatus', l.exception?.status).set('exceptionSizeBytes', l.exception?.size_bytes);
  f.set('countAndTimestamp', l.count_and_time_stamp_logging_messages).set('file', l.file?.status);
  const p = l.persistent ?? {};
  f.set('persistent.status', p.status).set('persistent.url', p.url).set('persistent.diskSpaceBytes', p.disk_space_bytes);
  f.set('persistent.fileSizeBytes', p.file_size_bytes).set('persistent.batchSizeBytes', p.batch_size_bytes);
  f.set('persistent.thresholdPercent', p.threshold_percent);
  const hosts = Object.entries<Json>(l.trap?.logging_to ?? {});
  for (const [addr, h] of hosts) {
    const k = `host[${addr}]`;
    f.set(`${k}.transport`, h.protocol).set(`${k}.port`, h.port).set(`${k}.audit`, h.audit).set(`${k}.vrf`, h.vrf);
    f.set(`${k}.link`, h.link).set(`${k}.messageLinesLogged`, h.message_lines_logged);
    f.set(`${k}.messageLinesRateLimited`, h.message_lines_rate_limited).set(`${k}.messageLinesDroppedByMd`, h.message_lines_dropped_by_md);
    f.set(`${k}.xml`, h.xml).set(`${k}.sequenceNumber`, h.sequence_number).set(`${k}.filtering`, h.filtering);
  }
  f.set('host.count', hosts.length);
  // genie also files the echoed command and `tls-profile:` rows here (iosxe golden_output_17, _19).
  for (const [name, s] of Object.entries<Json>(l.trap?.logging_source_interface ?? {})) {
    if (looksLikeInterface(name)) f.set(`sourceInterface[${name}].vrf`, s.vrf);
  }
  for (const [name, t] of Object.entries<Json>(expected.tls_profiles ?? {})) {
    f.set(`tls[${name}].ciphersuites`, (t.ciphersuites ?? []).join(' ')).set(`tls[${name}].trustpoint`, t.trustpoint);
    f.set(`tls[${name}].tlsVersion`, t.tls_version);
  }
  f.set('bufferSizeBytes', expected.log_buffer_bytes);
  const logs = ((expected.logs ?? []) as string[]).filter((x) => LOOKS_LIKE_MESSAGE.test(x));
  logs.forEach((x, i) => f.set(`log[${i}].printed`, squeeze(x)));
  return f.set('log.count', logs.length);
}

function ntcLogging(rows: NtcRow[]): Facts {
  const f = new Facts();
  rows.forEach((r, i) => {
    const k = `log[${i}]`;
    const month = MONTHS.indexOf(String(r.month)) + 1;
    f.set(`${k}.sequence`, r.number)
      .set(`${k}.month`, month > 0 ? month : undefined)
      .set(`${k}.day`, r.day);
    f.set(`${k}.time`, r.time).set(`${k}.timezone`, r.timezone).set(`${k}.facility`, r.facility);
    f.set(`${k}.severity`, r.severity).set(`${k}.mnemonic`, r.mnemonic);
    const message = Array.isArray(r.message) ? r.message : [r.message ?? ''];
    f.set(`${k}.text`, squeeze(message.join(' ')));
  });
  return f.set('log.count', rows.length);
}

function oursLogging(records: LoggingReport[], source: CaseSource): Facts {
  const f = new Facts();
  const report = records[0];
  if (!report) return f.set('log.count', 0);
  const { console: con, monitor, buffer, trap, persistent, hosts, sourceInterfaces, tlsProfiles, ...scalars } = report.settings;
  for (const [key, value] of Object.entries(scalars)) f.set(key, value);
  for (const [dest, d] of Object.entries({ console: con, monitor, buffer, trap })) {
    for (const [key, value] of Object.entries(d ?? {})) f.set(`${dest}.${key}`, value);
  }
  for (const [key, value] of Object.entries(persistent ?? {})) f.set(`persistent.${key}`, value);
  for (const h of hosts ?? []) for (const [key, value] of Object.entries(h)) f.set(`host[${h.address}].${key}`, value);
  f.set('host.count', hosts?.length ?? 0);
  for (const s of sourceInterfaces ?? []) f.set(`sourceInterface[${s.interface}].vrf`, s.vrf);
  for (const t of tlsProfiles ?? []) {
    f.set(`tls[${t.name}].ciphersuites`, t.ciphersuites?.join(' ')).set(`tls[${t.name}].trustpoint`, t.trustpoint);
    f.set(`tls[${t.name}].tlsVersion`, t.tlsVersion);
  }
  report.messages.forEach((m, i) => {
    const k = `log[${i}]`;
    if (source === 'genie') {
      f.set(`${k}.printed`, printed(m));
      return;
    }
    const ts = m.timestamp;
    f.set(`${k}.sequence`, m.sequence).set(`${k}.month`, ts?.month).set(`${k}.day`, ts?.day);
    // A cut header (`7:04`) has no parsed time; ntc reads what is left as the time.
    f.set(`${k}.time`, ts?.time ?? ts?.text)
      .set(`${k}.timezone`, ts?.timezone)
      .set(`${k}.facility`, m.facility);
    f.set(`${k}.severity`, m.severity).set(`${k}.mnemonic`, m.mnemonic).set(`${k}.text`, m.text);
  });
  return f.set('log.count', report.messages.length);
}

const showLogging: Mapper = {
  genie: genieLogging,
  ntc: ntcLogging,
  ours: (records, _args, source) => oursLogging(records as LoggingReport[], source),
};

// ------------------------------------------------------------------ syslog

/** Received messages, one fact per header part; only `facts` cases carry syslog captures. */
const syslog: Mapper = {
  ours: (records) => {
    const f = new Facts();
    (records as SyslogRecord[]).forEach((m, i) => {
      const k = `msg[${i}]`;
      for (const key of [
        'priority',
        'messageCounter',
        'sequence',
        'hostname',
        'location',
        'facility',
        'unit',
        'severity',
        'mnemonic',
        'text',
      ] as const) {
        f.set(`${k}.${key}`, m[key]);
      }
      const ts = m.timestamp;
      f.set(`${k}.year`, ts?.year)
        .set(`${k}.month`, ts?.month)
        .set(`${k}.day`, ts?.day)
        .set(`${k}.time`, ts?.time)
        .set(`${k}.timezone`, ts?.timezone);
    });
    return f.set('msg.count', records.length);
  },
};

export const systemMappers: Record<string, Mapper> = {
  'show version': showVersion,
  'show logging': showLogging,
  syslog,
};
