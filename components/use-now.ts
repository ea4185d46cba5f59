import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs` so relative times ("5 minutes ago") stay true. */
export function useNow(intervalMs = 60_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
