import type { WireDomainError, WireErrorParams } from '@evmtrail/shared';

import { labels, type PdfLanguage } from './labels.ts';

/*
 * What a person who clicked a PDF link sees when it is refused: a short page in their language
 * that names the unit (serial) or the location and says why. API clients keep getting JSON.
 */

interface PageWords {
  readonly title: (subject: string) => string;
  readonly unit: (serial: string) => string;
  readonly location: (name: string) => string;
  readonly reasons: Readonly<Record<string, (p: WireErrorParams, where: string) => string>>;
  readonly back: string;
}

const WORDS: Readonly<Record<PdfLanguage, PageWords>> = {
  en: {
    title: (subject) => `The PDF for ${subject} cannot be opened`,
    unit: (serial) => `unit ${serial}`,
    location: (name) => `location ${name}`,
    reasons: {
      unauthenticated: () => 'You are not signed in. Sign in to EVM Trail, then open this link again.',
      forbidden: (p, where) => `Your role (${p.role ?? '?'}) may not read it: it is in ${where}.`,
      outside_jurisdiction: (p, where) => `It is in ${where}, outside your jurisdiction (${p.role ?? '?'}).`,
      not_found: () => 'There is no such record in EVM Trail. Check the link.',
      invalid_input: () => 'The link asks for a language that is not offered (en, hi, mr).',
      export_limited: (p) => `Too many PDFs are being made right now. Try again in ${p.retryAfterSeconds ?? 10} seconds.`,
    },
    back: 'Back to EVM Trail',
  },
  hi: {
    title: (subject) => `${subject} की पीडीएफ़ नहीं खुल सकती`,
    unit: (serial) => `यूनिट ${serial}`,
    location: (name) => `स्थान ${name}`,
    reasons: {
      unauthenticated: () => 'आप साइन इन नहीं हैं। EVM Trail में साइन इन करें, फिर यह लिंक दोबारा खोलें।',
      forbidden: (p, where) => `आपकी भूमिका (${p.role ?? '?'}) इसे नहीं पढ़ सकती: यह ${where} में है।`,
      outside_jurisdiction: (p, where) => `यह ${where} में है, आपके अधिकार क्षेत्र (${p.role ?? '?'}) से बाहर।`,
      not_found: () => 'EVM Trail में ऐसा कोई रिकॉर्ड नहीं है। लिंक जाँचें।',
      invalid_input: () => 'लिंक में ऐसी भाषा माँगी गई है जो उपलब्ध नहीं है (en, hi, mr)।',
      export_limited: (p) => `अभी बहुत सी पीडीएफ़ बन रही हैं। ${p.retryAfterSeconds ?? 10} सेकंड बाद फिर कोशिश करें।`,
    },
    back: 'EVM Trail पर वापस',
  },
  mr: {
    title: (subject) => `${subject} ची पीडीएफ उघडता येत नाही`,
    unit: (serial) => `युनिट ${serial}`,
    location: (name) => `ठिकाण ${name}`,
    reasons: {
      unauthenticated: () => 'तुम्ही साइन इन केलेले नाही. EVM Trail मध्ये साइन इन करा, मग हा दुवा पुन्हा उघडा.',
      forbidden: (p, where) => `तुमची भूमिका (${p.role ?? '?'}) हे वाचू शकत नाही: हे ${where} मध्ये आहे.`,
      outside_jurisdiction: (p, where) => `हे ${where} मध्ये आहे, तुमच्या अधिकारक्षेत्राबाहेर (${p.role ?? '?'}).`,
      not_found: () => 'EVM Trail मध्ये अशी नोंद नाही. दुवा तपासा.',
      invalid_input: () => 'दुव्यात उपलब्ध नसलेली भाषा मागितली आहे (en, hi, mr).',
      export_limited: (p) => `सध्या खूप पीडीएफ तयार होत आहेत. ${p.retryAfterSeconds ?? 10} सेकंदांनी पुन्हा प्रयत्न करा.`,
    },
    back: 'EVM Trail वर परत',
  },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function subjectOf(words: PageWords, p: WireErrorParams): string {
  if (p.serial) return words.unit(p.serial);
  if (p.locationName && p.locationCode) return words.location(`${p.locationName} (${p.locationCode})`);
  if (p.locationCode) return words.location(String(p.locationCode));
  return words.location(`${p.locationId ?? '?'}`);
}

function whereOf(language: PdfLanguage, p: WireErrorParams): string {
  const l = labels(language);
  const district = `${l.district} ${p.districtName ?? '?'}`;
  return p.acNumber !== undefined ? `${l.ac} ${p.acNumber} ${p.acName ?? ''}, ${district}` : district;
}

/** The refusal as a small HTML page in `language`. */
export function refusalPage(language: PdfLanguage, error: WireDomainError): string {
  const words = WORDS[language];
  const title = words.title(subjectOf(words, error.params));
  const reason = words.reasons[error.type]?.(error.params, whereOf(language, error.params)) ?? error.message;
  return [
    '<!doctype html>',
    `<html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">`,
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:system-ui,"Noto Sans Devanagari",sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}</style>',
    `</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(reason)}</p>`,
    `<p><small>${escapeHtml(error.message)}</small></p><p><a href="/">${escapeHtml(words.back)}</a></p></body></html>`,
  ].join('\n');
}
