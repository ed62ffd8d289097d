// No 0/O, 1/l/I: a temporary password is read aloud or typed from a chat message.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A temporary password for a new person: 14 characters from a 56-letter alphabet (~81 bits),
 * drawn with the browser's CSPRNG, in groups of 4 so it can be read out. The person changes it
 * under "My account" after signing in.
 */
export function temporaryPassword(random: (n: number) => Uint8Array = randomBytes): string {
  const out: string[] = [];
  // Rejection sampling: bytes at or over the largest multiple of the alphabet would bias it.
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < 14)
    for (const b of random(32))
      if (b < limit && out.length < 14) out.push(ALPHABET[b % ALPHABET.length]!);
  return [out.slice(0, 4), out.slice(4, 8), out.slice(8, 12), out.slice(12)]
    .map((g) => g.join(''))
    .join('-');
}

const randomBytes = (n: number) => crypto.getRandomValues(new Uint8Array(n));
