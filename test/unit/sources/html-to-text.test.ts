import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeEntities } from '../../../src/background/sources/html-entities';
import { htmlToText } from '../../../src/background/sources/html-to-text';
import { tokenizeHtml } from '../../../src/background/sources/html-tokens';
import { MASTODON_HTML } from '../../../src/background/sources/mastodon-posts';

const MASTODON = join(__dirname, '../../fixtures/api/mastodon');

function statusContent(file: string): string {
  return (JSON.parse(readFileSync(join(MASTODON, file), 'utf8')) as { content: string }).content;
}

// Nothing in the output may open a tag, whatever it was rendered by.
function expectInert(text: string): void {
  expect(text).not.toMatch(/<[A-Za-z!/?]/);
}

describe('htmlToText on recorded Mastodon content', () => {
  it('keeps the visible part of a shortened link and the full link apart', () => {
    const { text, links } = htmlToText(statusContent('status-with-card-localhost.json'), MASTODON_HTML);
    expect(text).toBe('example.org/');
    expect(links).toEqual([{ url: 'http://example.org/', text: 'example.org/', rel: ['nofollow', 'noopener'], classes: [] }]);
  });

  it('drops the quote fallback paragraph of a quote post', () => {
    expect(htmlToText(statusContent('status-post-with-quote-localhost.json'), MASTODON_HTML).text).toBe('yoooooooo');
  });

  it('reads mentions, hashtags and character references', () => {
    const home = JSON.parse(readFileSync(join(MASTODON, 'timelines-home-localhost-with-mentions.json'), 'utf8')) as Array<{ content: string }>;
    expect(home.slice(1, 3).map((status) => htmlToText(status.content, MASTODON_HTML).text)).toEqual([
      "you can't say that on television",
      '@mastodonpy_test todo funny text here',
    ]);
    const [tagged] = JSON.parse(readFileSync(join(MASTODON, 'timelines-tag-hoot-localhost-with-tags.json'), 'utf8')) as Array<{ content: string }>;
    const { text, links } = htmlToText(tagged?.content ?? '', MASTODON_HTML);
    expect(text).toBe('#hoot (hashtag toot)');
    expect(links.map((link) => [link.url, link.classes, link.rel])).toEqual([['http://localhost:3000/tags/hoot', ['mention', 'hashtag'], ['tag']]]);
  });

  it('marks the cut of an ellipsis span', () => {
    const html = '<p><a href="https://a.example/very/long/path"><span class="invisible">https://</span><span class="ellipsis">a.example/very/lo</span><span class="invisible">ng/path</span></a></p>';
    expect(htmlToText(html, MASTODON_HTML).text).toBe('a.example/very/lo…');
  });
});

describe('htmlToText on hostile HTML', () => {
  it('turns scripts, event handlers and javascript: links into inert text', () => {
    const html = `<script>alert(1)</script><p onclick="alert(2)" style="x">Hi <img src=x onerror="alert(3)">
      <a href="javascript:alert(4)">click</a> <a href=" JaVaScRiPt:alert(5)">two</a>
      <a href="data:text/html,<script>alert(6)</script>">data</a> <a href="vbscript:x">vb</a></p>
      <style>p{background:url(javascript:alert(7))}</style><iframe src="https://evil.example/">frame</iframe>
      <svg><script>alert(8)</script></svg><template><img src=x onerror=alert(9)></template><noscript><b>ns</b></noscript>`;
    const { text, links } = htmlToText(html);
    expect(text).toBe('Hi click two data vb');
    expect(links).toEqual([]);
    expect(text).not.toContain('alert');
  });

  it('keeps escaped markup as text that can never become a tag', () => {
    const { text } = htmlToText('<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt; a &lt; b</p>');
    expect(text).toBe('<\u200Bscript>alert(1)<\u200B/script> <\u200Bimg src=x onerror=alert(2)> a < b');
    expectInert(text);
  });

  it('is not fooled by markup inside comments, attributes and unclosed tags', () => {
    expect(htmlToText('a<!-- <script>alert(1)</script> -->b').text).toBe('ab');
    expect(htmlToText('<a title="x><script>alert(1)</script>" href="https://ok.example/">ok</a>').links.map((link) => link.url)).toEqual(['https://ok.example/']);
    expect(htmlToText('<p>one<script>alert(1)').text).toBe('one');
    expect(htmlToText('<p>one<p>two<div>three').text).toBe('one\n\ntwo\nthree');
    expect(htmlToText('</p></b>stray<br><br>end').text).toBe('stray\n\nend');
  });

  it('drops control characters and a link with credentials', () => {
    expect(htmlToText('a\u0000b\u0007c\u001bd').text).toBe('abcd');
    expect(htmlToText('<a href="https://user:pw@bank.example/">x</a>').links).toEqual([]);
  });
});

describe('htmlToText options', () => {
  it('resolves relative links only against a base', () => {
    const html = '<a href="/article/1.html">one</a> <a href="two.html">two</a>';
    expect(htmlToText(html).links).toEqual([]);
    expect(htmlToText(html, { base: 'https://www.macworld.com/news/' }).links.map((link) => link.url)).toEqual([
      'https://www.macworld.com/article/1.html',
      'https://www.macworld.com/news/two.html',
    ]);
  });

  it('cuts long text at a word', () => {
    expect(htmlToText('<p>alpha beta gamma delta</p>', { maxLength: 14 }).text).toBe('alpha beta…');
  });
});

describe('decodeEntities and tokenizeHtml', () => {
  it('decodes numeric and known named references, and leaves unknown ones', () => {
    expect(decodeEntities('&#39;&#x27;&amp;&nbsp;&eacute;&hellip;&#150;&#0;&copyright &bogus; &#x110000;')).toBe("''&\u00a0é…–\uFFFD&copyright &bogus; \uFFFD");
  });

  it('reads raw-text elements to their own end tag', () => {
    const tokens = [...tokenizeHtml('<script>if (a<b) document.write("<link rel=alternate>")</script><link rel="alternate" href=x>')];
    expect(tokens.map((token) => (token.type === 'text' ? `text:${token.text}` : `${token.type}:${token.name}`))).toEqual([
      'start:script',
      'text:if (a<b) document.write("<link rel=alternate>")',
      'end:script',
      'start:link',
    ]);
  });
});
