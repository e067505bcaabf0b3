import { SignInInputSchema, type SignInInput } from '@evmtrail/shared';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../../app/page-title';
import { LanguageSwitch } from '../../components/language-switch';
import { ErrorAlert } from '../../components/status';
import { useTRPC } from '../../lib/trpc';

type Field = keyof SignInInput;

/** Sign-in, validated by the api's own input schema before anything is sent. */
export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t('signIn.submit'));
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<SignInInput>({ resolver: zodResolver(SignInInputSchema), defaultValues: { username: '', password: '' } });
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: (data) => {
        queryClient.setQueryData(trpc.auth.me.queryKey({}), data.user);
      },
    }),
  );
  const submit = form.handleSubmit((values) => signIn.mutate(values));
  const error = (field: Field) =>
    form.formState.errors[field] ? (
      <span className="field-error" id={`signin-${field}-error`}>
        {t('signIn.required', { field: t(`signIn.${field}`) })}
      </span>
    ) : null;

  return (
    <div className="signin">
      <div className="signin-top">
        <LanguageSwitch />
      </div>
      <form className="signin-card" onSubmit={(e) => void submit(e)} aria-labelledby="signin-title" noValidate>
        <h1 id="signin-title">{t('app.name')}</h1>
        <p className="signin-intro">{t('signIn.intro')}</p>
        <label className="field">
          <span>{t('signIn.username')}</span>
          <input
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            aria-invalid={form.formState.errors.username !== undefined}
            {...form.register('username')}
          />
          {error('username')}
        </label>
        <label className="field">
          <span>{t('signIn.password')}</span>
          <input
            type="password"
            autoComplete="current-password"
            aria-invalid={form.formState.errors.password !== undefined}
            {...form.register('password')}
          />
          {error('password')}
        </label>
        {signIn.isError && <ErrorAlert error={signIn.error} />}
        <button type="submit" className="button-primary" disabled={signIn.isPending}>
          {signIn.isPending ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </div>
  );
}
