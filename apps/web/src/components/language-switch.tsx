import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n';

export const LANGUAGE_NAMES = { en: 'English', hi: 'हिन्दी', mr: 'मराठी' } as const;

/** English / हिन्दी / मराठी; each name is written in its own language so anyone can find theirs. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch" role="group" aria-label={t('header.language')}>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={i18n.language === lng}
          onClick={() => void i18n.changeLanguage(lng)}
        >
          {LANGUAGE_NAMES[lng]}
        </button>
      ))}
    </div>
  );
}
