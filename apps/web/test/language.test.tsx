import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { DEO } from './fixtures';
import { mockApi } from './msw';
import { renderApp } from './render-app';

describe('language switch', () => {
  it('switches every visible label to Hindi and remembers the choice', async () => {
    mockApi({
      'auth.me': () => DEO,
      'dashboard.unitCounts': () => ({ rows: [{ kind: 'VVPAT', state: 'in_warehouse', count: 9 }], total: 9 }),
    });
    renderApp('/');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Units' })).toBeTruthy();
    await screen.findByRole('figure', { name: 'Units by kind and state' });

    await userEvent.click(within(screen.getByRole('banner')).getByRole('button', { name: 'हिन्दी' }));

    const navHi = screen.getByRole('navigation', { name: 'मुख्य' });
    expect(within(navHi).getAllByRole('link').map((a) => a.textContent)).toEqual([
      'डैशबोर्ड',
      'यूनिट',
      'नक्शा',
      'अभिरक्षा लॉग',
      'भौतिक सत्यापन',
      'एफ़एलसी',
      'यादृच्छिकीकरण',
      'सेट',
      'प्राप्ति',
      'खेप',
    ]);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('डैशबोर्ड');
    const table = screen.getByRole('table', { name: 'स्थिति और प्रकार के अनुसार यूनिट' });
    expect(within(table).getByRole('columnheader', { name: 'वीवीपैट' })).toBeTruthy();
    expect(within(table).getByRole('rowheader', { name: 'गोदाम में' })).toBeTruthy();
    expect(within(screen.getByRole('banner')).getByText('ज़िला निर्वाचन अधिकारी · पुणे ज़िला')).toBeTruthy();
    expect(document.documentElement.lang).toBe('hi');
    expect(localStorage.getItem('evmtrail.lang')).toBe('hi');
  });

  it('offers Marathi too, with Indian number grouping', async () => {
    mockApi({
      'auth.me': () => DEO,
      'dashboard.unitCounts': () => ({ rows: [{ kind: 'CU', state: 'in_warehouse', count: 123456 }], total: 123456 }),
    });
    renderApp('/');
    await screen.findByRole('figure', { name: 'Units by kind and state' });
    const switcher = within(screen.getByRole('banner')).getByRole('group', { name: 'Language' });
    expect(within(switcher).getAllByRole('button').map((b) => b.textContent)).toEqual(['English', 'हिन्दी', 'मराठी']);
    await userEvent.click(within(switcher).getByRole('button', { name: 'मराठी' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('डॅशबोर्ड');
    expect(within(screen.getByRole('navigation', { name: 'मुख्य' })).getByRole('link', { name: 'अभिरक्षा नोंदवही' })).toBeTruthy();
    expect(screen.getByText('1,23,456', { selector: '.big-number strong' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('mr');
  });
});
