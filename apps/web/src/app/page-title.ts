import { createContext, useContext, useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';

/** Per router: whether the next page to mount is the first one (the browser keeps its focus). */
export const FirstPageContext = createContext<RefObject<boolean>>({ current: false });

/** A fresh "first page" marker for a router's root. */
export function useFirstPageMarker(): RefObject<boolean> {
  return useRef(true);
}

/**
 * Sets the tab's title to "<page> · EVM Trail" while the page is shown, and after a navigation
 * moves focus to the page's heading, so a screen reader announces it and Tab starts from the
 * top of the content. The first page of a visit keeps the browser's own focus.
 */
export function usePageTitle(page: string): void {
  const { t } = useTranslation();
  const app = t('app.name');
  useEffect(() => {
    document.title = page === '' ? app : `${page} · ${app}`;
  }, [page, app]);
  const firstPageRef = useContext(FirstPageContext);
  useEffect(() => {
    if (firstPageRef.current) {
      firstPageRef.current = false;
      return;
    }
    focusPageHeading();
  }, [firstPageRef]);
}

function focusPageHeading(): void {
  const heading = document.querySelector<HTMLElement>('#main h1');
  if (!heading) return;
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  heading.focus();
}
