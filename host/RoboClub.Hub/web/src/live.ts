// The live connection to the hub (SignalR, /hubs/live): board changes for everyone; console lines,
// errors, variable values and the simulation for the board this page follows.
import type { BoardView } from './api';

export interface ConsoleLine { board: string; t: number; text: string; dropped: number }
export interface BoardError {
  board: string; t: number; code: string; message: string; line: number | null; column: number | null;
  messageEn: string | null; messageRo: string | null;
}
export interface WatchValues { board: string; t: number; values: Array<number | boolean | string | null> }
export interface Arena { board: string; state: Record<string, unknown> }

type Handlers = {
  board: (b: BoardView) => void;
  console: (l: ConsoleLine) => void;
  error: (e: BoardError) => void;
  watch: (w: WatchValues) => void;
  arena: (a: Arena) => void;
  emergencyStop: (engaged: boolean) => void;
  connection: (up: boolean) => void;
};

/**
 * A connection to the hub's live endpoint that retries forever (0.25 s, 0.5 s, 1 s, 2 s, then every
 * 5 s): the editor and the kiosk run all day. SignalR's code is loaded on demand, so a page is usable
 * before it arrives.
 */
export async function connectLive(): Promise<import('@microsoft/signalr').HubConnection> {
  const signalr = await import('@microsoft/signalr');
  return new signalr.HubConnectionBuilder()
    .withUrl('/hubs/live')
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: c => Math.min(5000, 250 * 2 ** c.previousRetryCount) })
    .configureLogging(signalr.LogLevel.Warning)
    .build();
}

export class Live {
  private handlers: Partial<Handlers> = {};
  private followed: string | null = null;
  private connection: import('@microsoft/signalr').HubConnection | null = null;

  on<K extends keyof Handlers>(event: K, handler: Handlers[K]): void { this.handlers[event] = handler; }

  async start(): Promise<void> {
    const connection = await connectLive();
    for (const name of ['board', 'console', 'error', 'watch', 'arena', 'emergencyStop'] as const)
      connection.on(name, (payload: never) => (this.handlers[name] as ((p: never) => void) | undefined)?.(payload));
    connection.onreconnecting(() => this.handlers.connection?.(false));
    connection.onreconnected(async () => {
      this.handlers.connection?.(true);
      if (this.followed) await connection.invoke('Follow', this.followed);
    });
    this.connection = connection;
    await connection.start();
    this.handlers.connection?.(true);
    if (this.followed) await connection.invoke('Follow', this.followed);
  }

  async follow(board: string | null): Promise<void> {
    const previous = this.followed;
    this.followed = board;
    if (!this.connection || this.connection.state !== 'Connected') return;
    if (previous && previous !== board) await this.connection.invoke('Unfollow', previous);
    if (board) await this.connection.invoke('Follow', board);
  }
}
