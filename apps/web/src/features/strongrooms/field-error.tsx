import { useTranslation } from 'react-i18next';

/** A form field's message (an i18n key, or the api's own sentence), announced when it appears. */
export function FieldError({ message }: { message: string | undefined }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <span className="field-error" role="alert">
      {t(message, { defaultValue: message })}
    </span>
  );
}
