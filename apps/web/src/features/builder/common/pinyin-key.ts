import { kebabKeyFrom } from './keys';

const HAN = /\p{Script=Han}/u;

/**
 * A kebab-case key from a name that may be Chinese only: "招生组" -> "zhao-sheng-zu" (its pinyin,
 * without tones, "ü" as "v"), unique among `taken`. Without a Chinese character it is
 * `kebabKeyFrom`. pinyin-pro, with its ~500 KB dictionary, is loaded on first use: the builder
 * needs it only here, and end users' pages never.
 */
export async function kebabKeyFromName(
  text: string,
  taken: Iterable<string>,
  fallback: string,
): Promise<string> {
  if (!HAN.test(text)) return kebabKeyFrom(text, taken, fallback);
  const { pinyin } = await import('pinyin-pro');
  const syllables = pinyin(text, {
    toneType: 'none',
    type: 'array',
    v: true,
    nonZh: 'consecutive',
  });
  return kebabKeyFrom(syllables.join(' '), taken, fallback);
}
