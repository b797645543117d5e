import ssh2 from 'ssh2';

/**
 * A key pair from ssh2's generator that ssh2 itself can read back. About one
 * ed25519 pair in 256 cannot be: the generator strips a public key's leading
 * zero byte, and parseKey then calls it malformed (mscdex/ssh2#1513, #1390);
 * a test server given such a key failed its whole file in CI. RSA keys are 2048 bits.
 */
export function sshKeyPair(type: 'ed25519' | 'rsa'): { public: string; private: string } {
  const readable = (k: string) => !(ssh2.utils.parseKey(k) instanceof Error);
  for (let i = 0; i < 100; i++) {
    const pair = type === 'rsa' ? ssh2.utils.generateKeyPairSync('rsa', { bits: 2048 }) : ssh2.utils.generateKeyPairSync('ed25519');
    if (readable(pair.public) && readable(pair.private)) return pair;
  }
  throw new Error(`ssh2 generated no readable ${type} key pair in 100 tries`);
}
