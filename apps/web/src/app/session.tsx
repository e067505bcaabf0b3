import { createContext, useContext, useState, type ReactNode } from 'react';
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

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const [picked, setDistrictId] = useState<number | null>(null);
  const canPickDistrict = me.jurisdiction.level === 'nation' || me.jurisdiction.level === 'state';
  const own = me.homeDistrictId ?? me.jurisdiction.districtId ?? null;
  const districtId = canPickDistrict ? (picked ?? own) : own;
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
