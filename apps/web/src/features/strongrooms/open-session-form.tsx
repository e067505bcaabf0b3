import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/status';
import { describeError } from '../../lib/describe-error';
import { useTRPC } from '../../lib/trpc';
import { FieldError } from './field-error';
import type { StrongroomStatus } from './strongroom-panel';
import {
  EMPTY_WITNESS,
  emptyOpenForm,
  openSessionFormSchema,
  sealCheckOf,
  type OpenSessionFormInput,
  type OpenSessionFormOutput,
} from './strongroom-forms';
import { WitnessRows } from './witness-rows';

interface Props {
  readonly status: StrongroomStatus;
  readonly districtId: number;
  readonly locationId: number;
}

/**
 * Opens the strongroom: the signed-in key-holder, the other key-holder's password, the witnesses
 * present, and the seals found and broken, checked here against the last close as they are typed.
 */
export function OpenSessionForm({ status, districtId, locationId }: Props) {
  const { t } = useTranslation();
  const { me } = useSession();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const others = status.keyHolders.filter((h) => h.id !== me.id);
  const lastApplied = status.lastClosed?.sealsApplied ?? null;
  const schema = useMemo(() => openSessionFormSchema(lastApplied), [lastApplied]);
  const form = useForm<OpenSessionFormInput, unknown, OpenSessionFormOutput>({ resolver: zodResolver(schema), defaultValues: emptyOpenForm(others[0]?.id) });
  const witnesses = useFieldArray({ control: form.control, name: 'witnesses' });
  const typed = useWatch({ control: form.control, name: 'seals' });
  const check = sealCheckOf(lastApplied, typed);
  const mismatch = check.missing.length > 0 || check.unexpected.length > 0;
  // Loud once seals are typed (or a send was tried), not before the first keystroke.
  const showMismatch = mismatch && (typed.trim() !== '' || form.formState.isSubmitted);
  const open = useMutation(
    trpc.strongroom.open.mutationOptions({
      onSuccess: () => {
        toast.success(t('strongroom.opened'));
        form.reset(emptyOpenForm(others[0]?.id));
        void queryClient.invalidateQueries({ queryKey: trpc.strongroom.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.location.pathKey() });
      },
      onError: (error) => {
        form.setValue('password', '');
        toast.error(describeError(t, error).sentence);
      },
    }),
  );
  const submit = form.handleSubmit((v) =>
    open.mutate({
      districtId, locationId, secondKeyHolderId: v.secondKeyHolderId, secondKeyHolderPassword: v.password,
      witnesses: v.witnesses, sealsBroken: v.seals, ...(mismatch && v.sealNote !== '' ? { sealNote: v.sealNote } : {}),
    }),
  );
  const errors = form.formState.errors;
  return (
    <form className="record-form" aria-labelledby="open-title" noValidate onSubmit={(e) => void submit(e)}>
      <h3 id="open-title">{t('strongroom.openTitle')}</h3>
      <p className="hint">{t('strongroom.openIntro')}</p>
      <div className="field-pair">
        <div>
          <label className="field">
            <span>{t('strongroom.secondKeyHolder')}</span>
            <select {...form.register('secondKeyHolderId')}>
              {others.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.displayName} ({h.username})
                </option>
              ))}
            </select>
          </label>
          <FieldError message={errors.secondKeyHolderId?.message} />
        </div>
        <div>
          <label className="field">
            <span>{t('strongroom.secondPassword')}</span>
            <input type="password" autoComplete="off" {...form.register('password')} aria-invalid={errors.password !== undefined} />
          </label>
          <FieldError message={errors.password?.message} />
        </div>
      </div>
      <WitnessRows
        fields={witnesses.fields}
        register={form.register}
        errors={errors.witnesses}
        onAdd={() => witnesses.append({ ...EMPTY_WITNESS })}
        onRemove={(i) => witnesses.remove(i)}
      />
      <label className="field">
        <span>{t('strongroom.sealsBroken')}</span>
        <textarea rows={2} {...form.register('seals')} aria-invalid={errors.seals !== undefined} />
      </label>
      <p className="hint">
        {lastApplied ? t('strongroom.expectSeals', { seals: lastApplied.join(', ') }) : t('strongroom.neverClosed')}
      </p>
      <FieldError message={errors.seals?.message} />
      {showMismatch && (
        <div className="alert alert-error seal-mismatch" role="alert">
          <strong>{t('strongroom.mismatchTitle')}</strong>
          <span>
            {check.missing.length > 0 && t('strongroom.mismatchMissing', { seals: check.missing.join(', ') })}{' '}
            {check.unexpected.length > 0 && t('strongroom.mismatchUnexpected', { seals: check.unexpected.join(', ') })}
          </span>
          <label className="check">
            <input type="checkbox" {...form.register('acknowledged')} /> {t('strongroom.acknowledge')}
          </label>
          <FieldError message={errors.acknowledged?.message} />
          <label className="field">
            <span>{t('strongroom.sealNote')}</span>
            <textarea rows={2} {...form.register('sealNote')} aria-invalid={errors.sealNote !== undefined} />
          </label>
          <FieldError message={errors.sealNote?.message} />
        </div>
      )}
      {open.isError && <ErrorAlert error={open.error} />}
      <button type="submit" className="button-primary" disabled={open.isPending}>
        {open.isPending ? t('strongroom.opening') : t('strongroom.openSubmit')}
      </button>
    </form>
  );
}
