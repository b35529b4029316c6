import { useApiQuery } from '../useApiQuery';
import { FormError } from '../components/Field';

/** About Handoff: version and where its files are (for IT and for support calls). */
export function AboutScreen() {
  const about = useApiQuery('app.about', {});
  const a = about.data;
  return (
    <section aria-labelledby="about-title">
      <h1 id="about-title">About Handoff</h1>
      <FormError message={about.error} />
      {a ? (
        <div className="card">
          <dl className="about-list">
            <dt>Version</dt>
            <dd>{a.version}</dd>
            <dt>Running as</dt>
            <dd>{a.shell === 'desktop' ? 'Desktop app' : 'Served to browsers'}</dd>
            <dt>Data folder</dt>
            <dd>{a.dataFolder}</dd>
            <dt>Database file</dt>
            <dd>{a.databaseFile}</dd>
            <dt>Backup folder</dt>
            <dd>{a.backupFolder}</dd>
            <dt>Log folder</dt>
            <dd>{a.logFolder ?? 'Console output of the server (serve mode)'}</dd>
            <dt>Database schema</dt>
            <dd>version {a.schemaVersion}</dd>
            <dt>Runtime</dt>
            <dd>{a.runtime}</dd>
          </dl>
        </div>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
