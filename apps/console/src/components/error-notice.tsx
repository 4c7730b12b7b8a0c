import { isApiError } from '../api/api-error.ts';
import { useI18n, type Translate } from '../i18n/i18n-context.tsx';

/**
 * Known codes get a sentence in the reader's language; anything else shows the server's `detail`
 * (or `title`), which is written for people.
 */
export function describeError(error: unknown, t: Translate): string {
  if (!isApiError(error)) return t('error.unexpected');
  switch (error.code) {
    case 'network':
      return t('error.network');
    case 'rate_limited': {
      const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
      return minutes === 1 ? t('error.rateLimitedOne') : t('error.rateLimitedOther', { minutes });
    }
    case 'invalid_credentials':
      return t('error.invalidCredentials');
    case 'csrf_failed':
      return t('error.csrfFailed');
    case 'last_admin':
      return t('error.lastAdmin');
    case 'forbidden':
      return t('error.forbidden');
    case 'not_found':
      return t('error.notFound');
    case 'invitation_expired':
      return t('error.invitationExpired');
    case 'payload_too_large':
      return t('error.payloadTooLarge');
    default:
      return error.detail ?? error.title;
  }
}

export function ErrorNotice({ error, title }: { error: unknown; title?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  const fieldErrors = isApiError(error) && error.code === 'validation_failed' ? error.fieldErrors : [];
  return (
    <div className="notice notice-error" role="alert">
      {title ? <p className="notice-title">{title}</p> : null}
      <p>{fieldErrors.length > 0 ? t('error.validation') : describeError(error, t)}</p>
      {fieldErrors.length > 0 ? (
        <ul>
          {fieldErrors.map((fieldError, index) => (
            <li key={`${fieldError.path}-${index}`}>
              {fieldError.path ? <code>{fieldError.path}</code> : null} {fieldError.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
