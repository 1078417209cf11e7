// The club's boards as the page knows them, kept current by the live connection.
import type { BoardView } from '../api';
import { t } from '../i18n';

export class BoardList {
  private boards = new Map<string, BoardView>();
  private listeners: Array<() => void> = [];

  set(all: BoardView[]): void {
    this.boards = new Map(all.map(b => [b.board, b]));
    this.changed();
  }

  update(board: BoardView): void {
    this.boards.set(board.board, board);
    this.changed();
  }

  get(name: string): BoardView | undefined { return this.boards.get(name); }

  all(): BoardView[] { return [...this.boards.values()].sort((a, b) => a.board.localeCompare(b.board)); }

  onChange(listener: () => void): void { this.listeners.push(listener); }

  private changed(): void { for (const l of this.listeners) l(); }
}

export function label(b: BoardView): string {
  const name = b.displayName ? `${b.displayName} (${b.board})` : b.board;
  const kind = b.kind === 'robot' ? t('robot') : b.kind === 'weather' ? t('weather') : '?';
  return `${name} · ${kind}${b.virtual ? ' · ' + t('virtual') : ''}`;
}

export function stateWord(state: string): string {
  switch (state) {
    case 'online': return t('online');
    case 'running': return t('running');
    case 'stopped': return t('stopped');
    case 'error': return t('error');
    default: return t('offline');
  }
}
