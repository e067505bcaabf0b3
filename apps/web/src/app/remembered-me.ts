import type { Me } from './session';

const KEY = 'evmtrail.me';

/**
 * Who was signed in on this device, kept so a page reloaded without a network still opens for
 * them (the scans they make are kept and sent once the network and the session answer again).
 * Forgotten at sign-out and whenever the api says nobody is signed in.
 */
export function rememberMe(me: Me | null): void {
  try {
    if (me) localStorage.setItem(KEY, JSON.stringify(me));
    else localStorage.removeItem(KEY);
  } catch {
    // Storage disabled: offline reloads show the network error instead.
  }
}

export function rememberedMe(): Me | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const me = JSON.parse(raw) as Partial<Me> | null;
    return me && typeof me.id === 'number' && typeof me.role === 'string' && typeof me.jurisdiction === 'object' ? (me as Me) : null;
  } catch {
    return null;
  }
}
