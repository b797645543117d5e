/**
 * Lines a capture or the session adds around a command's own output, beyond what
 * splitLines already drops (only the first echoed command and a trailing prompt).
 * Checked only after a line failed every other classification, so it costs
 * nothing on the lines that matter.
 */
const NOISE: readonly RegExp[] = [
  // A prompt, alone or with the echoed command: `PE1#`, `R1#show ipv6 route bgp`,
  // `#show ip route vrf 1` (genieparser ShowIpRouteDistributor golden_output3, ShowIpRoute golden_output7),
  // or run from a configuration mode through `do` (`R1(config)#do show ip route`).
  /^(?:[A-Za-z0-9][\w.\-:()/]*)?[#>]\s*(?:(?:do\s+)?sh(?:ow?)?\s.*)?$/i,
  // The echoed command without a prompt, on a line of its own.
  /^sh(?:ow?)?\s+\S/i,
  // pyATS log banner: `943:  +++ PE1 with alias 'a': executing command 'show ip route' +++`.
  /^\d+:\s+\+\+\+ .* \+\+\+$/,
  // `exec prompt timestamp`: `Load for five secs: 12%/0%; ...`, `Time source is NTP, 16:14:07.495 EST ...`.
  /^Load for five secs:/,
  /^Time source is /,
  // Its second line when the clock has no source: `No time source, *12:44:19.808 UTC Tue Dec 7 2021`
  // (IP Addressing Services Command Reference, `show ip nhrp local`).
  /^No time source, /,
  // A capture's own timestamp: `Tue May 22 22:32:30.765 UTC` (ntc cisco_ios_show_ip_route1).
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} +\d{1,2} \d{1,2}:\d{2}:\d{2}(?:\.\d+)?(?: [A-Z]{2,5})?$/,
];

/** True for session or capture debris (trimmed line). */
export function isCaptureNoise(t: string): boolean {
  for (const re of NOISE) if (re.test(t)) return true;
  return false;
}
