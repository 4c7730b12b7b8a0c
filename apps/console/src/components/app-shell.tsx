import { useEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import type { Me, MeAccount } from '../api/types.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { isTypingTarget } from '../pages/inbox/inbox-state.ts';
import { useRealtimeStatus } from '../realtime/realtime-context.tsx';
import { Link } from '../router/link.tsx';
import { useLocation } from '../router/use-location.ts';
import { paths } from '../routes/paths.ts';
import { useSession } from '../session/session-context.tsx';
import { AccountSwitcher } from './account-switcher.tsx';
import { Avatar } from './badge.tsx';
import { CloseIcon, ContactsIcon, ConversationsIcon, HomeIcon, LogoMark, MenuIcon, SearchIcon, SettingsIcon, SignOutIcon } from './icons.tsx';
import { LanguageSwitcher } from './language-switcher.tsx';
import { HelpCenterIcon } from './help-center-icon.tsx';
import { EngagementIcon } from './engagement-icon.tsx';
import { ExperienceIcon } from './experience-icon.tsx';
import { ReportsIcon } from './reports-icon.tsx';
import { ReturnsIcon, StoreIcon } from './commerce-icons.tsx';
import { ShellSearch } from './shell-search.tsx';

interface NavItem {
  label: MessageKey;
  to: string;
  icon: () => ReactNode;
  isCurrent(pathname: string): boolean;
  /** Left out of the phone's bottom bar (too many entries for its width); still in the desktop sidebar. */
  desktopOnly?: boolean;
}

function buildNavItems(accountId: string): NavItem[] {
  const home = paths.home(accountId);
  const under = (prefix: string) => (pathname: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);
  return [
    { label: 'nav.home', to: home, icon: HomeIcon, isCurrent: (pathname) => pathname === home || pathname === `${home}/` },
    { label: 'nav.conversations', to: `${home}/conversations`, icon: ConversationsIcon, isCurrent: under(`${home}/conversations`) },
    { label: 'nav.contacts', to: `${home}/contacts`, icon: ContactsIcon, isCurrent: under(`${home}/contacts`) },
    { label: 'nav.returns', to: paths.returns(accountId), icon: ReturnsIcon, isCurrent: under(paths.returns(accountId)), desktopOnly: true },
    { label: 'nav.store', to: paths.store(accountId), icon: StoreIcon, isCurrent: under(paths.store(accountId)) },
    { label: 'nav.helpCenter', to: paths.helpCenter(accountId), icon: HelpCenterIcon, isCurrent: under(paths.helpCenter(accountId)) },
    { label: 'nav.experience', to: paths.experience(accountId), icon: ExperienceIcon, isCurrent: under(`${home}/experience`) },
    { label: 'nav.engagement', to: paths.engagement(accountId), icon: EngagementIcon, isCurrent: under(`${home}/engagement`), desktopOnly: true },
    { label: 'nav.reports', to: paths.reports(accountId), icon: ReportsIcon, isCurrent: under(paths.reports(accountId)) },
    { label: 'nav.settings', to: paths.settings(accountId), icon: SettingsIcon, isCurrent: under(`${home}/settings`) },
  ];
}

function LiveIndicator() {
  const { t } = useI18n();
  const status = useRealtimeStatus();
  if (!status) return null;
  const label = status === 'open' ? t('realtime.live') : status === 'connecting' ? t('realtime.connecting') : t('realtime.reconnecting');
  return (
    <span className={`live-indicator live-${status}`} title={label}>
      <span className="live-dot" aria-hidden="true" />
      <span className="live-label">{label}</span>
    </span>
  );
}

/**
 * The signed-in frame: sidebar on desktop; top bar, collapsible menu and bottom navigation on a phone. The search box
 * sits at the top of the sidebar; on a phone a button in the top bar opens it as a row under the bar (always shown on
 * the search page, where it holds the current search).
 */
export function AppShell({ me, account, children }: { me: Me; account: MeAccount; children: ReactNode }) {
  const { t } = useI18n();
  const { signOut } = useSession();
  const { pathname, search } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);
  const searchInput = useRef<HTMLInputElement>(null);
  const searchButton = useRef<HTMLButtonElement>(null);
  const firstRender = useRef(true);
  const navItems = buildNavItems(account.id);
  const menuClass = menuOpen ? 'sidebar-menu is-open' : 'sidebar-menu';
  const onSearchPage = pathname.replace(/\/$/, '') === paths.search(account.id);
  const searchShown = searchOpen || onSearchPage;

  const openSearch = () => {
    // Rendered before focusing: on a phone the row is not displayed until it is open.
    flushSync(() => {
      setSearchOpen(true);
      setMenuOpen(false);
    });
    searchInput.current?.focus();
    searchInput.current?.select();
  };

  // After an in-app navigation, move focus to the new page's heading so screen readers announce it.
  useEffect(() => {
    setMenuOpen(false);
    setSearchOpen(false);
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const frame = requestAnimationFrame(() => {
      document.querySelector<HTMLElement>('[data-page-heading]')?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname]);

  useEffect(() => {
    if (!menuOpen) return;
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setMenuOpen(false);
    };
    window.addEventListener('keydown', closeOnEscape);
    return () => window.removeEventListener('keydown', closeOnEscape);
  }, [menuOpen]);

  // `/` anywhere outside a field and a dialog goes to the search box, as in most web apps.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.metaKey || event.ctrlKey || event.altKey || event.defaultPrevented) return;
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      openSearch();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('shell.skipToContent')}
      </a>
      <header className="sidebar">
        <div className="topbar">
          <Link to={paths.home(account.id)} className="brand">
            <LogoMark />
            <span className="brand-name">Touchpoint</span>
          </Link>
          <span className="topbar-account" aria-hidden="true">
            {account.name}
          </span>
          {onSearchPage ? null : (
            <button
              ref={searchButton}
              type="button"
              className="search-button"
              aria-expanded={searchOpen}
              aria-controls="shell-search"
              onClick={() => (searchOpen ? setSearchOpen(false) : openSearch())}
            >
              <SearchIcon />
              <span className="visually-hidden">{t('search.open')}</span>
            </button>
          )}
          <button
            type="button"
            className="menu-button"
            aria-expanded={menuOpen}
            aria-controls="shell-menu-account shell-menu-footer"
            onClick={() => {
              setMenuOpen((open) => !open);
              setSearchOpen(false);
            }}
          >
            {menuOpen ? <CloseIcon /> : <MenuIcon />}
            <span className="visually-hidden">{t('shell.menu')}</span>
          </button>
        </div>

        <ShellSearch
          id="shell-search"
          accountId={account.id}
          currentQuery={onSearchPage ? (search.get('q') ?? '') : null}
          inputRef={searchInput}
          className={searchShown ? 'shell-search is-open' : 'shell-search'}
          onEscape={() => {
            if (!searchOpen || onSearchPage) return;
            setSearchOpen(false);
            searchButton.current?.focus();
          }}
        />

        <div id="shell-menu-account" className={menuClass}>
          <AccountSwitcher accounts={me.accounts} current={account} />
        </div>

        <nav className="main-nav" aria-label={t('nav.label')}>
          <ul>
            {navItems.map((item) => {
              const current = item.isCurrent(pathname);
              return (
                <li key={item.label} className={item.desktopOnly ? 'nav-item-desktop' : undefined}>
                  <Link to={item.to} className="nav-link" aria-current={current ? 'page' : undefined}>
                    {item.icon()}
                    <span>{t(item.label)}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>

        <div id="shell-menu-footer" className={`${menuClass} sidebar-footer`}>
          <LanguageSwitcher />
          <div className="user-card">
            <Avatar name={me.user.name} size="small" />
            <div className="user-card-text">
              <span className="user-name">{me.user.name}</span>
              <span className="user-email">{me.user.email}</span>
            </div>
          </div>
          <div className="sidebar-footer-row">
            <LiveIndicator />
            <button type="button" className="button button-ghost button-small" onClick={() => void signOut()}>
              <SignOutIcon />
              <span>{t('shell.signOut')}</span>
            </button>
          </div>
        </div>
      </header>

      <main id="main" className={pathname.includes('/conversations') ? 'main main-inbox' : 'main'} tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
