// The "Boards" tab: every board with its state, firmware, last seen; rename and identify.
import { api, ApiError } from '../api';
import { pick, t } from '../i18n';
import { label, stateWord, type BoardList } from './boardList';

/** 0..4 bars, as phones draw Wi-Fi: ≥ -55 dBm excellent, -67 good, -75 fair, -85 weak (often drops). */
export function signalBars(dbm: number): number {
  return dbm >= -55 ? 4 : dbm >= -67 ? 3 : dbm >= -75 ? 2 : dbm >= -85 ? 1 : 0;
}

export function renderBoards(container: HTMLElement, boards: BoardList, notify: (text: string, error?: boolean) => void): void {
  const all = boards.all();
  if (all.length === 0) {
    container.textContent = t('noBoards');
    return;
  }
  const cards = all.map(b => {
    const card = document.createElement('div');
    card.className = `rc-board-card rc-state-${b.state}`;
    card.dataset.board = b.board;
    const title = document.createElement('h3');
    title.textContent = label(b);
    const facts = document.createElement('p');
    const seen = b.lastSeen ? new Date(b.lastSeen).toLocaleTimeString() : '–';
    facts.textContent = `${stateWord(b.state)} · ${t('firmware')} ${b.firmware ?? '?'} (${b.format ?? '?'}) · ${b.profile ?? ''} · ${t('lastSeen')} ${seen}`;
    if (b.signalDbm != null && b.online) {
      const signal = document.createElement('span');
      signal.className = 'rc-signal';
      signal.dataset.bars = String(signalBars(b.signalDbm));
      signal.textContent = ` · ${t('signal')} ${'▂▄▆█'.slice(0, signalBars(b.signalDbm)) || '✕'} ${b.signalDbm} dBm`;
      signal.title = t(signalBars(b.signalDbm) <= 1 ? 'signalWeak' : 'signalGood');
      facts.append(signal);
    }
    const identify = document.createElement('button');
    identify.textContent = t('identify');
    identify.disabled = !b.online;
    identify.onclick = () => api.command(b.board, 'identify').catch(e => notify(e instanceof ApiError ? pick(e.body.error) : String(e), true));
    const rename = document.createElement('button');
    rename.textContent = t('rename');
    rename.onclick = async () => {
      const name = prompt(t('newName'), b.displayName ?? '');
      if (name === null) return;
      try { boards.update(await api.rename(b.board, name)); }
      catch (e) { notify(e instanceof ApiError ? pick(e.body.error) : String(e), true); }
    };
    card.append(title, facts, identify, rename);
    return card;
  });
  container.replaceChildren(...cards);
}
