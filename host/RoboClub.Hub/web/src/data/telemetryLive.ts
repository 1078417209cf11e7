// Its own SignalR connection to /hubs/live that joins the "telemetry" group: every board's new points,
// pushed by the hub at most 5 times a second. Reconnects forever (a kiosk runs all day) and tells the
// page when it is back, so it can fetch what it missed.
import type { LivePoints } from './telemetryApi';
import { connectLive } from '../live';

export class TelemetryLive {
  private connection: import('@microsoft/signalr').HubConnection | null = null;
  onPoints: (batch: LivePoints[]) => void = () => {};
  onState: (up: boolean) => void = () => {};
  /** Called after every (re)connection, the first one included. */
  onConnected: () => void = () => {};

  async start(): Promise<void> {
    const connection = await connectLive();
    connection.on('telemetry', (batch: LivePoints[]) => this.onPoints(batch));
    connection.onreconnecting(() => this.onState(false));
    connection.onreconnected(() => void this.joined());
    // Automatic reconnect gave up or the connection was closed: start again.
    connection.onclose(() => { this.onState(false); window.setTimeout(() => void this.connect(), 2000); });
    this.connection = connection;
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (!this.connection || this.connection.state !== 'Disconnected') return;
    try {
      await this.connection.start();
      await this.joined();
    } catch {
      this.onState(false);
      window.setTimeout(() => void this.connect(), 2000);
    }
  }

  private async joined(): Promise<void> {
    await this.connection?.invoke('FollowTelemetry');
    this.onState(true);
    this.onConnected();
  }

  /** For tests: drop the connection as a network cut would; it comes back by itself. */
  async drop(): Promise<void> { await this.connection?.stop(); }
}
