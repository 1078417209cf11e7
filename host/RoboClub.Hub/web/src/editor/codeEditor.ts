// The C# side of the editor: CodeMirror 6 with C# highlighting, the compiler's errors underlined
// (in the child's language), and the line a runtime error happened on highlighted.
import { basicSetup, EditorView } from 'codemirror';
import { csharp } from '@replit/codemirror-lang-csharp';
import { setDiagnostics, type Diagnostic as LintDiagnostic } from '@codemirror/lint';
import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, type DecorationSet } from '@codemirror/view';
import type { Diagnostic } from '../api';
import { lang } from '../i18n';

const markError = StateEffect.define<number | null>();

const errorLine = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(decorations, tr) {
    decorations = decorations.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(markError)) continue;
      if (effect.value === null || effect.value > tr.state.doc.lines) return Decoration.none;
      const line = tr.state.doc.line(effect.value);
      return Decoration.set([Decoration.line({ class: 'rc-error-line' }).range(line.from)]);
    }
    return tr.docChanged ? Decoration.none : decorations;
  },
  provide: f => EditorView.decorations.from(f),
});

export class CodeEditor {
  readonly view: EditorView;
  private changeListeners: Array<(text: string) => void> = [];
  private settingText = false;

  constructor(parent: HTMLElement, text: string) {
    const onChange: Extension = EditorView.updateListener.of(update => {
      if (update.docChanged && !this.settingText) for (const l of this.changeListeners) l(this.text);
    });
    this.view = new EditorView({ doc: text, extensions: [basicSetup, csharp(), errorLine, onChange, EditorView.lineWrapping], parent });
  }

  get text(): string { return this.view.state.doc.toString(); }

  /** Replaces the text (from the blocks), without telling the change listeners. */
  setText(text: string): void {
    if (text === this.text) return;
    this.settingText = true;
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: text } });
    this.settingText = false;
  }

  onChange(listener: (text: string) => void): void { this.changeListeners.push(listener); }

  /** Underlines the compiler's diagnostics; messages in the page's language. */
  showDiagnostics(diagnostics: Diagnostic[]): void {
    const doc = this.view.state.doc;
    const marks: LintDiagnostic[] = diagnostics.map(d => {
      let from = Math.min(d.start, doc.length);
      let to = Math.min(doc.length, from + d.length);
      // Something missing (a `;`) has no width: underline the character before it, so the child sees where.
      if (to === from) { if (from > 0 && doc.sliceString(from - 1, from) !== '\n') from--; else to = Math.min(doc.length, from + 1); }
      return { from, to, severity: d.isError ? 'error' : 'warning', message: lang() === 'ro' && d.messageRo ? d.messageRo : d.messageEn };
    });
    this.view.dispatch(setDiagnostics(this.view.state, marks));
  }

  /** Highlights the line a runtime error happened on (null clears it). */
  markErrorLine(line: number | null): void {
    this.view.dispatch({ effects: markError.of(line) });
    if (line !== null && line <= this.view.state.doc.lines)
      this.view.dispatch({ effects: EditorView.scrollIntoView(this.view.state.doc.line(line).from, { y: 'center' }) });
  }
}
