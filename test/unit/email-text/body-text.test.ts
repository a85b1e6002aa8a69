// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { bodyText, MAX_BODY_CHARS, MAX_BODY_LINKS } from '../../../src/content/adapters/body-text';

function body(html: string, base = 'https://mail.google.com/mail/u/0/'): Element {
  const doc = new DOMParser().parseFromString(`<!doctype html><html><head><base href="${base}"></head><body><div id="b">${html}</div></body></html>`, 'text/html');
  return doc.getElementById('b') as Element;
}

describe('bodyText: lines', () => {
  it('gives one line per block, <br> and list item, collapsing whitespace and blank runs', () => {
    const html = '<div>Hi   Priya,</div><div><br></div><div><br></div><p>First\n  line<br>second&nbsp;&nbsp;line</p><ul><li>one</li><li>two</li></ul><span>tail</span> <b>end</b>';
    expect(bodyText(body(html)).text).toBe('Hi Priya,\n\nFirst line\nsecond line\none\ntwo\ntail end');
  });

  it('joins the inline cells of a table row with " | " and gives a multi-line cell its own lines', () => {
    const html = '<table><tr><td>VP Sales</td><td></td><td>Litware</td></tr><tr><td><img src="logo.png" alt="Logo"></td>' +
      '<td>Dana Whitfield<br>+1 415 555 0139</td></tr></table>';
    expect(bodyText(body(html)).text).toBe('VP Sales | Litware\nDana Whitfield\n+1 415 555 0139');
  });

  it('keeps a <pre> block\'s own line breaks', () => {
    expect(bodyText(body('<pre>Dana\nVP Sales</pre>')).text).toBe('Dana\nVP Sales');
  });

  it('leaves out style, script, hidden elements and images that are not links', () => {
    const html = '<style>.x{color:red}</style><script>alert(1)</script><div hidden>secret</div>' +
      '<div style="color:red; display: none">tracking</div><span style="mso-hide:all">hidden</span><img src="a.png" alt="pixel">Visible';
    expect(bodyText(body(html)).text).toBe('Visible');
  });

  it('puts a "--" line before a Gmail or Outlook signature that has none', () => {
    expect(bodyText(body('Thanks<div class="m_123gmail_signature">Dana</div>')).text).toBe('Thanks\n--\nDana');
    expect(bodyText(body('Thanks<br clear="all"><div><br></div><span class="gmail_signature_prefix">-- </span><br><div class="gmail_signature">Dana</div>')).text)
      .toBe('Thanks\n\n--\nDana');
    expect(bodyText(body('Thanks<div id="x_Signature"><p>Dana</p></div>')).text).toBe('Thanks\n--\nDana');
  });
});

describe('bodyText: quoted and forwarded parts', () => {
  it('leaves out Gmail quotes, their "On … wrote:" line and blockquotes', () => {
    const html = '<div dir="ltr">Yes, Thursday.</div><div class="gmail_quote"><div class="gmail_attr">On Tue, Dana wrote:</div>' +
      '<blockquote class="gmail_quote">Thursday? <a href="https://old.example/">old</a></blockquote></div><blockquote type="cite">more</blockquote>';
    expect(bodyText(body(html))).toEqual({ text: 'Yes, Thursday.', links: [] });
  });

  it('stops at Outlook\'s reply header and at #appendonsend', () => {
    expect(bodyText(body('Mine<div id="divRplyFwdMsg">From: Dana</div><div>quoted</div>')).text).toBe('Mine');
    expect(bodyText(body('<div><div>Mine</div><div id="x_appendonsend"></div></div><div>quoted</div>')).text).toBe('Mine');
  });

  it('stops at an <hr> followed by a From:/Von:/De: header, and drops the links after it', () => {
    for (const from of ['From', 'Von', 'De']) {
      const html = `<p>Mine <a href="https://litware.com">litware.com</a></p><hr><p><b>${from}:</b> Dana</p><p>Old <a href="https://old.example">old</a></p>`;
      expect(bodyText(body(html))).toEqual({ text: 'Mine litware.com', links: [{ href: 'https://litware.com/', text: 'litware.com' }] });
    }
    expect(bodyText(body('<p>Above</p><hr><p>Below the rule</p>')).text).toBe('Above\nBelow the rule');
  });

  it('stops at textual original-message and forwarded-message lines and at a plain header block', () => {
    const markers = ['-----Original Message-----', '-----Ursprüngliche Nachricht-----', "-----Message d'origine-----",
      '-----Mensaje original-----', '---------- Forwarded message ---------'];
    for (const marker of markers) expect(bodyText(body(`<div>Mine</div><div>${marker}</div><div>From: Dana</div><div>Old</div>`)).text).toBe('Mine');
    expect(bodyText(body('<div>Mine</div><div>From: Dana Whitfield</div><div>Sent: Monday</div><div>Old</div>')).text).toBe('Mine');
    expect(bodyText(body('<div>Mine</div><div>Le lun. 2 mars 2026, Dana a écrit :</div><div>&gt; Old</div>')).text).toBe('Mine');
  });
});

describe('bodyText: links', () => {
  it('keeps http(s), mailto and tel links, absolute, with their text or wrapped image alt', () => {
    const html = '<a href="/in/dana">rel</a> <a href="mailto:dana@litware.com">mail</a> <a href="tel:+14155550139">call</a>' +
      '<a href="javascript:alert(1)">js</a><a href="ftp://x.example/">ftp</a><a href="data:text/html,hi">data</a>' +
      '<a href="https://www.linkedin.com/in/dana"><img src="li.png" alt="LinkedIn"></a><a href="https://x.example/">  two\n words </a>';
    const { text, links } = bodyText(body(html, 'https://www.linkedin.com/feed/'));
    expect(links).toEqual([
      { href: 'https://www.linkedin.com/in/dana', text: 'rel' },
      { href: 'mailto:dana@litware.com', text: 'mail' },
      { href: 'tel:+14155550139', text: 'call' },
      { href: 'https://www.linkedin.com/in/dana', text: 'LinkedIn' },
      { href: 'https://x.example/', text: 'two words' },
    ]);
    expect(text).toBe('rel mail calljsftpdata LinkedIn two words');
  });

  it('keeps links that end the body on a line with no text (icons without alt)', () => {
    const html = '<div>Dana<br><a href="https://www.linkedin.com/in/dana/"><img src="li.png"></a>&nbsp;<a href="https://x.com/dana"><img src="x.png"></a></div>';
    expect(bodyText(body(html))).toEqual({
      text: 'Dana',
      links: [{ href: 'https://www.linkedin.com/in/dana/', text: '' }, { href: 'https://x.com/dana', text: '' }],
    });
  });

  it('gives the address an Outlook Safe Links redirect wraps', () => {
    const safe = 'https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fgithub.com%2Fdanaw&data=05';
    expect(bodyText(body(`<a href="${safe}">GitHub</a>`)).links).toEqual([{ href: 'https://github.com/danaw', text: 'GitHub' }]);
  });
});

describe('bodyText: hostile bodies', () => {
  it('caps the text and the links', () => {
    const many = Array.from({ length: 400 }, (_, i) => `<p><a href="https://e.example/${i}">${'word '.repeat(20)}</a></p>`).join('');
    const { text, links } = bodyText(body(many));
    expect(text.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(links).toHaveLength(MAX_BODY_LINKS);
  });

  it('survives deep nesting and odd markup without throwing', () => {
    const deep = `${'<div>'.repeat(3000)}deep${'</div>'.repeat(3000)}<a href="http://[bad">x</a><a>no href</a><a href="#top">top</a>`;
    expect(() => bodyText(body(deep))).not.toThrow();
    expect(bodyText(body(deep)).links).toEqual([]);
  });
});

describe('bodyText: re-reads', () => {
  it('reads an unchanged body once, and again when it changes', () => {
    const element = body('<p>Hello Dana</p>');
    const first = bodyText(element);
    expect(bodyText(element)).toBe(first);
    element.insertAdjacentHTML('beforeend', '<p>-- <br><a href="https://bsky.app/profile/ines.example">Bluesky</a></p>');
    const changed = bodyText(element);
    expect(changed).not.toBe(first);
    expect(changed.links).toEqual([{ href: 'https://bsky.app/profile/ines.example', text: 'Bluesky' }]);
  });
});
