import { describe, expect, it } from 'vitest';
import { analysePost } from '../../../src/background/insights/analyse-post';
import { ANALYSIS_MAX_CHARS, cleanText } from '../../../src/shared/insights';

/** Text an attacker controls (any post on a public network) must not cost more or say more than a long post. */
describe('analysePost on hostile input', () => {
  const timed = (text: string): { result: ReturnType<typeof analysePost>; ms: number } => {
    const start = performance.now();
    const result = analysePost(text);
    return { result, ms: performance.now() - start };
  };

  it('reads only the start of a 1 MB post', () => {
    analysePost('warm up the tagger');
    const { result, ms } = timed('Contoso is terrible. '.repeat(50_000));
    expect(result).toEqual({ hashtags: [], mentions: [], organisations: [], topics: ['contoso'], sentiment: -1 });
    expect(ms).toBeLessThan(2_000);
  });

  it.each([
    ['one 1 MB word', 'a'.repeat(1_000_000)],
    ['a 1 MB run of hashtags', '#a'.repeat(500_000)],
    ['a 1 MB run of @', '@'.repeat(1_000_000)],
    ['1 MB of newlines between names', 'Contoso\n'.repeat(125_000)],
    ['a 5,000-letter word before an emoji', `${'x'.repeat(4_999)}😀 tail`],
    ['1 MB of one letter and dots', 'a.'.repeat(500_000)],
    ['1 MB of slashes', 'a/'.repeat(500_000)],
    ['a 1 MB address-like run', `${'a'.repeat(1_000_000)}@example.com`],
  ])('stays bounded on %s', (_name, text) => {
    const { result, ms } = timed(text);
    expect(ms).toBeLessThan(2_000);
    for (const list of [result.hashtags, result.mentions, result.organisations, result.topics]) expect(list.length).toBeLessThanOrEqual(20);
    expect(Math.abs(result.sentiment)).toBeLessThanOrEqual(1);
  });

  it('caps every list at 20', () => {
    const tags = Array.from({ length: 50 }, (_, i) => `#tag${i} @user${i}`).join(' ');
    const result = analysePost(tags);
    expect(result.hashtags).toHaveLength(20);
    expect(result.mentions).toHaveLength(20);
    expect(result.hashtags[19]).toBe('#tag19');
  });

  it('drops hashtags longer than a network allows instead of cutting them', () => {
    expect(analysePost(`#${'a'.repeat(65)} #${'b'.repeat(64)}`).hashtags).toEqual([`#${'b'.repeat(64)}`]);
  });

  it('sees through zero-width characters and direction overrides', () => {
    expect(analysePost('The onboarding at Con\u200Btoso is \u202Eterrible\u202C. #pro\u200Dcurement @con\u2060toso')).toEqual({
      hashtags: ['#procurement'], mentions: ['@contoso'], organisations: ['Contoso'], topics: ['onboarding'], sentiment: -0.612,
    });
  });

  it('folds full-width and mathematical letters', () => {
    expect(analysePost('We tried 𝐂𝐨𝐧𝐭𝐨𝐬𝐨 and it is ｔｅｒｒｉｂｌｅ #ｃｏｎｔｏｓｏ')).toEqual({
      hashtags: ['#contoso'], mentions: [], organisations: ['Contoso'], topics: [], sentiment: -0.612,
    });
  });

  it('handles emoji: sequences, skin tones, flags, and emoji glued to words', () => {
    expect(analysePost('👨‍👩‍👧 great day👍🏽🇵🇹')).toEqual({ hashtags: [], mentions: [], organisations: [], topics: [], sentiment: 0.875 });
    expect(analysePost('😡'.repeat(200_000)).sentiment).toBe(-1);
  });

  it('keeps lone surrogates and control characters out of what it stores', () => {
    const result = analysePost('\uD83D Contoso \uDE00 is bad\u0000\u0007 #ok\uD800');
    expect(result).toEqual({ hashtags: ['#ok'], mentions: [], organisations: ['Contoso'], topics: [], sentiment: -0.612 });
    expect(JSON.stringify(result)).not.toMatch(/\\u[dD][89abAB]|\\u000/);
  });

  it('treats words that name object internals as words', () => {
    expect(analysePost('__proto__ constructor toString #__proto__ @constructor')).toEqual({
      hashtags: ['#__proto__'], mentions: ['@constructor'], organisations: ['toString'], topics: ['__proto__ constructor'], sentiment: 0,
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers something for empty and non-string input', () => {
    const empty = { hashtags: [], mentions: [], organisations: [], topics: [], sentiment: 0 };
    expect(analysePost('')).toEqual(empty);
    expect(analysePost('   \n\t ')).toEqual(empty);
    expect(analysePost(undefined as unknown as string)).toEqual(empty);
  });
});

describe('cleanText', () => {
  it('caps at ANALYSIS_MAX_CHARS, at a space when one is near', () => {
    const clean = cleanText('word '.repeat(5_000));
    expect(clean.length).toBeLessThanOrEqual(ANALYSIS_MAX_CHARS);
    expect(clean.endsWith('word')).toBe(true);
  });

  it('never ends inside a surrogate pair', () => {
    const clean = cleanText('😀'.repeat(5_000));
    expect(clean.length).toBe(ANALYSIS_MAX_CHARS);
    expect(clean.codePointAt(clean.length - 2)).toBe(0x1f600);
  });

  it('removes invisible characters and folds compatibility forms', () => {
    expect(cleanText('Con\u200Btoso\u202E \uFEFFＡＢＣ ﬁle')).toBe('Contoso ABC file');
  });
});
