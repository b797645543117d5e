import type { LicensePackage } from '../../../proto/records/system.js';
import { fields } from '../lines.js';

/** Licence types IOS prints in the table (Cisco licensing guides; the corpus holds the first five). */
const LICENSE_TYPE = /^(?:Permanent(?: Right-To-Use)?|RightToUse|Right-To-Use|None|(?:Subscription )?Smart License|EvalRightToUse|Evaluation|Temporary|Extension|Paid|Grace Period|Expired)$/;

/**
 * `Technology Package License Information`. ISR G2 and ISR 4000 print a
 * technology column before the levels (`ipbase  ipbasek9  Permanent  ipbasek9`);
 * IOS-XE switches print none (`network-advantage  Smart License  network-advantage`,
 * columns split by tabs in genieparser c9500 golden_output_c9500_4). The header
 * says which; the licence type may hold spaces, the level names never do.
 */
export class LicenseTableReader {
  private technologyColumn = false;
  private headerSeen = false;
  private readonly rows: LicensePackage[] = [];

  /** A `Technology Package License Information` title: a table follows (ISR G2 prints one per module). */
  start(): void {
    this.headerSeen = false;
  }

  /** True when the line is the table's header or one of its rows; rows only count under the column heads. */
  line(t: string): boolean {
    if (/^Technology\s+Technology-package\s+Technology-package$/.test(t)) { this.technologyColumn = true; this.headerSeen = true; return true; }
    if (/^Technology-package\s+Technology-package$/.test(t)) { this.technologyColumn = false; this.headerSeen = true; return true; }
    if (/^Current\s+Type\s+Next reboot$/.test(t)) return this.headerSeen;
    if (!this.headerSeen) return false;
    const f = fields(t);
    const lead = this.technologyColumn ? 1 : 0;
    if (f.length < lead + 3) return false;
    const type = f.slice(lead + 1, -1).join(' ');
    // Blank lines do not end the table (some captures are double-spaced, genieparser
    // c9500 golden_output_c9500), so a row is known by its licence type.
    if (!LICENSE_TYPE.test(type)) return false;
    const row: LicensePackage = { current: f[lead]!, type, nextReboot: f[f.length - 1]! };
    if (this.technologyColumn) row.technology = f[0]!;
    this.rows.push(row);
    return true;
  }

  packages(): LicensePackage[] {
    return this.rows;
  }
}
