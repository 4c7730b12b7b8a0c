import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, createApi, type Me, type PortalInfo } from './api.ts';
import { browserLocale, isLocale, LANGUAGE_NAMES, type Locale, LOCALES, translator } from './i18n.ts';
import { Link, Page } from './parts.tsx';
import { PortalContext, type PortalContextValue, usePortal } from './portal-context.ts';
import { ConversationsPage, NewConversationPage, ThreadPage } from './pages/conversations.tsx';
import { GiftsPage } from './pages/gifts.tsx';
import { GamesPage } from './pages/games.tsx';
import { HomePage } from './pages/home.tsx';
import { OrderPage, OrdersPage } from './pages/orders.tsx';
import { ProfilePage } from './pages/profile.tsx';
import { PuzzlePage } from './pages/puzzle.tsx';
import { ReferralsPage } from './pages/referrals.tsx';
import { ReturnFlowPage } from './pages/return-flow.tsx';
import { ReturnPage, ReturnsPage } from './pages/returns.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { RewardsPage } from './pages/rewards.tsx';
import { PortalPrompts } from './prompts.tsx';

const LOCALE_KEY = 'touchpoint-portal-locale';

/** `/portal/<handle>/<rest>` → handle and rest (always starting with `/`). */
function parseLocation(pathname: string) {
  const [, , handle = '', ...rest] = pathname.split('/');
  return { handle: decodeURIComponent(handle), path: `/${rest.join('/')}`.replace(/\/+$/, '') || '/' };
}

function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(LOCALE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

function rememberLocale(locale: Locale) {
  try {
    localStorage.setItem(LOCALE_KEY, locale);
  } catch {
    // Private mode: the choice still lands on the profile when signed in.
  }
}

type Session = { state: 'loading' } | { state: 'missing' } | { state: 'signed-out'; info: PortalInfo; linkFailed?: boolean } | { state: 'signed-in'; info: PortalInfo; me: Me };

export function App() {
  const [{ handle, path }, setLocation] = useState(() => parseLocation(location.pathname));
  const [session, setSession] = useState<Session>({ state: 'loading' });
  const api = useMemo(() => createApi(handle, () => setSession((current) => (current.state === 'signed-in' ? { state: 'signed-out', info: current.info } : current))), [handle]);
  const [chosenLocale, setChosenLocale] = useState<Locale | null>(storedLocale);
  const profileLocale = session.state === 'signed-in' && isLocale(session.me.locale) ? session.me.locale : null;
  // The customer's saved choice, then this browser's, then the browser's languages.
  const locale: Locale = profileLocale ?? chosenLocale ?? browserLocale();
  const t = useMemo(() => translator(locale), [locale]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const navigate = useCallback((to: string, replace = false) => {
    const url = `/portal/${encodeURIComponent(handle)}${to === '/' ? '/' : to}`;
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    setLocation(parseLocation(location.pathname));
    window.scrollTo(0, 0);
  }, [handle]);

  useEffect(() => {
    const onPop = () => setLocation(parseLocation(location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  useEffect(() => {
    let live = true;
    (async () => {
      const info = await api.info().catch(() => null);
      if (!info) return live && setSession({ state: 'missing' });
      const token = /^#token=([A-Za-z0-9_-]+)$/.exec(location.hash)?.[1];
      if (token) {
        // The token leaves the address bar at once: it works once anyway, but should not sit in history.
        history.replaceState(null, '', location.pathname);
        try {
          const me = await api.redeem(token);
          if (!live) return;
          setSession({ state: 'signed-in', info, me });
          // A link may lead to one page (the widget's "Today's puzzle"); a plain link lands on home.
          const landing = parseLocation(location.pathname).path;
          navigate(landing.startsWith('/sign-in') ? '/' : landing, true);
        } catch {
          if (live) setSession({ state: 'signed-out', info, linkFailed: true });
        }
        return;
      }
      try {
        const me = await api.me();
        if (live) setSession({ state: 'signed-in', info, me });
      } catch (error) {
        if (live) setSession(error instanceof ApiError && error.problem.status === 401 ? { state: 'signed-out', info } : { state: 'missing' });
      }
    })();
    return () => {
      live = false;
    };
  }, [api, navigate]);

  const chooseLocale = useCallback((next: Locale) => {
    setChosenLocale(next);
    rememberLocale(next);
    if (session.state === 'signed-in') {
      setSession({ ...session, me: { ...session.me, locale: next } });
      api.updateMe({ locale: next }).then((me) => setSession((current) => (current.state === 'signed-in' ? { ...current, me } : current)), () => undefined);
    }
  }, [api, session]);

  if (session.state === 'loading') return <p class="boot" role="status">{t('loading')}</p>;
  if (session.state === 'missing') {
    return (
      <main id="main" class="page">
        <h1>{t('portalNotFound')}</h1>
      </main>
    );
  }

  const languagePicker = (
    <label class="language">
      <span class="visually-hidden">{t('language')}</span>
      <select value={locale} onChange={(event) => chooseLocale((event.target as HTMLSelectElement).value as Locale)}>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );

  if (session.state === 'signed-out') {
    return (
      <>
        <header class="top-bar">
          <span class="brand">{session.info.name}</span>
          {languagePicker}
        </header>
        <main id="main" class="page">
          <SignInPage api={api} info={session.info} locale={locale} t={t} linkFailed={Boolean(session.linkFailed)} />
        </main>
      </>
    );
  }

  const context: PortalContextValue = {
    handle,
    api,
    info: session.info,
    me: session.me,
    setMe: (me) => setSession(me ? { ...session, me } : { state: 'signed-out', info: session.info }),
    locale,
    chooseLocale,
    t,
    navigate,
    href: (to) => `/portal/${encodeURIComponent(handle)}${to === '/' ? '/' : to}`,
  };
  const section = path.split('/')[1] ?? '';
  const tabs = [
    { to: '/', key: 'navHome', active: section === '' },
    { to: '/conversations', key: 'navConversations', active: section === 'conversations' },
    { to: '/orders', key: 'navOrders', active: section === 'orders' },
    { to: '/returns', key: 'navReturns', active: section === 'returns' },
    { to: '/profile', key: 'navProfile', active: section === 'profile' },
  ] as const;

  return (
    <PortalContext.Provider value={context}>
      <a class="skip-link" href="#main">
        {t('skip')}
      </a>
      <header class="top-bar">
        <Link to="/" class="brand">
          {session.info.name}
        </Link>
        {languagePicker}
      </header>
      <main id="main" class="page">
        <Route path={path} />
      </main>
      <PortalPrompts />
      <nav class="tab-bar" aria-label={t('mainNav')}>
        {tabs.map((tab) => (
          <Link key={tab.to} to={tab.to} class={tab.active ? 'tab active' : 'tab'} current={tab.active}>
            {t(tab.key)}
          </Link>
        ))}
      </nav>
    </PortalContext.Provider>
  );
}

function Route({ path }: { path: string }) {
  const parts = path.split('/').filter(Boolean);
  const [section, id, action] = parts;
  if (parts.length === 0 || section === 'sign-in') return <HomePage />;
  if (section === 'conversations' && !id) return <ConversationsPage />;
  if (section === 'conversations' && id === 'new') return <NewConversationPage />;
  if (section === 'conversations' && id) return <ThreadPage id={id} />;
  if (section === 'orders' && !id) return <OrdersPage />;
  if (section === 'orders' && id && action === 'return') return <ReturnFlowPage orderId={id} />;
  if (section === 'orders' && id) return <OrderPage id={id} />;
  if (section === 'returns' && !id) return <ReturnsPage />;
  if (section === 'returns' && id) return <ReturnPage id={id} />;
  if (section === 'profile') return <ProfilePage />;
  if (section === 'rewards') return <RewardsPage />;
  if (section === 'gifts') return <GiftsPage />;
  if (section === 'games') return <GamesPage />;
  if (section === 'puzzle' && !id) return <PuzzlePage />;
  if (section === 'referrals') return <ReferralsPage />;
  return <NotFound />;
}

function NotFound() {
  const { t } = usePortal();
  return <Page title={t('notFound')}>{null}</Page>;
}
