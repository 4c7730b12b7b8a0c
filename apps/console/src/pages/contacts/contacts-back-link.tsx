import { ChevronLeftIcon } from '../../components/icons.tsx';
import { useCurrentAccount } from '../../hooks/use-current-account.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { Link } from '../../router/link.tsx';
import { paths } from '../../routes/paths.ts';

/** "Back to contacts", above the title of every page under Contacts. */
export function ContactsBackLink() {
  const { t } = useI18n();
  const account = useCurrentAccount();
  return (
    <Link to={paths.contacts(account.id)} className="back-link">
      <ChevronLeftIcon />
      {t('contact.back')}
    </Link>
  );
}
