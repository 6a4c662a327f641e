/**
 * Keeps a page live by polling: runs `refresh` now, then again `everyMs` after each run ends
 * (never two at once), skipping while the tab is hidden. Returns the function that stops it.
 */
export function poll(refresh: () => Promise<void>, everyMs: number): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    if (stopped) return;
    if (!document.hidden) {
      try {
        await refresh();
      } catch {
        // The page shows its own error; the next tick tries again.
      }
    }
    if (!stopped) timer = setTimeout(() => void tick(), everyMs);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** How often pages refresh their live figures. */
export const LIVE_MS = 1_500;
