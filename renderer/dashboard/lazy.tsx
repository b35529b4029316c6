import { lazy, Suspense } from 'react';

// The dashboard (charts, recharts) is loaded only when a manager opens it, so the intake desk's
// first screen stays light.
const Dashboard = lazy(() => import('./Dashboard'));

export function DashboardScreen() {
  return (
    <Suspense fallback={<p className="muted">Loading the dashboard…</p>}>
      <Dashboard />
    </Suspense>
  );
}
