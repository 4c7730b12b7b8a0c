import { createContext, useContext } from 'react';
import type { MeAccount } from '../api/types.ts';

/** The account named by `/a/:accountId` in the URL, as listed in `Me.accounts`. */
export const CurrentAccountContext = createContext<MeAccount | null>(null);

export function useCurrentAccount(): MeAccount {
  const account = useContext(CurrentAccountContext);
  if (!account) throw new Error('useCurrentAccount must be used under an /a/:accountId route');
  return account;
}

export function useIsAdmin(): boolean {
  return useCurrentAccount().role === 'admin';
}
