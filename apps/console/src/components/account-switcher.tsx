import { useId } from 'react';
import type { MeAccount } from '../api/types.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { navigate } from '../router/history.ts';
import { useLocation } from '../router/use-location.ts';
import { buildSwitchTarget } from '../routes/switch-target.ts';

export function AccountSwitcher({ accounts, current }: { accounts: MeAccount[]; current: MeAccount }) {
  const { t } = useI18n();
  const { pathname, search } = useLocation();
  const id = useId();

  if (accounts.length < 2) {
    return (
      <div className="account-switcher account-switcher-single">
        <span className="field-label-small">{t('account.label')}</span>
        <span className="account-name">{current.name}</span>
      </div>
    );
  }
  return (
    <div className="account-switcher">
      <label htmlFor={id} className="field-label-small">
        {t('account.switch')}
      </label>
      <select
        id={id}
        className="select"
        value={current.id}
        onChange={(event) => {
          const next = accounts.find((account) => account.id === event.target.value);
          if (next) navigate(buildSwitchTarget(pathname, next, search.get('q')));
        }}
      >
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {account.name}
          </option>
        ))}
      </select>
    </div>
  );
}
