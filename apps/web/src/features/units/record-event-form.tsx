import { isMovingEvent, UNIT_EVENTS, type UnitEvent } from '@evmtrail/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch, type UseFormRegisterReturn } from 'react-hook-form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../components/status';
import { describeError } from '../../lib/describe-error';
import { eventLabel } from '../../lib/labels';
import { useTRPC } from '../../lib/trpc';
import { decodeLocations } from '../locations/map-model';
import { useLocalName } from '../../lib/use-local-name';
import {
  EMPTY_RECORD_FORM,
  RecordEventFormSchema,
  recordableEvents,
  type RecordableUnit,
  type RecordEventFormInput,
  type RecordEventFormOutput,
} from './record-event';

interface Props {
  readonly unit: RecordableUnit & { readonly serial: string; readonly districtId: number };
}

/** Records one lifecycle event for the unit through `unit.transition`. */
export function RecordEventForm({ unit }: Props) {
  const { t } = useTranslation();
  const { me } = useSession();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const events = recordableEvents(unit, me.role);
  const form = useForm<RecordEventFormInput, unknown, RecordEventFormOutput>({
    resolver: zodResolver(RecordEventFormSchema),
    defaultValues: EMPTY_RECORD_FORM,
  });
  const chosen = useWatch({ control: form.control, name: 'event' });
  const moving = (UNIT_EVENTS as readonly string[]).includes(chosen) && isMovingEvent(chosen as UnitEvent);
  const transition = useMutation(
    trpc.unit.transition.mutationOptions({
      onSuccess: (_data, input) => {
        toast.success(t('record.done', { event: eventLabel(t, input.event), serial: unit.serial }));
        form.reset(EMPTY_RECORD_FORM);
        void queryClient.invalidateQueries({ queryKey: trpc.unit.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.dashboard.pathKey() });
      },
      onError: (error) => toast.error(describeError(t, error).sentence),
    }),
  );
  if (events.length === 0) {
    return (
      <section className="panel" aria-labelledby="record-title">
        <h2 id="record-title">{t('record.title')}</h2>
        <p className="hint">{t('record.none')}</p>
      </section>
    );
  }
  const submit = form.handleSubmit((v) =>
    transition.mutate({
      serial: unit.serial,
      event: v.event,
      ...(v.toLocationId !== undefined && { toLocationId: v.toLocationId }),
      ...(v.reason !== '' && { reason: v.reason }),
      ...(v.witnesses.length > 0 && { witnesses: v.witnesses }),
      ...(v.seals.length > 0 && { seals: v.seals }),
    }),
  );
  const fieldError = (name: keyof RecordEventFormInput) => {
    const message = form.formState.errors[name]?.message;
    return message ? <span className="field-error" role="alert">{t(message, { defaultValue: message })}</span> : null;
  };
  return (
    <section className="panel" aria-labelledby="record-title">
      <h2 id="record-title">{t('record.title')}</h2>
      <p className="hint">{t('record.intro')}</p>
      <form className="record-form" aria-labelledby="record-title" noValidate onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('record.event')}</span>
          <select {...form.register('event')} aria-invalid={form.formState.errors.event !== undefined}>
            <option value="">{t('record.choose')}</option>
            {events.map((e) => (
              <option key={e} value={e}>
                {eventLabel(t, e)}
              </option>
            ))}
          </select>
        </label>
        {fieldError('event')}
        {moving && <TargetField districtId={unit.districtId} register={form.register('toLocationId')} error={fieldError('toLocationId')} />}
        <label className="field">
          <span>{t('record.reason')}</span>
          <textarea rows={2} {...form.register('reason')} />
        </label>
        {fieldError('reason')}
        <div className="field-pair">
          <div>
            <label className="field">
              <span>{t('record.witnesses')}</span>
              <textarea rows={2} {...form.register('witnesses')} />
            </label>
            {fieldError('witnesses')}
          </div>
          <div>
            <label className="field">
              <span>{t('record.seals')}</span>
              <textarea rows={2} {...form.register('seals')} />
            </label>
            {fieldError('seals')}
          </div>
        </div>
        {transition.isError && <ErrorAlert error={transition.error} />}
        <button type="submit" className="button-primary" disabled={transition.isPending}>
          {transition.isPending ? t('record.submitting') : t('record.submit')}
        </button>
      </form>
    </section>
  );
}

interface TargetFieldProps {
  readonly districtId: number;
  readonly register: UseFormRegisterReturn<'toLocationId'>;
  readonly error: ReactNode;
}

/** Where a moving event takes the unit: the district's places. */
function TargetField({ districtId, register, error }: TargetFieldProps) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const localName = useLocalName();
  const tree = useQuery(trpc.location.tree.queryOptions({ districtId }));
  return (
    <>
      <label className="field">
        <span>{t('record.target')}</span>
        <select {...register} disabled={!tree.data}>
          <option value="">{t('record.chooseTarget')}</option>
          {(tree.data ? decodeLocations(tree.data.locations) : []).map((l) => (
            <option key={l.id} value={l.id}>
              {l.code} · {localName(l)}
            </option>
          ))}
        </select>
      </label>
      {error}
    </>
  );
}
