/** What a schema pattern accepts, in words: for the validation messages and `config check --explain`. */
const PATTERN_NAMES: [RegExp, string][] = [
  [/kKmMgGtT/, 'data size (2GB, 500MB, 1.5GiB, or a number of bytes)'],
  [/mqtts\?/, 'MQTT URL (mqtt://HOST:1883 or mqtts://HOST:8883)'],
  [/\(3\[0-2\]/, 'IPv4 prefix (10.0.0.0/8)'],
  [/6553\[0-5\]\):/, 'BGP community (AA:NN, each 0-65535)'],
  [/25\[0-5\]/, 'IPv4 address'],
  [/GigabitEthernet/, 'interface name (e.g. GigabitEthernet0/0, Cellular0/1/0, Tunnel100)'],
  [/SHA256/, 'host key fingerprint (SHA256:<43 base64 characters>, as ssh-keygen -l prints it)'],
  [/\/\\d\{1,3\}\$/, 'CIDR prefix (10.0.0.0/8)'],
  [/:\\d\{1,5\}\$/, 'HOST:PORT'],
  [/A-Za-z0-9\]\[A-Za-z0-9_\.-\]/, 'name (letters, digits, _ . -, at most 64)'],
];

/** The pattern's name when it has one, else `text matching PATTERN`. */
export const patternName = (pattern: string): string => PATTERN_NAMES.find(([re]) => re.test(pattern))?.[1] ?? `text matching ${pattern}`;
