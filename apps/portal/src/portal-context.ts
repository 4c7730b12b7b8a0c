import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api, Me, PortalInfo } from './api.ts';
import type { Locale, Translate } from './i18n.ts';

export interface PortalContextValue {
  handle: string;
  api: Api;
  info: PortalInfo;
  me: Me;
  setMe: (me: Me | null) => void;
  locale: Locale;
  /** Changes the language now, and saves it to the customer's profile. */
  chooseLocale: (locale: Locale) => void;
  t: Translate;
  navigate: (path: string) => void;
  /** `/portal/<handle><path>`. */
  href: (path: string) => string;
}

export const PortalContext = createContext<PortalContextValue | null>(null);

export function usePortal(): PortalContextValue {
  const value = useContext(PortalContext);
  if (!value) throw new Error('usePortal outside the portal');
  return value;
}
