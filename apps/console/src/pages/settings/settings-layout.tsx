import { useEffect, useRef, type ReactNode } from 'react';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link } from '../../router/link.tsx';
import { canOpenSection, paths, SETTINGS_SECTIONS, type SettingsSectionId } from '../../routes/paths.ts';

/** Settings navigation beside (desktop) or above (phone) the section; admin-only sections are hidden from agents. */
export function SettingsLayout({ current, children }: { current: SettingsSectionId; children: ReactNode }) {
  const { t } = useI18n();
  const account = useCurrentAccount();
  const navRef = useRef<HTMLElement>(null);
  // On a phone the sections are a sideways-scrolling row: bring the current one into view.
  useEffect(() => {
    const nav = navRef.current;
    const active = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !active || nav.scrollWidth <= nav.clientWidth) return;
    nav.scrollLeft = active.offsetLeft - (nav.clientWidth - active.offsetWidth) / 2;
  }, [current]);
  const visible = SETTINGS_SECTIONS.filter((section) => canOpenSection(section, account.role));
  const groups: { id: 'you' | 'account' | 'helpdesk'; label: string }[] = [
    { id: 'you', label: t('settings.groupYou') },
    { id: 'account', label: t('settings.groupAccount') },
    { id: 'helpdesk', label: t('settings.groupHelpdesk') },
  ];

  return (
    <div className="settings">
      <nav ref={navRef} className="settings-nav" aria-label={t('settings.navLabel')}>
        {groups.map((group) => (
          <div key={group.id} className="settings-nav-group">
            <p className="settings-nav-heading" aria-hidden="true">
              {group.label}
            </p>
            <ul>
              {visible
                .filter((section) => section.group === group.id)
                .map((section) => (
                  <li key={section.id}>
                    <Link
                      to={paths.settings(account.id, section.id)}
                      className="settings-nav-link"
                      aria-current={section.id === current ? 'page' : undefined}
                    >
                      {t(section.label)}
                    </Link>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </nav>
      <div className="settings-content">{children}</div>
    </div>
  );
}
