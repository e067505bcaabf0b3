import type { FieldArrayWithId, FieldErrors, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FieldError } from './field-error';
import type { OpenSessionFormInput } from './strongroom-forms';

interface Props {
  readonly fields: readonly FieldArrayWithId<OpenSessionFormInput, 'witnesses'>[];
  readonly register: UseFormRegister<OpenSessionFormInput>;
  readonly errors: FieldErrors<OpenSessionFormInput>['witnesses'];
  readonly onAdd: () => void;
  readonly onRemove: (index: number) => void;
}

/** The witnesses present, one row each: name, party, ID card (no login needed). */
export function WitnessRows({ fields, register, errors, onAdd, onRemove }: Props) {
  const { t } = useTranslation();
  return (
    <fieldset className="witness-rows">
      <legend>{t('strongroom.witnesses')}</legend>
      {fields.map((field, i) => (
        <div key={field.id} className="witness-row" role="group" aria-label={t('strongroom.witnessN', { n: i + 1 })}>
          <label className="field">
            <span>{t('strongroom.witnessName')}</span>
            <input {...register(`witnesses.${i}.name`)} aria-invalid={errors?.[i]?.name !== undefined} />
            <FieldError message={errors?.[i]?.name?.message} />
          </label>
          <label className="field">
            <span>{t('strongroom.witnessParty')}</span>
            <input {...register(`witnesses.${i}.party`)} aria-invalid={errors?.[i]?.party !== undefined} />
            <FieldError message={errors?.[i]?.party?.message} />
          </label>
          <label className="field">
            <span>{t('strongroom.witnessIdCard')}</span>
            <input {...register(`witnesses.${i}.idCard`)} aria-invalid={errors?.[i]?.idCard !== undefined} />
            <FieldError message={errors?.[i]?.idCard?.message} />
          </label>
          {fields.length > 1 && (
            <button type="button" className="witness-remove" onClick={() => onRemove(i)}>
              {t('strongroom.removeWitness')}
            </button>
          )}
        </div>
      ))}
      <FieldError message={errors?.root?.message ?? errors?.message} />
      <button type="button" onClick={onAdd}>
        {t('strongroom.addWitness')}
      </button>
    </fieldset>
  );
}
