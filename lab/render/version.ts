/**
 * `show version` of an IR829 running IOS 15.9(3)M, in the IOS 15 ISR layout
 * (corpus: genieparser ios ShowVersion golden_output_ios_c1900; the corpus
 * holds no IR8x9 capture, so the platform lines follow that layout).
 */
import type { RouterModel } from '../router/model.js';
import { iosDate, versionUptime } from './format.js';

const CRYPTO_NOTICE = [
  'This product contains cryptographic features and is subject to United',
  'States and local country laws governing import, export, transfer and',
  'use. Delivery of Cisco cryptographic products does not imply',
  'third-party authority to import, export, distribute or use encryption.',
  'Importers, exporters, distributors and users are responsible for',
  'compliance with U.S. and local country laws. By using this product you',
  'agree to comply with applicable laws and regulations. If you are unable',
  'to comply with U.S. and local laws, return this product immediately.',
  '',
  'A summary of U.S. laws governing Cisco cryptographic products may be found at:',
  'http://www.cisco.com/wwl/export/crypto/tool/stqrg.html',
  '',
  'If you require further assistance please contact us by sending email to',
  'export@cisco.com.',
];

export function renderVersion(m: RouterModel): string {
  const now = m.opts.clock.now();
  const uptimeSec = Math.floor((now - m.rt.bootAt) / 1000);
  const serial = `FGL2231${String(m.opts.seed % 10000).padStart(4, '0')}`;
  return [
    'Cisco IOS Software, ir800 Software (ir800-UNIVERSALK9-M), Version 15.9(3)M4, RELEASE SOFTWARE (fc1)',
    'Technical Support: http://www.cisco.com/techsupport',
    'Copyright (c) 1986-2021 by Cisco Systems, Inc.',
    'Compiled Tue 09-Nov-21 19:26 by prod_rel_team',
    '',
    'ROM: System Bootstrap, Version 15.9(3r)M4, RELEASE SOFTWARE (fc1)',
    '',
    `${m.config.hostname} uptime is ${versionUptime(uptimeSec)}`,
    'System returned to ROM by power-on',
    `System restarted at ${iosDate(m.rt.bootAt)}`,
    'System image file is "flash:ir800-universalk9-mz.SPA.159-3.M4"',
    'Last reload type: Normal Reload',
    'Last reload reason: power-on',
    '',
    '',
    '',
    ...CRYPTO_NOTICE,
    '',
    `Cisco IR829GW-LTE-GA-EK9 (revision 1.0) with 710656K/75776K bytes of memory.`,
    `Processor board ID ${serial}`,
    '5 Gigabit Ethernet interfaces',
    '1 terminal line',
    '2 Cellular interfaces',
    'DRAM configuration is 72 bits wide with parity disabled.',
    '255K bytes of non-volatile configuration memory.',
    '1826815K bytes of ATA System CompactFlash 0 (Read/Write)',
    '',
    '',
    'Configuration register is 0x2102',
  ].join('\n');
}
