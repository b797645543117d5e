/**
 * Lines of `show version` that carry nothing the agent keeps, each recognised by
 * its whole shape so that a damaged line still stands out as a warning. Texts
 * are compared with runs of whitespace collapsed to one space.
 */
const PARAGRAPH_LINES = new Set([
  // Export notice, printed by every crypto image (all 36 corpus cases).
  'This product contains cryptographic features and is subject to United',
  'States and local country laws governing import, export, transfer and',
  'use. Delivery of Cisco cryptographic products does not imply',
  'third-party authority to import, export, distribute or use encryption.',
  'Importers, exporters, distributors and users are responsible for',
  'compliance with U.S. and local country laws. By using this product you',
  'agree to comply with applicable laws and regulations. If you are unable',
  'to comply with U.S. and local laws, return this product immediately.',
  'A summary of U.S. laws governing Cisco cryptographic products may be found at:',
  'http://www.cisco.com/wwl/export/crypto/tool/stqrg.html',
  'If you require further assistance please contact us by sending email to',
  'export@cisco.com.',
  // 12.2 images print the last sentence on one line (textfsm's cisco_version_example, a WS-C4948 on 12.2(31)SGA1).
  'If you require further assistance please contact us by sending email to export@cisco.com.',
  // IOS-XE GPL notice, in its two wrappings (genieparser iosxe golden_output_3 wraps after "2.0.").
  'All rights reserved. Certain components of Cisco IOS-XE software are',
  'licensed under the GNU General Public License ("GPL") Version 2.0. The',
  'software code licensed under GPL Version 2.0 is free software that comes',
  'with ABSOLUTELY NO WARRANTY. You can redistribute and/or modify such',
  'GPL code under the terms of GPL Version 2.0. For more details, see the',
  'GPL code under the terms of GPL Version 2.0.',
  '(http://www.gnu.org/licenses/gpl-2.0.html) For more details, see the',
  'documentation or "License Notice" file accompanying the IOS-XE software,',
  'or the applicable URL provided on the flyer accompanying the IOS-XE',
  'software.',
  // Banner lines around the version.
  'Technical Support: http://www.cisco.com/techsupport',
  'TAC:Home:SW:IOS:Specials for info',
  'Cisco Internetwork Operating System Software',
  'Running default software',
  'The password-recovery mechanism is enabled.',
  'The password-recovery mechanism is disabled.',
  'License Info:',
  // Cisco 7200 bus notice.
  'Please refer to the following document "Cisco 7200 Series Port Adaptor',
  'Hardware Configuration Guidelines" on Cisco.com <http://www.cisco.com>',
  'for c7200 bandwidth points oversubscription and usage guidelines.',
  'License UDI:',
]);

const IGNORABLE: readonly RegExp[] = [
  /^Copyright \(c\) \d{4}-\d{4}(?:, \d{4})* by [Cc]isco Systems, Inc\.$/,
  // The support address of the banner: `Technical Support: http://www.cisco.com/techsupport`, 12.x `TAC Support: http://www.cisco.com/tac`;
  // a customer special build (`Version 16.9.5, CUST-SPECIAL:V169_5_SR...`) names its service request instead
  // (ntc-templates cisco_ios_show_version_special_build).
  /^(?:Technical|TAC) Support: https?:\/\/\S+$/,
  /^This software is supported for a limited time under special agreement with Cisco Systems, Inc\.(?: \S+)?$/,
  /^Image text-base: 0x[0-9A-Fa-f]+, data-base: 0x[0-9A-Fa-f]+$/,
  // CPU and board detail: `SR71000 CPU at 600Mhz, Implementation 0x504, Rev 1.2, 512KB L2 Cache`
  /^\S+ CPU at [\d.]+[MG]Hz, .+$/i,
  /^\S+ processor: part number \d+, mask \d+$/,
  /^(?:\w+ Revision [\w.]+, ?)+\w+ Revision [\w.]+$/,
  /^DRAM configuration is \d+ bits wide with parity (?:en|dis)abled\.$/,
  // Cisco 3600s (IOS Configuration Fundamentals Command Reference, show version, a 3660 on 12.3(4)T):
  // the chassis type, the second ROM line with no boot image named, and the PCMCIA flash being read.
  /^\S+ Chassis type: \S+$/,
  /^ROM: ?$/,
  /^(?:Flash card inserted\. ?)?Reading filesystem\.\.\. ?done\.$/,
  /^Flash card inserted\.$/,
  // Feature sets of old IOS trains (genieparser iosxe golden_output_ios_2, ios cat6k).
  /^(?:Bridging|X\.25|TN3270 Emulation|SuperLAT) software\b.*$/,
  // Port and line counts: `3 Gigabit Ethernet interfaces`, `32 terminal line(s)`,
  // `2 2.5 Gigabit Ethernet interfaces`, `2 Channelized (E1 or T1)/PRI ports`.
  /^\d+ (?:[\w.(][\w ./+()-]*? )?(?:interfaces?|interface\(s\)|(?:terminal |virtual )?lines?|(?:terminal |virtual )?line\(s\)|Modules?|Module\(s\)|ports?|port\(s\)|DSPs?|slots?)\.?$/i,
  /^\d+ [A-Za-z][\w ]*? controllers? \(\d+ [A-Za-z]+\)\.$/,
  // 12.x Catalyst per-controller counts: `Ethernet-controller 1 has 12 Fast Ethernet/IEEE 802.3 interfaces`.
  /^Ethernet-controller \d+ has \d+ [\w ./-]+ interfaces?$/,
  // Catalyst 2900/3500 XL feature lines.
  /^Processor is running (?:Enterprise|Standard) Edition Software$/,
  /^Cluster (?:command|member) switch capable$/,
  // Storage other than file systems with a name.
  // `16384K bytes of processor board System flash (Read/Write)`, `0K bytes of ATA System CompactFlash 0 (Read/Write)`;
  // a 2500 whose flash cannot be written from the running image prints `(Device not programmable)`.
  /^\d+K bytes of [\w ./-]+ \((?:Read(?:\/Write| ONLY)|Device not programmable)\)\.?$/i,
  /^\d+K bytes of Flash internal SIMM \(Sector size \d+K\)\.$/,
  /^\d+K bytes of packet buffer memory\.$/,
  /^Time since \S+ switched to active is .+$/,
  // Chassis backplane and bus budget (7200: `6 slot VXR midplane, Version 2.11`, PCI bandwidth points).
  /^\d+ slot \S+ midplane, Version \S+$/,
  /^PCI bus \S+ \(Slots [^)]*\) has a capacity of \d+ bandwidth points\.$/,
  /^Current configuration on bus \S+ has a total of \d+ bandwidth points\.$/,
  /^This configuration is (?:within|not within) the PCI bus capacity and is (?:not )?supported\.$/,
  /^\d+K bytes of [\w ./-]+ at slot \d+ \(Sector size \d+ bytes\)\.$/,
  // Which image or package set runs (`Running default software` has its own entry above).
  /^Running (?:the )?[\w ./:-]*[Ii]mage\b.*$/,
  /^(?:Technology Package )?License Information for '[^']+'$/,
];

export function isIgnorableVersionLine(t: string): boolean {
  const s = t.replace(/\s+/g, ' ');
  return PARAGRAPH_LINES.has(s) || IGNORABLE.some((re) => re.test(s));
}
