// The variable watch: the program's global variables, live, while the board runs it.
export class WatchPane {
  private names: string[] = [];

  constructor(private readonly table: HTMLElement) {}

  /** The program's global variables in index order (the hub's answer to Run). */
  setNames(names: string[]): void { this.names = names; this.table.replaceChildren(); }

  show(values: Array<number | boolean | string | null>): void {
    const rows = values.map((v, i) => {
      const row = document.createElement('tr');
      const name = document.createElement('td');
      name.textContent = this.names[i] ?? `#${i}`;
      const value = document.createElement('td');
      value.textContent = v === null ? '–' : typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : String(v);
      row.append(name, value);
      return row;
    });
    this.table.replaceChildren(...rows);
  }
}
