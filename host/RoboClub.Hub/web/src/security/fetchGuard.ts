// When the hub answers 401 with X-RoboClub-Sign-In, the page asks for the right sign-in (the
// librarian's password, or "who are you?") and sends the same request once more. Every API module
// uses fetch, so this one wrapper covers them all.

type SignIn = () => Promise<boolean>;
const handlers: { librarian?: SignIn; child?: SignIn } = {};
// A tab may send several requests at once: they all wait for the one sign-in box.
const pending: { librarian?: Promise<boolean>; child?: Promise<boolean> } = {};

export function onSignInNeeded(kind: 'librarian' | 'child', handler: SignIn): void { handlers[kind] = handler; }

export function installFetchGuard(): void {
  const original = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await original(input, init);
    if (response.status !== 401) return response;
    const kind = response.headers.get('x-roboclub-sign-in');
    if (kind !== 'librarian' && kind !== 'child') return response;
    const handler = handlers[kind];
    if (!handler) return response;
    const signedIn = pending[kind] ??= handler().finally(() => { pending[kind] = undefined; });
    if (!(await signedIn)) return response;
    return original(input, init);
  };
}
