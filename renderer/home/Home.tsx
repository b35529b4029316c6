import { formatInTimeZone } from '../format';
import { useSession } from '../session';
import { useNow } from '../useNow';

export function Home() {
  const { user, facility } = useSession();
  const now = useNow(30_000);
  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">Today at {facility.name}</h1>
      <p className="muted">
        {formatInTimeZone(now, facility.timeZone, 'EEEE d MMMM yyyy, HH:mm')} ({facility.timeZone})
      </p>
      <p>Signed in as {user.displayName}.</p>
    </section>
  );
}
