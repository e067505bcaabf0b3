import { render } from '@testing-library/react';
import { App } from '../src/app/app';
import { createQueryClient, Providers } from '../src/app/providers';
import { API } from './msw';

/** Renders the whole app at `path` against the mocked api. */
export function renderApp(path = '/') {
  window.history.replaceState(null, '', path);
  const queryClient = createQueryClient();
  // why: retries only slow tests down; the app's retry policy is not under test here.
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  return render(
    <Providers apiUrl={API} queryClient={queryClient}>
      <App />
    </Providers>,
  );
}
