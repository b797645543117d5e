import type { ParseResult } from '../../../proto/records/common.js';
import type { SystemVersion } from '../../../proto/records/system.js';
import { parseDuration } from '../duration.js';
import { splitLines, Warnings } from '../lines.js';
import { isIgnorableVersionLine } from './show-version-boilerplate.js';
import { applyFieldRule } from './show-version-fields.js';
import { StackReader } from './show-version-stack.js';
import { LicenseTableReader } from './show-version-tables.js';

/** Sections whose rows only make sense under their header. */
type Section = 'none' | 'license' | 'suite' | 'udi' | 'smu' | 'switch-table';

const SECTION_HEADERS: ReadonlyArray<readonly [RegExp, Section]> = [
  [/^Technology Package License Information(?: for Module:'[^']+')?\s*:?$/, 'license'],
  [/^Suite License Information for Module:'[^']+'$/, 'suite'],
  [/^Device#\s+PID\s+SN$/, 'udi'],
  [/^Active SMU Information:$/, 'smu'],
  [/^Switch\s+Ports\s+Model\s+SW Version\s+SW Image(?:\s+Mode)?$/, 'switch-table'],
];

/** Rows of the sections whose content the record does not keep (licence UDI, suites, SMUs). */
const SKIPPED_ROWS: Partial<Record<Section, readonly RegExp[]>> = {
  // `*0        C3900-SPE150/K9       FOC16050QP6` (genieparser ios device_output)
  udi: [/^\*?\d+\s+\S+\s+\S+$/],
  // `FoundationSuiteK9     None    None    None`, then the member packages one per line (genieparser iosxe isr4k)
  // The type column may hold two words (`FoundationSuiteK9  None  Smart License  None`).
  suite: [/^Suite\s+Suite Current\s+Type\s+Suite Next reboot$/, /^\S+\s+\S+\s+\S+(?: \S+)?\s+\S+$/, /^[\w-]+$/],
  // SD-WAN controller mode prints this instead of the table.
  license: [/^Controller-managed$/i],
  // `SMU   CSCvz54210   17.03.03. C  cat9k_iosxe...smu.bin` (genieparser c9500 golden_output_c9500_4)
  smu: [
    /^State \(St\):\s+C - Committed, U - Uncommitted$/,
    /^Type\s+Defect_ID\s+Version\s+St\s+Filename$/,
    /^SMU\s+\S+\s+\S+\s+[CU]\s+\S+$/,
  ],
};

const UPTIME_UNIT = /^(?:years?|weeks?|days?|hours?|minutes?|seconds?)$/;

/**
 * `show version`: one record. Every line is either read into a field, recognised
 * as carrying nothing we keep (export and GPL notices, port counts, ...), or
 * warned about. A line that only makes sense in a table is read only under its header.
 */
export function parseShowVersion(text: string): ParseResult<SystemVersion> {
  const warnings = new Warnings('a banner, ROM/BOOTLDR, uptime, image, reload, hardware, memory, storage, licence or register line');
  const v: SystemVersion = {};
  const licenses = new LicenseTableReader();
  const stack = new StackReader();
  let section: Section = 'none';
  let wrappedUptime: string | undefined;
  let bannerJustRead = false;
  let sawAnything = false;

  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '') continue;
    sawAnything = true;
    // A narrow terminal wrapped the uptime's last unit onto its own line
    // (`dna-poc-ts uptime is 4 weeks, 2 days, 7 hours, 56` / `minutes`, genieparser golden_output_ios_c2600_2).
    if (wrappedUptime !== undefined && UPTIME_UNIT.test(t)) {
      const sec = parseDuration(`${wrappedUptime} ${t}`);
      if (sec !== undefined) v.uptimeSec = sec;
      wrappedUptime = undefined;
      continue;
    }
    wrappedUptime = undefined;
    if (/^-[-\s]*$/.test(t)) continue; // table rules, `------ ----- -----` under column heads

    const header = SECTION_HEADERS.find(([re]) => re.test(t));
    if (header) {
      section = header[1];
      if (section === 'license') licenses.start();
      continue;
    }
    if (stack.blockHeader(t)) {
      section = 'none';
      continue;
    }

    // An experimental image's build label on the line after the banner (`IOS (tm) GS Software (RSP-JV-M),
    // Experimental Version 11.1(12816)` / `[getchell 108]`, the show version command reference), as the
    // same label at the banner's end (`... Experimental Version 15.2(20170321:233949) [mmen 101]`).
    if (bannerJustRead && v.experimental && v.releaseLabel === undefined && /^\[[^\]]+\]$/.test(t)) {
      v.releaseLabel = t;
      bannerJustRead = false;
      continue;
    }
    const hadVersion = v.version !== undefined;
    if (applyFieldRule(v, t)) {
      bannerJustRead = !hadVersion && v.version !== undefined;
      section = 'none';
      const up = /^\S+ uptime is (.*\d)$/.exec(t);
      if (up) wrappedUptime = up[1];
      continue;
    }
    if (stack.memberField(t)) continue;
    if (isIgnorableVersionLine(t)) continue;
    if (section === 'license' && licenses.line(t)) continue;
    if (section === 'switch-table' && stack.tableRow(t)) continue;
    if (SKIPPED_ROWS[section]?.some((re) => re.test(t))) continue;
    warnings.add(line, 'unrecognised show version line');
  }

  if (!sawAnything) return { records: [], warnings: warnings.list };
  const packages = licenses.packages();
  if (packages.length > 0) v.licensePackages = packages;
  const members = stack.members();
  if (members.length > 0) v.stackMembers = members;
  if (v.hostname === undefined)
    warnings.add({ n: 0, text: '' }, 'no "<hostname> uptime is" line', "'<hostname> uptime is <duration>' somewhere in the output");
  return { records: [v], warnings: warnings.list };
}
