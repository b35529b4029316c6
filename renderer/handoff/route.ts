import { useEffect, useState } from 'react';

/** The hash route split into segments: `#/encounters/12/receipt` → ['encounters','12','receipt']. */
export function useRouteSegments(): string[] {
  const read = () => window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [segments, setSegments] = useState(read);
  useEffect(() => {
    const onHash = () => setSegments(read());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return segments;
}
