import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../i18n';
import { LANGUAGE_NAMES } from './language-switch';

/** The PDF routes the api serves (`/pdf/...`), one per interface language. */
export function unitPdfHref(serial: string, lang: Language): string {
  return `/pdf/units/${encodeURIComponent(serial)}.pdf?lang=${lang}`;
}

export function locationPdfHref(districtId: number, locationId: number, lang: Language): string {
  return `/pdf/locations/${districtId}/${locationId}.pdf?lang=${lang}`;
}

export function logbookPdfHref(districtId: number, locationId: number, lang: Language): string {
  return `/pdf/logbooks/${districtId}/${locationId}.pdf?lang=${lang}`;
}

export function labelsPdfHref(districtId: number, locationId: number, lang: Language): string {
  return `/pdf/labels/${districtId}/${locationId}.pdf?lang=${lang}`;
}

/** A PDF in each language, the current one first. */
export function PdfLinks({ label, href }: { label: string; href: (lang: Language) => string }) {
  const { i18n } = useTranslation();
  const ordered = [...LANGUAGES].sort((a, b) => Number(b === i18n.language) - Number(a === i18n.language));
  return (
    <p className="pdf-links" role="group" aria-label={label}>
      <span>{label}:</span>
      {ordered.map((lang) => (
        <a key={lang} href={href(lang)} lang={lang} target="_blank" rel="noopener">
          {LANGUAGE_NAMES[lang]}
        </a>
      ))}
    </p>
  );
}
