// The hub's REST API (host/RoboClub.Hub/Api). Every refusal comes as {"error":{"en","ro"}}.

export interface BoardView {
  board: string; state: string; kind: string | null; program: string; uptimeMs: number;
  firmware: string | null; format: number | null; profile: string | null; primitives: string[];
  lastSeen: string | null; virtual: boolean; displayName: string | null; online: boolean; signalDbm: number | null;
}

export interface Diagnostic {
  id: string; severity: 'error' | 'warning'; line: number; column: number; start: number; length: number;
  messageEn: string; messageRo: string | null; isError: boolean;
}

export interface Message { en: string; ro: string }

export interface SendResult {
  ok: boolean; hash: string | null; size: number; diagnostics: Diagnostic[]; message: Message | null;
  pending: boolean; failure: string; globals: string[];
}

export interface HubInfo { club: string; lang: string | null; pageUrls: string[]; mqttPort: number; lanUrl: string | null }

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: { error?: Message } & Record<string, unknown>) {
    super(body.error?.en ?? `HTTP ${status}`);
  }
}

export async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok && !(json && 'diagnostics' in json)) throw new ApiError(response.status, json);
  return json as T;
}

export const api = {
  hub: () => call<HubInfo>('GET', '/api/hub'),
  boards: () => call<BoardView[]>('GET', '/api/boards'),
  sendProgram: (board: string, source: string) => call<SendResult>('POST', `/api/boards/${encodeURIComponent(board)}/program`, { source }),
  command: (board: string, cmd: 'run' | 'stop' | 'identify') => call<{ ok: boolean }>('POST', `/api/boards/${encodeURIComponent(board)}/${cmd}`, {}),
  watch: (board: string, on: boolean, period = 250) => call<{ ok: boolean }>('POST', `/api/boards/${encodeURIComponent(board)}/watch`, { on, period }),
  rename: (board: string, name: string) => call<BoardView>('PUT', `/api/boards/${encodeURIComponent(board)}/name`, { name }),
  /** Live mode: runs once, at once, beside the board's program (refused with diagnostics when it does not compile). */
  evaluate: (board: string, source: string) => call<{ ok: boolean; diagnostics?: Diagnostic[] }>('POST', `/api/boards/${encodeURIComponent(board)}/eval`, { source }),
  stopAll: () => call<{ boards: number }>('POST', '/api/stop-all', {}),
  compile: (source: string) => call<{ ok: boolean; size: number; diagnostics: Diagnostic[] }>('POST', '/api/compile', { source }),
};
