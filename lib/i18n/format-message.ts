/**
 * Formats the guest messages in the browser without shipping a full ICU MessageFormat engine
 * (next-intl's client brings intl-messageformat, about 12 kB gzip, to every guest page). The
 * messages use a small part of ICU: `{name}`, and `{name, plural, …}` / `{name, select, …}` with
 * `#` and `=N` cases. tests/unit/i18n/format-message.test.ts holds every message of every locale
 * to next-intl's own output, so a message using more than this fails there, not in front of a guest.
 */

export type MessageValues = Record<string, string | number>;

export interface MessageTree {
  [key: string]: string | MessageTree;
}

interface Cursor {
  text: string;
  at: number;
}

/** Text up to the `}` that closes the current block (or the end), with `{…}` arguments resolved. */
function formatBlock(
  cursor: Cursor,
  values: MessageValues,
  locale: string,
  pluralValue: number | null,
): string {
  let out = '';
  while (cursor.at < cursor.text.length) {
    const char = cursor.text[cursor.at] as string;
    if (char === '}') return out;
    if (char === '{') {
      cursor.at += 1;
      out += formatArgument(cursor, values, locale);
      continue;
    }
    if (char === '#' && pluralValue !== null) {
      out += new Intl.NumberFormat(locale).format(pluralValue);
      cursor.at += 1;
      continue;
    }
    out += char;
    cursor.at += 1;
  }
  return out;
}

function readUntil(cursor: Cursor, stops: string): string {
  const start = cursor.at;
  while (cursor.at < cursor.text.length && !stops.includes(cursor.text[cursor.at] as string))
    cursor.at += 1;
  return cursor.text.slice(start, cursor.at).trim();
}

function consume(cursor: Cursor, char: string): void {
  if (cursor.text[cursor.at] !== char)
    throw new Error(`Malformed message at ${cursor.at}: expected "${char}" in ${cursor.text}`);
  cursor.at += 1;
}

/** After an opening `{`: `name}`, or `name, plural|select, case {…} case {…}}`. */
function formatArgument(cursor: Cursor, values: MessageValues, locale: string): string {
  const name = readUntil(cursor, ',}');
  if (!(name in values)) throw new Error(`Missing value "${name}" for message ${cursor.text}`);
  const value = values[name] as string | number;
  if (cursor.text[cursor.at] === '}') {
    cursor.at += 1;
    return String(value);
  }
  consume(cursor, ',');
  const kind = readUntil(cursor, ',}');
  if (kind !== 'plural' && kind !== 'select')
    throw new Error(`Unsupported argument type "${kind}" in ${cursor.text}`);
  consume(cursor, ',');
  const cases = new Map<string, number>();
  for (;;) {
    const selector = readUntil(cursor, '{}');
    if (cursor.text[cursor.at] === '}') {
      cursor.at += 1;
      break;
    }
    if (!selector) throw new Error(`Malformed message at ${cursor.at}: ${cursor.text}`);
    consume(cursor, '{');
    cases.set(selector, cursor.at);
    skipBlock(cursor);
  }
  const end = cursor.at;
  let selected: number | undefined;
  if (kind === 'plural') {
    const count = Number(value);
    selected =
      cases.get(`=${count}`) ??
      cases.get(new Intl.PluralRules(locale).select(count)) ??
      cases.get('other');
  } else {
    selected = cases.get(String(value)) ?? cases.get('other');
  }
  if (selected === undefined) throw new Error(`No case for ${String(value)} in ${cursor.text}`);
  const inner: Cursor = { text: cursor.text, at: selected };
  const text = formatBlock(inner, values, locale, kind === 'plural' ? Number(value) : null);
  cursor.at = end;
  return text;
}

/** Moves past a case's `{…}` body (its opening brace already read), nested arguments included. */
function skipBlock(cursor: Cursor): void {
  let depth = 1;
  while (cursor.at < cursor.text.length && depth > 0) {
    const char = cursor.text[cursor.at];
    if (char === '{') depth += 1;
    else if (char === '}') depth -= 1;
    cursor.at += 1;
  }
  if (depth > 0) throw new Error(`Unclosed case in ${cursor.text}`);
}

export function formatMessage(
  message: string,
  values: MessageValues | undefined,
  locale: string,
): string {
  if (!message.includes('{')) return message;
  return formatBlock({ text: message, at: 0 }, values ?? {}, locale, null);
}

export interface Translator {
  (key: string, values?: MessageValues): string;
  has(key: string): boolean;
}

function lookup(messages: MessageTree, path: string): string | undefined {
  let node: string | MessageTree | undefined = messages;
  for (const part of path.split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * `t(key, values)` over a namespace of the messages, like next-intl's: a missing key or a broken
 * message shows the key (and logs), never breaks the page.
 */
export function createTranslator(
  locale: string,
  messages: MessageTree,
  namespace?: string,
): Translator {
  const pathOf = (key: string) => (namespace ? `${namespace}.${key}` : key);
  const t = (key: string, values?: MessageValues): string => {
    const path = pathOf(key);
    const message = lookup(messages, path);
    if (message === undefined) {
      console.error(`Missing message ${path} (${locale})`);
      return path;
    }
    try {
      return formatMessage(message, values, locale);
    } catch (error) {
      console.error(error);
      return path;
    }
  };
  return Object.assign(t, { has: (key: string) => lookup(messages, pathOf(key)) !== undefined });
}
