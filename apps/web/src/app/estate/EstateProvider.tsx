/**
 * The estate the user is working on, chosen in the header. `estateId` undefined means all of the
 * user's estates. Kept per user in localStorage so it survives a reload.
 */
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { Estate } from '../../shared/api/types';
import { useAuth } from '../auth/AuthProvider';
import { useEstates } from './estates.api';

export const ALL_ESTATES = 'all';

type EstateValue = {
  estates: Estate[];
  loading: boolean;
  /** The chosen estate, or undefined for all estates. */
  estateId: string | undefined;
  estate: Estate | undefined;
  setEstateId: (id: string | undefined) => void;
  /** The user works on more than one estate (the switcher then offers "all"). */
  multiple: boolean;
};

const EstateContext = createContext<EstateValue | null>(null);

function storageKey(userId: string): string {
  return `wuye.estate.${userId}`;
}

function readStored(userId: string): string | null {
  try {
    return localStorage.getItem(storageKey(userId));
  } catch {
    return null;
  }
}

export function EstateProvider({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const estatesQuery = useEstates(Boolean(user));
  const estates = useMemo(() => estatesQuery.data?.items ?? [], [estatesQuery.data]);
  const [chosen, setChosen] = useState<string | null>(() => (user ? readStored(user.id) : null));
  const [chosenFor, setChosenFor] = useState<string | null>(user?.id ?? null);

  // A different user signed in on this tab: start from their own stored choice.
  if (user && chosenFor !== user.id) {
    setChosenFor(user.id);
    setChosen(readStored(user.id));
  }

  const multiple = estates.length > 1;
  let estateId: string | undefined;
  if (estates.length === 1) estateId = estates[0]!.id;
  else if (chosen && chosen !== ALL_ESTATES && estates.some((e) => e.id === chosen)) estateId = chosen;

  const setEstateId = useCallback(
    (id: string | undefined) => {
      const value = id ?? ALL_ESTATES;
      setChosen(value);
      if (user) {
        try {
          localStorage.setItem(storageKey(user.id), value);
        } catch {
          // storage blocked: the choice lasts for this page only
        }
      }
    },
    [user],
  );

  const value = useMemo<EstateValue>(
    () => ({
      estates,
      loading: estatesQuery.isPending,
      estateId,
      estate: estates.find((e) => e.id === estateId),
      setEstateId,
      multiple,
    }),
    [estates, estatesQuery.isPending, estateId, setEstateId, multiple],
  );
  return <EstateContext.Provider value={value}>{children}</EstateContext.Provider>;
}

export function useEstate(): EstateValue {
  const value = useContext(EstateContext);
  if (!value) throw new Error('useEstate must be used inside <EstateProvider>');
  return value;
}
