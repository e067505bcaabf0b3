/**
 * Numbers and dates for people in India, in every interface language: numbers always in Indian
 * grouping with Latin digits (12,34,567), dates in Indian Standard Time with the language's own
 * month names (Intl's hi-IN and mr-IN data).
 */
const COUNT = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return COUNT.format(n);
}

const DATE_TIME = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(language: string): Intl.DateTimeFormat {
  const locale = `${language.slice(0, 2)}-IN`;
  let format = DATE_TIME.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: 'Asia/Kolkata',
      day: '2-digit',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      numberingSystem: 'latn',
    });
    DATE_TIME.set(locale, format);
  }
  return format;
}

/**
 * An RFC 3339 time as Indian Standard Time, whatever the browser's zone:
 * `21 Mar 2029, 09:30:00 IST` (en), `21 मार्च 2029, 09:30:00 IST` (hi). Unparseable text is
 * returned as it is.
 */
export function formatIst(ts: string, language = 'en'): string {
  const ms = Date.parse(ts);
  if (Number.isNaN(ms)) return ts;
  return `${dateTimeFormat(language).format(ms)} IST`;
}
