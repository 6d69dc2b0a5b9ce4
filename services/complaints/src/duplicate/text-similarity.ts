// Punctuation, symbols and spaces say nothing about what a complaint is about.
const NOISE = /[\p{P}\p{S}\p{Z}\s]/gu;

/**
 * The set of adjacent character pairs of a text (Chinese has no spaces to split words on, and
 * two characters are the commonest word length), ignoring punctuation, spaces and letter case.
 */
export function characterBigrams(text: string): Set<string> {
  const chars = [...text.normalize('NFKC').toLowerCase().replace(NOISE, '')];
  if (chars.length === 1) return new Set(chars);
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) pairs.add(chars[i] + chars[i + 1]);
  return pairs;
}

/** |A ∩ B| ÷ |A ∪ B|: 1 for the same set, 0 for nothing in common (or two empty sets). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const item of small) if (large.has(item)) common++;
  const union = a.size + b.size - common;
  return union === 0 ? 0 : common / union;
}
