import type { LicensePackage } from '../../../proto/records/system.js';
import { fields } from '../lines.js';

/** Licence types IOS prints in the table (Cisco licensing guides; the corpus holds the first five). */
const LICENSE_TYPE =
  /^(?:Permanent(?: Right-To-Use)?|RightToUse|Right-To-Use|None|(?:Subscription )?Smart License|EvalRightToUse|Evaluation|Temporary|Extension|Paid|Grace Period|Expired|Perpetual|Subscription)$/;

/**
 * `Technology Package License Information`. ISR G2 and ISR 4000 print a
 * technology column before the levels (`ipbase  ipbasek9  Permanent  ipbasek9`);
 * IOS-XE switches print none (`network-advantage  Smart License  network-advantage`,
 * columns split by tabs in genieparser c9500 golden_output_c9500_4). The header
 * says which; the licence type may hold spaces, the level names never do.
 */
export class LicenseTableReader {
  private technologyColumn = false;
  /** IOS-XE 17 routers (C8000, ISR 4000) put the type second and the levels last. */
  private typeSecond = false;
  private headerSeen = false;
  private readonly rows: LicensePackage[] = [];

  /** A `Technology Package License Information` title: a table follows (ISR G2 prints one per module). */
  start(): void {
    this.headerSeen = false;
  }

  /** True when the line is the table's header or one of its rows; rows only count under the column heads. */
  line(t: string): boolean {
    if (/^Technology\s+Technology-package\s+Technology-package$/.test(t)) {
      this.header(true, false);
      return true;
    }
    if (/^Technology-package\s+Technology-package$/.test(t)) {
      this.header(false, false);
      return true;
    }
    // `Technology     Type         Technology-package Technology-package` over `Current  Next Reboot`.
    if (/^Technology\s+Type\s+Technology-package\s+Technology-package$/.test(t)) {
      this.header(true, true);
      return true;
    }
    if (/^Current\s+(?:Type\s+)?Next reboot$/i.test(t)) return this.headerSeen;
    if (!this.headerSeen) return false;
    if (this.typeSecond) return this.typeSecondRow(t);
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

  private header(technologyColumn: boolean, typeSecond: boolean): void {
    [this.technologyColumn, this.typeSecond, this.headerSeen] = [technologyColumn, typeSecond, true];
  }

  /**
   * `Smart License  Perpetual    network-essentials network-essentials`: the
   * levels are the last two fields; before them the technology and the type,
   * either of which may hold spaces, told apart by the longest known type ending them.
   */
  private typeSecondRow(t: string): boolean {
    const f = fields(t);
    if (f.length < 4) return false;
    const before = f.slice(0, -2);
    for (let k = Math.min(3, before.length - 1); k >= 1; k--) {
      const type = before.slice(-k).join(' ');
      if (!LICENSE_TYPE.test(type)) continue;
      this.rows.push({ technology: before.slice(0, -k).join(' '), current: f[f.length - 2]!, type, nextReboot: f[f.length - 1]! });
      return true;
    }
    return false;
  }

  packages(): LicensePackage[] {
    return this.rows;
  }
}
