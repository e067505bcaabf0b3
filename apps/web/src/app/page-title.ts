import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the tab's title to "<page> · EVM Trail" while the page is shown. */
export function usePageTitle(page: string): void {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = page === '' ? app : `${page} · ${app}`;
  }, [page, app]);
}

/**
 * After a navigation, focus goes to the new page's heading, so a screen reader announces it
 * and Tab starts from the top of the content (the first load keeps the browser's own focus).
 */
export function focusPageHeading(): void {
  const heading = document.querySelector<HTMLElement>('#main h1');
  if (!heading) return;
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  heading.focus({ preventScroll: false });
}
