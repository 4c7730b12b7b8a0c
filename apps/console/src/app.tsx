import { useEffect } from 'react';
import { AppShell } from './components/app-shell.tsx';
import { CurrentAccountContext } from './hooks/use-current-account.ts';
import { I18nProvider } from './i18n/i18n-context.tsx';
import { AcceptInvitationPage } from './pages/accept-invitation-page.tsx';
import { FullPageLoading, NoAccountPage, ServerUnavailablePage } from './pages/full-page-status.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { RealtimeProvider, useRealtimeRefresh } from './realtime/realtime-context.tsx';
import { matchPath } from './router/history.ts';
import { useLocation } from './router/use-location.ts';
import { renderAccountPage } from './routes/account-routes.tsx';
import { paths, readRememberedAccount, readSafeNext, rememberAccount } from './routes/paths.ts';
import { Redirect } from './routes/redirect.tsx';
import { SessionProvider, useMe, useSession } from './session/session-context.tsx';

/** Membership and account changes alter `Me` (roles, account names, removal), so it is fetched again. */
const ME_EVENTS = ['member.updated', 'member.removed', 'member.added', 'account.updated'];

function SignedInRoutes({ pathname }: { pathname: string }) {
  const me = useMe();
  const { signOut, reloadMe } = useSession();
  useRealtimeRefresh(null, ME_EVENTS, () => void reloadMe());
  const [first, accountId, ...rest] = pathname.split('/').filter(Boolean);
  const account = first === 'a' ? me.accounts.find((candidate) => candidate.id === accountId) : undefined;

  useEffect(() => {
    if (account) rememberAccount(account.id);
  }, [account]);

  if (me.accounts.length === 0) return <NoAccountPage onSignOut={() => void signOut()} />;
  if (!account) {
    const remembered = me.accounts.find((candidate) => candidate.id === readRememberedAccount());
    const fallback = remembered ?? me.accounts[0];
    return fallback ? <Redirect to={paths.home(fallback.id)} /> : null;
  }
  return (
    <CurrentAccountContext.Provider value={account}>
      <AppShell me={me} account={account}>
        {renderAccountPage(account, rest)}
      </AppShell>
    </CurrentAccountContext.Provider>
  );
}

function AppRoutes() {
  const { state, reloadMe } = useSession();
  const { pathname, search, key } = useLocation();

  const invitation = matchPath('/invite/:token', pathname);
  if (invitation?.token) return <AcceptInvitationPage token={invitation.token} />;

  switch (state.status) {
    case 'loading':
      return <FullPageLoading />;
    case 'unavailable':
      return <ServerUnavailablePage error={state.error} onRetry={() => void reloadMe()} />;
    case 'signed-out':
      if (pathname === '/sign-in') return <SignInPage />;
      return <Redirect to={state.deliberate ? paths.signIn() : paths.signIn(key)} />;
    case 'signed-in':
      if (pathname === '/sign-in') return <Redirect to={readSafeNext(search.get('next')) ?? '/'} />;
      return (
        // A socket closed for an ended session means the cookie is gone: re-checking /me signs the tab out.
        <RealtimeProvider onSessionEnded={() => void reloadMe()}>
          <SignedInRoutes pathname={pathname} />
        </RealtimeProvider>
      );
  }
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <AppRoutes />
      </SessionProvider>
    </I18nProvider>
  );
}
