/** The smallest valid configuration, for tests that break one thing in it. */
export const MINIMAL = `
site: s1
node: n1
router: { ssh: { host: 192.168.1.1, username: u, password: p, acceptAnyHostKey: true } }
flexvpn:
  client: FLEX
  tunnel: Tu100
  peers: [{ address: 192.0.2.1, stubTrack: 101 }]
  sources: [{ interface: Gi0/0, stubTrack: 111 }]
candidates: [{ id: a, peer: 192.0.2.1, source: GigabitEthernet0/0, slaOperations: [1] }]
`;

/** A billion-laughs document: 9^9 strings if expanded, a few hundred bytes as text. */
export function billionLaughs(): string {
  let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  const names = 'abcdefghi';
  for (let i = 1; i < names.length; i++) {
    const prev = `*${names[i - 1]}`;
    text += `${names[i]}: &${names[i]} [${Array(9).fill(prev).join(',')}]\n`;
  }
  return text;
}
