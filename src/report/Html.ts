/**
 * HTML built from data with every interpolated value escaped. `html` is a
 * tagged template: strings, numbers and arrays in `${}` are escaped (text and
 * attribute values alike), only values that are already `SafeHtml` pass
 * through. Reports build every element with it, so data (record ids, fault
 * details, file names) can never break out of the markup.
 */
export class SafeHtml {
  constructor(readonly value: string) {}

  toString(): string {
    return this.value;
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Escapes text for use in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`html: cannot render the number ${value}`);
    return String(value);
  }
  return escapeHtml(String(value));
}

/** Tagged template: `html\`<td class="${cls}">${text}</td>\``. */
export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) out += render(values[i] as HtmlValue) + (strings[i + 1] ?? '');
  return new SafeHtml(out);
}

/** Markup that is trusted as is: only for constant strings written in this code (styles, doctype). */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
