import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The `LanguageCode`/`CultureCode` pair of the Connector API envelope. Mews localizes texts and
 * business error messages (the 403 `Message` shown to the guest) with them, and ignores either
 * one sent alone (reference §1.3, Mews docs "Requests"), so the app always sends both or neither.
 * The official OpenAPI request schemas lack both (reference §4): the offline sandbox strips them
 * before validating, and so does our contract test.
 */
export interface MewsLanguage {
  /** e.g. `nl-NL`: the language Mews answers in. */
  languageCode: string;
  /** e.g. `nl-NL`: number and date formats in Mews' texts. */
  cultureCode: string;
}

const LANGUAGE_TAG = /^[a-z]{2,3}-[A-Z]{2}$/;

/** Refuses anything but `xx-XX` tags, so a typo never reaches the envelope of a payment. */
export function mewsLanguage(languageCode: string, cultureCode = languageCode): MewsLanguage {
  for (const code of [languageCode, cultureCode]) {
    if (!LANGUAGE_TAG.test(code)) throw new TypeError(`Not a Mews language code: ${code}`);
  }
  return { languageCode, cultureCode };
}

/** `null` inside a scope: send no language even if the client has one. */
const scope = new AsyncLocalStorage<MewsLanguage | null>();

/** The language of the innermost `withMewsLanguage` around the current call, if any. */
export function scopedMewsLanguage(): MewsLanguage | null | undefined {
  return scope.getStore();
}

/** Runs `fn` so that every Connector API call it makes carries `language`. */
export function withMewsLanguage<T>(language: MewsLanguage | null, fn: () => T): T {
  return scope.run(language, fn);
}

/**
 * The same client, with every call made in `language`. It wraps whatever methods the client has,
 * so methods added later are covered without listing them here.
 */
export function bindMewsLanguage<Client extends object>(
  client: Client,
  language: MewsLanguage | null,
): Client {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        withMewsLanguage(language, () =>
          (value as (...a: unknown[]) => unknown).apply(target, args),
        );
    },
  });
}
