import type { Api } from './api.ts';
import type { Translate } from './i18n.ts';

/**
 * "My account" for a user the host page verified: opens the customer portal already signed in, through a one-time
 * link the server mints for this visitor. The tab is opened on the click itself (popup blockers allow that), then sent
 * to the link; it loses its opener first, so the portal cannot reach back into the host page.
 */
export function PortalLink({ api, t, locale }: { api: Api; t: Translate; locale: string }) {
  async function open() {
    const tab = window.open('', '_blank');
    try {
      const { url } = await api.portalLink(locale);
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
      {t('account')}
    </button>
  );
}
