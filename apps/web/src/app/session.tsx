import { useNavigate, useSearch } from '@tanstack/react-router';
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import type { RouterOutputs } from '../lib/trpc';

export type Me = NonNullable<RouterOutputs['auth']['me']>;

interface Session {
  readonly me: Me;
  /** The district the pages show: the user's own, or the one a state/nation user picked. */
  readonly districtId: number | null;
  readonly setDistrictId: (id: number | null) => void;
  /** State and nation users look at many districts; everyone else has one. */
  readonly canPickDistrict: boolean;
}

const SessionContext = createContext<Session | null>(null);

const storageKey = (userId: number) => `evmtrail.district.${userId}`;

/** The district this user last picked on this device, if any. */
export function storedDistrict(userId: number): number | null {
  try {
    const n = Number(globalThis.localStorage.getItem(storageKey(userId)));
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}

function storeDistrict(userId: number, id: number | null): void {
  try {
    if (id === null) globalThis.localStorage.removeItem(storageKey(userId));
    else globalThis.localStorage.setItem(storageKey(userId), String(id));
  } catch {
    // Storage disabled: the choice still lives in the URL.
  }
}

/**
 * A picked district lives in the URL (`?district=5`, kept on every link) so Back, reload and a
 * shared link show the same district; this device also remembers it for the next visit.
 */
export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const search = useSearch({ strict: false });
  const navigate = useNavigate();
  const canPickDistrict = me.jurisdiction.level === 'nation' || me.jurisdiction.level === 'state';
  const own = me.homeDistrictId ?? me.jurisdiction.districtId ?? null;
  const picked = search.district ?? storedDistrict(me.id);
  const districtId = canPickDistrict ? (picked ?? own) : own;
  const setDistrictId = useCallback(
    (id: number | null) => {
      storeDistrict(me.id, id);
      void navigate({ to: '.', search: (prev) => ({ ...prev, district: id ?? undefined }) });
    },
    [me.id, navigate],
  );
  return (
    <SessionContext.Provider value={{ me, districtId, setDistrictId, canPickDistrict }}>
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside <SessionProvider>');
  return session;
}
