import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract.ts';
import type { AppError, Result } from '../../../shared/errors.ts';

/** What the Electron preload exposes; nothing else of Electron reaches the renderer. */
export type ClienteleBridge = {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, callback: (payload: unknown) => void): () => void;
};

declare global {
  interface Window {
    clientele?: ClienteleBridge;
  }
}

type Transport = (method: string, input: unknown) => Promise<Result<unknown>>;

const TOKEN_KEY = 'clientele.token';

/**
 * Browser mode gets its token in the URL fragment (`#token=...`). Keep it in sessionStorage so a
 * reload still works, and strip it from the address bar at once so it is neither bookmarked nor
 * shown. Must run before the hash router reads `location.hash`.
 */
function takeTokenFromUrl(): string | null {
  const match = /(?:^#|[#&])token=([^&]+)/.exec(location.hash);
  if (match?.[1]) {
    const token = decodeURIComponent(match[1]);
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', `${location.pathname}${location.search}#/`);
    return token;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function ioFailure(method: string, cause: unknown): Result<never> {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return { ok: false, error: { code: 'IO', message: `${method}: ${reason}` } };
}

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && 'ok' in value && typeof value.ok === 'boolean';
}

function httpTransport(token: string | null): Transport {
  return async (method, input) => {
    let response: Response;
    try {
      response = await fetch('/api/invoke', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ method, input }),
      });
    } catch (cause) {
      return ioFailure(method, cause);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      return ioFailure(method, `HTTP ${response.status}: ${cause instanceof Error ? cause.message : 'bad body'}`);
    }
    // Error answers may come with a 4xx status; the body is still the result value.
    if (isResult(body)) return body;
    return ioFailure(method, `HTTP ${response.status}: not a result value`);
  };
}

function bridgeTransport(bridge: ClienteleBridge): Transport {
  return async (method, input) => {
    try {
      return await bridge.invoke(method, input);
    } catch (cause) {
      return ioFailure(method, cause);
    }
  };
}

let transport: Transport | null = null;
const unauthenticatedListeners = new Set<(error: AppError) => void>();

/** Picks the transport once, at start-up, before anything renders. */
export async function initApiClient(): Promise<void> {
  if (window.clientele?.invoke) {
    transport = bridgeTransport(window.clientele);
    return;
  }
  const token = takeTokenFromUrl();
  // A development-only in-memory backend (`npm exec vite -- --config renderer/vite.config.ts`, then
  // open `/?mock`); the `import.meta.env.DEV` guard removes it from production builds.
  if (import.meta.env.DEV && new URLSearchParams(location.search).has('mock')) {
    const { mockTransport } = await import('./mock.ts');
    transport = mockTransport;
    return;
  }
  transport = httpTransport(token);
}

/** The one way the UI talks to the core. Never throws: failures come back as result values. */
export async function invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
  if (!transport) throw new Error('invoke: initApiClient() was not awaited');
  const result = (await transport(method, input)) as Result<MethodOutput<M>>; // the core validated the output against the contract
  if (!result.ok && result.error.code === 'UNAUTHENTICATED' && method !== 'auth.session') {
    for (const listener of unauthenticatedListeners) listener(result.error);
  }
  return result;
}

/** Lets the app return to sign-in when a session ends behind its back (idle lock, restart). */
export function onUnauthenticated(listener: (error: AppError) => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}
