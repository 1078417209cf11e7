// What the board's program prints, and its runtime errors, as the child sees them.
import { t } from '../i18n';

const MaxLines = 500;

export class ConsolePane {
  constructor(private readonly list: HTMLElement) {}

  print(text: string, kind: 'out' | 'error' | 'info' = 'out'): void {
    const line = document.createElement('div');
    line.className = `rc-console-${kind}`;
    line.textContent = text;
    this.list.append(line);
    while (this.list.childElementCount > MaxLines) this.list.firstElementChild?.remove();
    this.list.scrollTop = this.list.scrollHeight;
  }

  dropped(count: number): void {
    if (count > 0) this.print(`… ${count} ${t('console').toLowerCase()} −`, 'info');
  }

  clear(): void { this.list.replaceChildren(); }
}
