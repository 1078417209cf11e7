// Which block made which C#: the spans the hub sends with the code (1-based lines and columns, end exclusive).
// Like BlockMap.BlockAt in the compiler, a position finds the innermost block containing it.

export interface BlockSpan {
  blockId: string; type: string; startLine: number; startColumn: number; endLine: number; endColumn: number;
}

const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 < c2);

export class BlockMap {
  constructor(readonly spans: BlockSpan[] = [], readonly code = '') {}

  contains(s: BlockSpan, line: number, column: number): boolean {
    return !before(line, column, s.startLine, s.startColumn) && before(line, column, s.endLine, s.endColumn);
  }

  /** The innermost block whose C# contains the position; in a line's indentation, the statement of that line. */
  blockAt(line: number, column: number): string | null {
    let best: BlockSpan | null = null;
    for (const s of this.spans) {
      if (!this.contains(s, line, column)) continue;
      // Spans nest like the blocks do: the one starting last (then ending first) is the innermost.
      if (!best || before(best.startLine, best.startColumn, s.startLine, s.startColumn)
        || (best.startLine === s.startLine && best.startColumn === s.startColumn && before(s.endLine, s.endColumn, best.endLine, best.endColumn)))
        best = s;
    }
    if (best) return best.blockId;
    const onLine = this.spans.filter(s => s.startLine === line && s.startColumn >= column);
    onLine.sort((a, b) => a.startColumn - b.startColumn || b.endLine - a.endLine || b.endColumn - a.endColumn);
    return onLine[0]?.blockId ?? null;
  }
}

/** The map of blocks made from C# text: C# → blocks names each block after its source span ("b{start}_{length}"). */
export function mapFromIds(workspace: object, source: string): BlockMap {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i++) if (source[i] === '\n') lineStarts.push(i + 1);
  const position = (offset: number): [number, number] => {
    let line = lineStarts.length - 1;
    while (line > 0 && lineStarts[line] > offset) line--;
    return [line + 1, offset - lineStarts[line] + 1];
  };
  const spans: BlockSpan[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) { node.forEach(visit); return; }
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const m = typeof o['id'] === 'string' && typeof o['type'] === 'string' ? /^b(\d+)_(\d+)$/.exec(o['id']) : null;
    if (m) {
      const [startLine, startColumn] = position(Number(m[1]));
      const [endLine, endColumn] = position(Number(m[1]) + Number(m[2]));
      spans.push({ blockId: o['id'] as string, type: o['type'] as string, startLine, startColumn, endLine, endColumn });
    }
    for (const value of Object.values(o)) visit(value);
  };
  visit(workspace);
  return new BlockMap(spans, source);
}
