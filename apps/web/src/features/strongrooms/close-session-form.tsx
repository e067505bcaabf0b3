import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';
import { ErrorAlert } from '../../components/status';
import { describeError } from '../../lib/describe-error';
import { useTRPC } from '../../lib/trpc';
import { CloseSessionFormSchema, type CloseSessionFormInput, type CloseSessionFormOutput } from './strongroom-forms';
import { FieldError } from './field-error';

/** Closes the open session with the seals applied (at least one). */
export function CloseSessionForm({ districtId, locationId }: { districtId: number; locationId: number }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<CloseSessionFormInput, unknown, CloseSessionFormOutput>({ resolver: zodResolver(CloseSessionFormSchema), defaultValues: { seals: '' } });
  const close = useMutation(
    trpc.strongroom.close.mutationOptions({
      onSuccess: () => {
        toast.success(t('strongroom.closed'));
        form.reset({ seals: '' });
        void queryClient.invalidateQueries({ queryKey: trpc.strongroom.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.location.pathKey() });
      },
      onError: (error) => toast.error(describeError(t, error).sentence),
    }),
  );
  const submit = form.handleSubmit((v) => close.mutate({ districtId, locationId, sealsApplied: v.seals }));
  return (
    <form className="record-form" aria-labelledby="close-title" noValidate onSubmit={(e) => void submit(e)}>
      <h3 id="close-title">{t('strongroom.closeTitle')}</h3>
      <label className="field">
        <span>{t('strongroom.sealsApplied')}</span>
        <textarea rows={2} {...form.register('seals')} aria-invalid={form.formState.errors.seals !== undefined} />
      </label>
      <FieldError message={form.formState.errors.seals?.message} />
      {close.isError && <ErrorAlert error={close.error} />}
      <button type="submit" className="button-primary" disabled={close.isPending}>
        {close.isPending ? t('strongroom.closing') : t('strongroom.closeSubmit')}
      </button>
    </form>
  );
}
