import type { Api } from './api.ts';
import type { Translate } from './i18n.ts';

/**
 * "My account" for a user the host page verified: opens the customer portal already signed in, through a one-time
 * link the server mints for this visitor. The tab is opened on the click itself (popup blockers allow that), then sent
 * to the link; it loses its opener first, so the portal cannot reach back into the host page.
 */
export function PortalLink({ api, t, locale, page }: { api: Api; t: Translate; locale: string; page?: 'puzzle' }) {
  async function open() {
    const tab = window.open('', '_blank');
    try {
      const link = new URL((await api.portalLink(locale)).url, location.href);
      // `page` opens that portal page once signed in (the portal keeps the path of a sign-in link).
      if (page) link.pathname = `${link.pathname.replace(/\/(sign-in)?\/?$/, '')}/${page}`;
      const url = link.href;
      if (tab) {
        tab.opener = null;
        tab.location.href = url;
      } else window.location.href = url;
    } catch {
      tab?.close();
    }
  }
  return (
    <button type="button" class="tp-acct" onClick={() => void open()}>
      {page ? t('puzzle') : t('account')}
    </button>
  );
}
