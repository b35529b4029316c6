import { useApiQuery } from '../useApiQuery';
import { FormError } from '../components/Field';
import { useI18n } from '../i18n';

/** About Handoff: version and where its files are (for IT and for support calls). */
export function AboutScreen() {
  const about = useApiQuery('app.about', {});
  const a = about.data;
  const { t } = useI18n();
  return (
    <section aria-labelledby="about-title">
      <h1 id="about-title">{t('about.title')}</h1>
      <FormError message={about.error} />
      {a ? (
        <div className="card">
          <dl className="about-list">
            <dt>{t('about.version')}</dt>
            <dd>{a.version}</dd>
            <dt>{t('about.runningAs')}</dt>
            <dd>{a.shell === 'desktop' ? t('about.desktop') : t('about.served')}</dd>
            <dt>{t('about.dataFolder')}</dt>
            <dd>{a.dataFolder}</dd>
            <dt>{t('about.databaseFile')}</dt>
            <dd>{a.databaseFile}</dd>
            <dt>{t('about.backupFolder')}</dt>
            <dd>{a.backupFolder}</dd>
            <dt>{t('about.logFolder')}</dt>
            <dd>{a.logFolder ?? t('about.consoleLog')}</dd>
            <dt>{t('about.schema')}</dt>
            <dd>{t('about.schemaVersion', { version: a.schemaVersion })}</dd>
            <dt>{t('about.runtime')}</dt>
            <dd>{a.runtime}</dd>
          </dl>
        </div>
      ) : (
        <p className="muted">{t('common.loading')}</p>
      )}
    </section>
  );
}
