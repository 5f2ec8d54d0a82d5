import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract.ts';
import { reasonOf } from '../../../shared/error-details.ts';
import type { AppError, Result } from '../../../shared/errors.ts';

/** What the Electron preload exposes; nothing else of Electron reaches the renderer. */
export type ClienteleBridge = {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, callback: (payload: unknown) => void): () => void;
  /** The system folder dialog (Electron only, where the preload offers it): a path, or null if cancelled. */
  pickFolder?: () => Promise<string | null>;
  /** The system open-file dialog (Electron only, where the preload offers it): a path, or null if cancelled. */
  pickFile?: () => Promise<string | null>;
  /** Tells the shell the page's language, for its native questions (Electron only). */
  setLanguage?: (language: string) => void;
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
let browserToken: string | null = null;
const unauthenticatedListeners = new Set<(error: AppError) => void>();
const passwordChangeListeners = new Set<(error: AppError) => void>();
const doorRefusedListeners = new Set<(error: AppError) => void>();

/**
 * Browser mode's door refused the launch token (none in the address, or one from an earlier start
 * of `clientele serve`): no sign-in can help, only the printed address.
 */
export function isDoorRefusal(error: AppError): boolean {
  return reasonOf(error, 'UNAUTHENTICATED') === 'token';
}

/** Browser mode opened without a launch token (in the address or kept from earlier in this tab). */
export function launchTokenMissing(): boolean {
  return transport !== null && !window.clientele?.invoke && browserToken === null;
}

/** Picks the transport once, at start-up, before anything renders. */
export async function initApiClient(): Promise<void> {
  if (window.clientele?.invoke) {
    transport = bridgeTransport(window.clientele);
    return;
  }
  const token = takeTokenFromUrl();
  browserToken = token;
  // `npm run dev` serves the page from Vite and proxies /api to a real `clientele serve`: same transport.
  transport = httpTransport(token);
}

/** The one way the UI talks to the core. Never throws: failures come back as result values. */
/** Calls a locked app may make: signing in again (or out), and finding out where it stands. */
const WHILE_LOCKED: ReadonlySet<string> = new Set(['auth.signIn', 'auth.signOut', 'auth.recover', 'auth.session', 'setup.status']);
/** While the app is locked, every other call waits here; none reaches the core. */
let heldCalls: ((send: boolean) => void)[] | null = null;

/**
 * Locking holds every call the hidden app makes (a list reloading, a shortcut opening a form)
 * until the lock ends: unlocked by the same user, they go out (`send`); after "Switch user" they
 * are dropped, answered UNAUTHENTICATED, so nothing of the previous user's screens reaches the core.
 */
export function holdCalls(hold: boolean, send = true): void {
  if (hold) {
    heldCalls ??= [];
    return;
  }
  const waiting = heldCalls ?? [];
  heldCalls = null;
  for (const release of waiting) release(send);
}

export async function invoke<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
  if (!transport) throw new Error('invoke: initApiClient() was not awaited');
  if (heldCalls && !WHILE_LOCKED.has(method)) {
    const queue = heldCalls;
    const send = await new Promise<boolean>((release) => queue.push(release));
    if (!send) return { ok: false, error: { code: 'UNAUTHENTICATED', message: `${method}: not sent: the app was locked and then left` } };
  }
  const result = (await transport(method, input)) as Result<MethodOutput<M>>; // the core validated the output against the contract
  if (!result.ok && isDoorRefusal(result.error)) {
    for (const listener of doorRefusedListeners) listener(result.error);
    return result;
  }
  // Sign-in and recovery answer for themselves; any other call that finds the session gone means it
  // ended behind our back (the core's idle expiry, a restart).
  if (!result.ok && result.error.code === 'UNAUTHENTICATED' && method !== 'auth.session' && method !== 'auth.signIn' && method !== 'auth.recover') {
    for (const listener of unauthenticatedListeners) listener(result.error);
  }
  if (!result.ok && result.error.code === 'PASSWORD_CHANGE_REQUIRED') {
    for (const listener of passwordChangeListeners) listener(result.error);
  }
  return result;
}

/** Lets the app lock itself when a session ends behind its back (idle expiry in the core, restart). */
export function onUnauthenticated(listener: (error: AppError) => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

/** Browser mode's door refused the token (the server was started again, with a new address). */
export function onDoorRefused(listener: (error: AppError) => void): () => void {
  doorRefusedListeners.add(listener);
  return () => doorRefusedListeners.delete(listener);
}

/** Any call refused until the user has chosen their own password. */
export function onPasswordChangeRequired(listener: (error: AppError) => void): () => void {
  passwordChangeListeners.add(listener);
  return () => passwordChangeListeners.delete(listener);
}

export type ProgressEvent = { type: 'progress'; job: string; done: number; total: number };

function isProgressEvent(value: unknown): value is ProgressEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>; // fields checked one by one below
  return v.type === 'progress' && typeof v.job === 'string' && typeof v.done === 'number' && typeof v.total === 'number';
}

/**
 * Progress of long jobs (re-key, later import and backup). Electron: the preload's `on`. Browser
 * mode: Server-Sent Events; EventSource cannot send an Authorization header, so the token goes in
 * the query string (the server accepts it there for /api/events only). `ready` settles once the
 * stream is open (or failed), so a job started after it reports from its first step.
 */
export function subscribeProgress(listener: (event: ProgressEvent) => void): { ready: Promise<void>; close: () => void } {
  const deliver = (payload: unknown) => {
    if (isProgressEvent(payload)) listener(payload);
  };
  if (window.clientele?.on) return { ready: Promise.resolve(), close: window.clientele.on('progress', deliver) };
  const source = new EventSource(`/api/events?token=${encodeURIComponent(browserToken ?? '')}`);
  source.addEventListener('progress', (e) => {
    try {
      deliver(JSON.parse((e as MessageEvent<string>).data)); // named SSE events are MessageEvents
    } catch {
      // A malformed event is dropped; the job's own result still arrives through invoke.
    }
  });
  // Without progress the job still runs and answers; never wait on the stream for long.
  const ready = new Promise<void>((resolve) => {
    source.addEventListener('open', () => resolve(), { once: true });
    source.addEventListener('error', () => resolve(), { once: true });
    setTimeout(resolve, 2000);
  });
  return { ready, close: () => source.close() };
}
