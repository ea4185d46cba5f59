/**
 * One locale's messages in Chrome's `_locales/<lang>/messages.json` format
 * (https://developer.chrome.com/docs/extensions/reference/api/i18n).
 */
export type MessagesFile = Record<
  string,
  {
    message: string;
    description?: string;
    placeholders?: Record<string, { content: string; example?: string }>;
  }
>;

// `$$` is a literal dollar, `$name$` a named placeholder, `$1`…`$9` a substitution.
const TOKEN = /\$\$|\$([A-Za-z0-9_@]+)\$|\$([1-9])/g;

function fill(text: string, substitutions: readonly string[], expand: (name: string) => string) {
  return text.replace(TOKEN, (token, name: string | undefined, index: string | undefined) => {
    if (name !== undefined) return expand(name);
    if (index !== undefined) return substitutions[Number(index) - 1] ?? '';
    return '$';
  });
}

/**
 * `browser.i18n.getMessage` for a messages file in hand: the same placeholder and substitution
 * rules, one pass, so substituted values are never expanded again. Undefined for unknown keys.
 */
export function resolveMessage(
  messages: MessagesFile,
  key: string,
  substitutions: readonly string[] = [],
): string | undefined {
  const entry = Object.hasOwn(messages, key) ? messages[key] : undefined;
  if (!entry) return undefined;
  const placeholders = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return fill(entry.message, substitutions, (name) => {
    const placeholder = placeholders[name.toLowerCase()];
    // Chrome leaves an undeclared `$name$` as it is.
    return placeholder ? fill(placeholder.content, substitutions, () => '') : `$${name}$`;
  });
}
