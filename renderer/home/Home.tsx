import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { useNow } from '../useNow';

export function Home() {
  const { user, facility } = useSession();
  const now = useNow(30_000);
  const { t } = useI18n();
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">{t('home.title', { facility: facility.name })}</h1>
      <p className="muted">
        {formatDate(now, facility.timeZone, 'longDate')} ({facility.timeZone})
      </p>
      <p>{t('home.signedInAs', { name: user.displayName })}</p>
    </section>
  );
}
