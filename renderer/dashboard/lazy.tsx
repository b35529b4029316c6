import { lazy, Suspense } from 'react';
import { useI18n } from '../i18n';

// The dashboard (charts, recharts) is loaded only when a manager opens it, so the intake desk's
// first screen stays light.
const Dashboard = lazy(() => import('./Dashboard'));

export function DashboardScreen() {
  const { t } = useI18n();
  return (
    <Suspense fallback={<p className="muted">{t('figures.loadingDashboard')}</p>}>
      <Dashboard />
    </Suspense>
  );
}
