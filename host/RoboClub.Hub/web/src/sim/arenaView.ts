// A virtual board's simulation, drawn live: the robot in its arena (walls, boxes, line, goal, path,
// distance ray, LED), or the weather station's readings.

interface Pose { x: number; y: number; headingDegrees: number }
interface Box { x: number; y: number; width: number; height: number }
export interface Arena {
  width: number; height: number;
  boxes?: Box[]; walls?: Array<{ x1: number; y1: number; x2: number; y2: number }>;
  line?: { width: number; closed: boolean; points: Array<{ x: number; y: number }> } | null;
  goal?: Box | null;
}

export class ArenaView {
  private readonly ctx: CanvasRenderingContext2D;
  private arena: Arena | null = null;

  constructor(private readonly canvas: HTMLCanvasElement, private readonly readings: HTMLElement) {
    this.ctx = canvas.getContext('2d')!;
  }

  setArena(arena: Arena | null): void { this.arena = arena; }

  show(state: Record<string, unknown>): void {
    if ('pose' in state) this.drawRobot(state);
    else this.showReadings(state);
  }

  clear(): void {
    this.canvas.hidden = true;
    this.readings.textContent = '';
  }

  private drawRobot(s: Record<string, unknown>): void {
    const { ctx, canvas } = this;
    canvas.hidden = false;
    const arena = this.arena ?? { width: 300, height: 300 };
    const scale = Math.min(canvas.width / arena.width, canvas.height / arena.height);
    const toX = (x: number) => x * scale;
    const toY = (y: number) => canvas.height - y * scale; // arena y grows upwards
    ctx.fillStyle = '#f7f4ea';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    if (arena.goal) { ctx.fillStyle = '#cfe8c4'; ctx.fillRect(toX(arena.goal.x), toY(arena.goal.y + arena.goal.height), arena.goal.width * scale, arena.goal.height * scale); }
    if (arena.line && arena.line.points.length > 1) {
      ctx.strokeStyle = '#222';
      ctx.lineWidth = Math.max(1, arena.line.width * scale);
      ctx.beginPath();
      arena.line.points.forEach((p, i) => (i === 0 ? ctx.moveTo(toX(p.x), toY(p.y)) : ctx.lineTo(toX(p.x), toY(p.y))));
      if (arena.line.closed) ctx.closePath();
      ctx.stroke();
    }
    ctx.fillStyle = '#b98b5e';
    for (const b of arena.boxes ?? []) ctx.fillRect(toX(b.x), toY(b.y + b.height), b.width * scale, b.height * scale);
    ctx.strokeStyle = '#555';
    ctx.lineWidth = 3;
    for (const w of arena.walls ?? []) { ctx.beginPath(); ctx.moveTo(toX(w.x1), toY(w.y1)); ctx.lineTo(toX(w.x2), toY(w.y2)); ctx.stroke(); }
    ctx.lineWidth = 1;

    const pose = s.pose as Pose;
    const trace = (s.trace as Pose[] | undefined) ?? [];
    ctx.strokeStyle = '#7aa7c7';
    ctx.beginPath();
    trace.forEach((p, i) => (i === 0 ? ctx.moveTo(toX(p.x), toY(p.y)) : ctx.lineTo(toX(p.x), toY(p.y))));
    ctx.stroke();
    const heading = (pose.headingDegrees * Math.PI) / 180;
    const distance = s.distanceCm as number;
    if (distance > 0) {
      ctx.strokeStyle = '#e66';
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(toX(pose.x), toY(pose.y));
      ctx.lineTo(toX(pose.x + Math.cos(heading) * distance), toY(pose.y + Math.sin(heading) * distance));
      ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.save();
    ctx.translate(toX(pose.x), toY(pose.y));
    ctx.rotate(-heading);
    const body = Math.max(6, 8 * scale);
    ctx.fillStyle = s.touchedWall ? '#c33' : '#345';
    ctx.fillRect(-body, -body * 0.75, body * 2, body * 1.5);
    const led = s.led as { red?: number; green?: number; blue?: number } | undefined;
    ctx.fillStyle = led ? `rgb(${led.red ?? 0},${led.green ?? 0},${led.blue ?? 0})` : '#000';
    ctx.beginPath();
    ctx.arc(body * 0.5, 0, body * 0.35, 0, Math.PI * 2);
    ctx.fill();
    ctx.restore();
    this.readings.textContent = `⟵ ${s.leftPowerPercent}% · ${s.rightPowerPercent}% ⟶ · ${distance >= 0 ? Math.round(distance) + ' cm' : '–'}`;
  }

  private showReadings(s: Record<string, unknown>): void {
    this.canvas.hidden = true;
    const units: Record<string, string> = {
      temperatureCelsius: '°C', humidityPercent: '%', pressureHectopascals: 'hPa', lightPercent: '% ☀',
      windKilometersPerHour: 'km/h', rainMillimeters: 'mm',
    };
    this.readings.textContent = Object.entries(units)
      .filter(([k]) => typeof s[k] === 'number')
      .map(([k, unit]) => `${Math.round((s[k] as number) * 10) / 10} ${unit}`)
      .join(' · ');
  }
}
