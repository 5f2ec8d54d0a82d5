import { useEffect, useRef } from 'react';

// Tests do not wait the owner's minutes: they drive the page's clock (Playwright's page.clock, see
// test/e2e/idle-lock.spec.ts), so this reads time only through Date.now() and setTimeout.

// `input` too: typing through an IME (Chinese) or pasting may send no keydown at all.
const ACTIVITY_EVENTS = ['keydown', 'input', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'mousemove'] as const;

function idleLimitMs(minutes: number): number | null {
  return minutes > 0 ? minutes * 60_000 : null;
}

/**
 * The core also ends sessions that made no call for the idle time; someone typing a long note
 * makes no call, so activity is reported to the core at most this often.
 */
const HEARTBEAT_MS = 60_000;

/**
 * Calls `onIdle` once after `minutes` without keyboard, mouse or touch activity (0 = never), and
 * `onActive` at most once a minute while there is activity (to keep the core's session alive).
 */
export function useIdleLock(enabled: boolean, minutes: number, onIdle: () => void, onActive: () => void): void {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;
  const onActiveRef = useRef(onActive);
  onActiveRef.current = onActive;

  useEffect(() => {
    if (!enabled) return;
    const limit = idleLimitMs(minutes);
    if (limit === null) return;
    let last = Date.now();
    let lastBeat = last;
    let timer: ReturnType<typeof setTimeout>;
    const check = () => {
      const idle = Date.now() - last;
      if (idle >= limit) onIdleRef.current();
      else timer = setTimeout(check, limit - idle);
    };
    // Activity only stamps the time; the one timer re-arms itself for the time still left.
    const touch = () => {
      last = Date.now();
      if (last - lastBeat >= HEARTBEAT_MS) {
        lastBeat = last;
        onActiveRef.current();
      }
    };
    for (const type of ACTIVITY_EVENTS) window.addEventListener(type, touch, { capture: true, passive: true });
    timer = setTimeout(check, limit);
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, touch, { capture: true });
    };
  }, [enabled, minutes]);
}
