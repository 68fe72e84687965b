/**
 * The throttling subject for a network address. IPv4 counts per address (an IPv4-mapped IPv6
 * address is its IPv4 address); IPv6 counts per /64, because one host is routinely handed a
 * whole /64 and could otherwise take a fresh address, and a fresh counter, for every attempt.
 */
export const addressSubject = (address: string): string => {
  const a = address.trim().toLowerCase();
  const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (mapped) return mapped[1] as string;
  if (!a.includes(':')) return a.slice(0, 64);
  const groups = ipv6Groups(a.split('%')[0] as string);
  // Unparseable text still gets a counter of its own, bounded in size.
  if (!groups) return a.slice(0, 64);
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
};

/** The eight 16-bit groups of an IPv6 address, or null when it is not one. */
const ipv6Groups = (text: string): number[] | null => {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (const [i, piece] of pieces.entries()) {
      const dotted = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(piece);
      if (dotted && i === pieces.length - 1) {
        const [b0, b1, b2, b3] = dotted.slice(1).map(Number) as [number, number, number, number];
        out.push(b0 * 256 + b1, b2 * 256 + b3);
      } else if (/^[0-9a-f]{1,4}$/.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return out;
  };
  const head = parse(halves[0] as string);
  const tail = halves.length === 2 ? parse(halves[1] as string) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 8 ? head : null;
  const missing = 8 - head.length - tail.length;
  return missing >= 1 ? [...head, ...Array<number>(missing).fill(0), ...tail] : null;
};
