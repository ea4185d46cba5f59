/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string | number): string {
  return String(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Marks a string as HTML that is already safe: the only way `html` below lets markup through.
 * Everything else interpolated into a template is escaped.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | readonly SafeHtml[];

/** Tagged template: `html\`<p>${name}</p>\`` escapes `name`; nested `html` results pass as is. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    const rendered = Array.isArray(value)
      ? value.map((part: SafeHtml) => part.value).join('')
      : value instanceof SafeHtml
        ? value.value
        : escapeHtml(value as string | number);
    out += rendered + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

export type App = { name: string; accent: string; nav: { href: string; label: string }[] };

/**
 * A whole page: the app's header and plain CSS. Content stays left of the right-hand 340 px where
 * the Touchpoint sidebar overlays the page.
 */
export function page(
  app: App,
  title: string,
  body: SafeHtml,
  options: { script?: string } = {},
): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · ${app.name}</title>
        <style>
          :root {
            --accent: ${app.accent};
          }
          * {
            box-sizing: border-box;
          }
          body {
            margin: 0;
            font:
              15px/1.5 system-ui,
              sans-serif;
            color: #1f2937;
            background: #f8fafc;
          }
          header {
            background: var(--accent);
            color: #fff;
            padding: 0.6rem 1.5rem;
            display: flex;
            gap: 1.5rem;
            align-items: baseline;
          }
          header strong {
            font-size: 1.1rem;
          }
          header a {
            color: #fff;
          }
          main {
            max-width: 720px;
            margin: 1.5rem 1.5rem 3rem;
          }
          h1 {
            font-size: 1.4rem;
            margin: 0 0 0.75rem;
          }
          a {
            color: var(--accent);
          }
          .card {
            background: #fff;
            border: 1px solid #e2e8f0;
            border-radius: 8px;
            padding: 1rem 1.25rem;
            margin-bottom: 1rem;
          }
          dl {
            display: grid;
            grid-template-columns: 9rem 1fr;
            gap: 0.35rem 1rem;
            margin: 0;
          }
          dt {
            color: #64748b;
          }
          dd {
            margin: 0;
            overflow-wrap: anywhere;
          }
          table {
            border-collapse: collapse;
            width: 100%;
            background: #fff;
          }
          th,
          td {
            text-align: left;
            padding: 0.45rem 0.6rem;
            border-bottom: 1px solid #e2e8f0;
          }
          th {
            color: #64748b;
            font-weight: 600;
            font-size: 0.85rem;
          }
          .status {
            display: inline-block;
            padding: 0 0.5rem;
            border-radius: 999px;
            background: #e0e7ff;
            font-size: 0.85rem;
          }
          .message {
            border-left: 3px solid #cbd5e1;
            padding-left: 0.75rem;
            margin: 0.75rem 0;
          }
          .message .from {
            font-weight: 600;
          }
          .hint {
            color: #475569;
            font-size: 0.9rem;
          }
          button {
            font: inherit;
            padding: 0.35rem 0.9rem;
            border-radius: 6px;
            border: 1px solid var(--accent);
            background: #fff;
            color: var(--accent);
            cursor: pointer;
          }
          button:hover {
            background: var(--accent);
            color: #fff;
          }
          form {
            display: flex;
            gap: 0.5rem;
            margin-bottom: 1rem;
          }
          input {
            font: inherit;
            padding: 0.3rem 0.5rem;
            flex: 1;
            max-width: 22rem;
          }
        </style>
      </head>
      <body>
        <header>
          <strong>${app.name}</strong>
          <nav>${app.nav.map((link) => html`<a href="${link.href}">${link.label}</a> `)}</nav>
        </header>
        <main id="main">${body}</main>
        ${options.script ? new SafeHtml(`<script>${options.script}</script>`) : ''}
      </body>
    </html> `.value;
}
