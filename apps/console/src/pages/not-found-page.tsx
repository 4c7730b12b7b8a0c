import { PageHeader } from '../components/page-header.tsx';
import { useI18n } from '../i18n/i18n-context.tsx';
import { Link } from '../router/link.tsx';

export function NotFoundPage({ homeTo, reason = 'missing' }: { homeTo: string; reason?: 'missing' | 'admin-only' }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeader
        title={reason === 'admin-only' ? t('notFound.adminOnlyTitle') : t('notFound.title')}
        description={reason === 'admin-only' ? t('notFound.adminOnlyBody') : t('notFound.body')}
      />
      <Link to={homeTo} className="button button-secondary">
        {t('notFound.goHome')}
      </Link>
    </>
  );
}
