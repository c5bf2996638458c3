import { describe, expect, it } from 'vitest';
import { escapeHtml, html, trustedHtml } from './Html.ts';

describe('html', () => {
  it('escapes interpolated text and attribute values', () => {
    const evil = `<script>alert("x")</script> & 'q' \``;
    const out = html`<td title="${evil}">${evil}</td>`.value;
    expect(out).not.toContain('<script>');
    expect(out).toBe(
      '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &#96;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39; &#96;</td>',
    );
  });

  it('passes nested html and trusted markup through, joins arrays, drops empty values', () => {
    const items = ['a<b', 'c'].map((s) => html`<li>${s}</li>`);
    const out = html`<ul>${items}${undefined}${null}${false}${trustedHtml('<hr>')}${3}</ul>`.value;
    expect(out).toBe('<ul><li>a&lt;b</li><li>c</li><hr>3</ul>');
  });

  it('refuses numbers that would print as NaN or Infinity', () => {
    expect(() => html`${Number.NaN}`).toThrow(/NaN/);
    expect(escapeHtml('plain')).toBe('plain');
  });
});
