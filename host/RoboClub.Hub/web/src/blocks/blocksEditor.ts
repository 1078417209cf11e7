// The blocks side of the editor: a Blockly workspace beside the C# (CodeMirror), kept in sync both ways.
//  • blocks → C#: every change of the blocks (debounced) goes to the hub, the C# it gets back replaces the text,
//    with the block map (which block made which C#) so errors can land on blocks;
//  • C# → blocks: when the child leaves the C# (or presses "⇦ Blocks") the hub turns the text into blocks.
// The child's text is never rewritten while the C# editor has the focus.
import { Blockly, defineBlocks, LoadingConnectionChecker, theme } from './blocklySetup';
import { blocksApi, type BoardKind, type ToCSharpResult } from './blocksApi';
import { BlockMap, mapFromIds } from './blockMap';
import { BlockWarnings } from './blockWarnings';
import type { CodeEditor } from '../editor/codeEditor';
import type { Diagnostic, Message } from '../api';
import { lang, onLangChange, t } from '../i18n';

const storageKey = 'roboclub.blocks';

export interface BlocksOptions {
  kind: BoardKind;
  /** Shows a short message under the toolbar (the page's notice). */
  notify: (text: string, error?: boolean) => void;
  /** Called when the blocks changed the C# (the C# editor's own change listeners are not told). */
  changed?: () => void;
  /** Live mode: a clicked block's stack, as a workspace of its own, to run on the board at once. */
  runLive?: (workspace: object) => void;
}

export class BlocksEditor {
  private ws!: Blockly.WorkspaceSvg;
  private map = new BlockMap();
  private warnings = new BlockWarnings();
  private kind: BoardKind;
  private pending: Promise<unknown> = Promise.resolve();
  private timer = 0;
  private generation = 0;
  private csharpDirty = false;
  /** The workspace as last loaded from C# or turned into C# (unchanged blocks do not rewrite the text). */
  private lastState = '';
  private toBlocksButton: HTMLButtonElement;
  /** Live mode (as in MicroBlocks): a click on a block runs its stack on the board, beside the program. */
  live = false;

  private constructor(private readonly el: HTMLElement, private readonly code: CodeEditor, private readonly options: BlocksOptions) {
    this.kind = options.kind;
    this.toBlocksButton = document.createElement('button');
    this.toBlocksButton.className = 'rc-to-blocks';
    this.toBlocksButton.onclick = () => void this.track(() => this.toBlocks());
    code.view.dom.parentElement?.append(this.toBlocksButton);
  }

  /** Injects Blockly into `el` and shows the blocks of the saved workspace (or of the C# text). */
  static async create(el: HTMLElement, code: CodeEditor, options: BlocksOptions): Promise<BlocksEditor> {
    const editor = new BlocksEditor(el, code, options);
    await editor.start();
    return editor;
  }

  private async start(): Promise<void> {
    this.listenForLiveClicks();
    await this.inject();
    const saved = localStorage.getItem(storageKey);
    if (!saved || !await this.tryLoad(saved)) await this.toBlocks(false);
    this.code.onChange(() => { this.csharpDirty = true; });
    this.code.view.contentDOM.addEventListener('blur', () => { if (this.csharpDirty) void this.track(() => this.toBlocks()); });
    onLangChange(() => void this.track(() => this.reinject()));
    new ResizeObserver(() => { if (this.el.offsetWidth > 0) Blockly.svgResize(this.ws); }).observe(this.el);
    this.label();
  }

  /** Shows the blocks of a project just put in the C# editor: its saved workspace, else blocks made from the text. */
  open(workspaceJson: string | null | undefined): Promise<unknown> {
    return this.track(async () => {
      this.csharpDirty = false;
      if (!workspaceJson || !await this.tryLoad(workspaceJson)) await this.toBlocks(false);
    });
  }

  /** The workspace as Blockly's JSON text (what a project saves). */
  workspaceJson(): string { return JSON.stringify(Blockly.serialization.workspaces.save(this.ws)); }

  /** The toolbox follows the board: a weather station has no wheels. */
  setBoardKind(kind: BoardKind): Promise<unknown> {
    if (kind === this.kind) return Promise.resolve();
    this.kind = kind;
    return this.track(async () => this.ws.updateToolbox(await blocksApi.toolbox(kind, lang()) as Blockly.utils.toolbox.ToolboxDefinition));
  }

  /** Waits until the C# text and the blocks agree (call before Run, so the block map matches what is sent). */
  async flush(): Promise<void> {
    if (this.csharpDirty && !this.code.view.hasFocus) await this.track(() => this.toBlocks());
    if (this.timer) { clearTimeout(this.timer); this.timer = 0; await this.track(() => this.generate()); }
    await this.pending;
  }

  /** The compiler's errors for `source` on the blocks that made that C#; the first one is selected and opened. */
  showDiagnostics(diagnostics: Diagnostic[], source = this.code.text): void {
    this.warnings.errors.clear(); // (a runtime error may already have come: it stays)
    if (source !== this.map.code) return; // the C# is not the blocks' C#: the underlines in the text say it all
    let first: string | null = null;
    for (const d of diagnostics.filter(d => d.isError)) {
      const id = this.map.blockAt(d.line, d.column);
      if (!id) continue;
      first ??= id;
      BlockWarnings.add(this.warnings.errors, id, { en: d.messageEn, ro: d.messageRo ?? d.messageEn });
    }
    this.warnings.render(this.ws, first);
    if (first) this.reveal(first);
  }

  /** A runtime error at (line, column) of the running C#: that block is highlighted and says why. */
  showRuntimeError(line: number | null, column: number | null, message: Message): void {
    if (!line || this.code.text !== this.map.code) return;
    const id = this.map.blockAt(line, column ?? 1);
    if (!id) return;
    this.ws.highlightBlock(id);
    BlockWarnings.add(this.warnings.runtime, id, message);
    this.warnings.render(this.ws, id);
    this.reveal(id);
  }

  /** Takes off the errors of the last run (the next Run starts clean). */
  clearErrors(): void {
    this.warnings.errors.clear();
    this.warnings.runtime.clear();
    this.ws.highlightBlock(null);
    this.warnings.render(this.ws);
  }

  // ---- Blockly ----

  private async inject(): Promise<void> {
    const [definitions, toolbox] = await Promise.all([blocksApi.definitions(lang()), blocksApi.toolbox(this.kind, lang())]);
    defineBlocks(lang(), definitions);
    this.ws = Blockly.inject(this.el, {
      toolbox: toolbox as Blockly.utils.toolbox.ToolboxDefinition,
      media: '/blockly-media/',
      theme,
      renderer: 'zelos',
      trashcan: true,
      sounds: false,
      zoom: { controls: true, wheel: true, startScale: 0.75, maxScale: 2, minScale: 0.35, scaleSpeed: 1.15 },
      move: { scrollbars: true, drag: true, wheel: false },
      grid: { spacing: 24, length: 2, colour: '#dfe5f1', snap: false },
      plugins: { connectionChecker: 'rc_loading_checker' },
    });
    this.ws.addChangeListener(e => {
      if (e.isUiEvent || Blockly.Events.getGroup() === 'rc-load') return;
      clearTimeout(this.timer);
      this.timer = window.setTimeout(() => { this.timer = 0; void this.track(() => this.generate()); }, 150);
    });
    (window as unknown as { Blockly: typeof Blockly }).Blockly = Blockly; // the browser tests read the workspace
  }

  /** Language change: Blockly's messages and ours are baked into the blocks, so save → dispose → inject → load. */
  private async reinject(): Promise<void> {
    const state = Blockly.serialization.workspaces.save(this.ws);
    const scale = this.ws.scale;
    this.ws.dispose();
    await this.inject();
    this.load(state);
    this.ws.setScale(scale);
    this.ws.scrollCenter();
    this.warnings.render(this.ws);
    this.label();
  }

  /** Loads a workspace without change events (the caller knows what the C# is). */
  private load(state: object): void {
    Blockly.Events.disable();
    LoadingConnectionChecker.loading = true;
    try {
      Blockly.serialization.workspaces.load(state as { [key: string]: unknown }, this.ws);
      if (this.ws.getTopBlocks(false).length === 0) {
        const start = this.ws.newBlock('event_start');
        start.moveBy(20, 20);
        start.initSvg();
        start.render();
      }
    } finally {
      LoadingConnectionChecker.loading = false;
      Blockly.Events.enable();
    }
  }

  /** Loads saved blocks; they count only if they still make the C# text (else the C# is what the child wrote last). */
  private async tryLoad(json: string): Promise<boolean> {
    const id = ++this.generation;
    try {
      this.load(JSON.parse(json));
      const state = Blockly.serialization.workspaces.save(this.ws);
      const result = await blocksApi.toCSharp(state);
      if (id !== this.generation || result.code !== this.code.text) return false;
      this.lastState = JSON.stringify(state);
      this.useResult(result);
      return true;
    } catch {
      return false; // an old or broken save
    }
  }

  // ---- sync ----

  /** Runs one sync step after the previous ones (they share the workspace and the text). */
  private track(step: () => Promise<unknown> | unknown): Promise<unknown> {
    this.pending = this.pending.then(step).catch(e => console.error('blocks:', e));
    return this.pending;
  }

  /** Blocks → C#. */
  private async generate(): Promise<void> {
    const state = Blockly.serialization.workspaces.save(this.ws);
    const json = JSON.stringify(state);
    if (json === this.lastState) return; // nothing the child did (e.g. Blockly tidying up after a load)
    this.lastState = json;
    localStorage.setItem(storageKey, json);
    const id = ++this.generation;
    const result = await blocksApi.toCSharp(state);
    if (id !== this.generation) return;
    this.useResult(result);
  }

  private useResult(result: ToCSharpResult): void {
    // While the child types C# (or has typed C# not yet turned into blocks), the text is theirs.
    if (!this.code.view.hasFocus && !this.csharpDirty) {
      if (this.code.text !== result.code) { this.code.setText(result.code); this.options.changed?.(); }
    } else if (this.code.text !== result.code) return; // the child's text wins: no map for it
    this.map = new BlockMap(result.map, result.code);
    this.warnings.problems.clear();
    for (const p of result.problems) if (p.blockId) BlockWarnings.add(this.warnings.problems, p.blockId, { en: p.en, ro: p.ro });
    this.warnings.render(this.ws);
  }

  /** C# → blocks (the grey C# blocks keep what has no block form). */
  private async toBlocks(say = true): Promise<void> {
    const source = this.code.text;
    this.csharpDirty = false;
    clearTimeout(this.timer);
    this.timer = 0;
    const id = ++this.generation;
    const result = await blocksApi.fromCSharp(source);
    if (id !== this.generation) return;
    if (this.code.text !== source) { this.csharpDirty = true; return; } // typed meanwhile: next time
    this.load(result.workspace);
    this.ws.scrollCenter();
    if (say) this.options.notify(result.notes.length ? t('noBlockForm') : '');
    // The child's text stays as they wrote it (line numbers too); the blocks' ids say where each one is.
    this.lastState = JSON.stringify(Blockly.serialization.workspaces.save(this.ws));
    localStorage.setItem(storageKey, this.lastState);
    this.map = mapFromIds(result.workspace, source);
    this.warnings.problems.clear();
    this.warnings.render(this.ws);
  }

  /**
   * Live mode's clicks, seen on the page itself: Blockly counts a press on a block's words as a click on
   * that label, not on the block, so its own click events miss most of what a child does. A press and a
   * release in one place on a block (in the workspace or the toolbox) is a click; a press on something
   * the child can edit (a number, a dropdown) is not, so changing a value does not run the block.
   */
  private listenForLiveClicks(): void {
    let down: { x: number; y: number; id: string } | null = null;
    this.el.addEventListener('pointerdown', e => {
      down = null;
      const target = e.target as Element;
      const block = this.live && e.button === 0 ? target.closest('[data-id]') : null;
      if (block && !target.closest('.blocklyEditableField')) down = { x: e.clientX, y: e.clientY, id: block.getAttribute('data-id')! };
    }, true);
    this.el.addEventListener('pointerup', e => {
      const start = down;
      down = null;
      if (!start || !this.live || Math.hypot(e.clientX - start.x, e.clientY - start.y) > 5) return;
      const block = this.ws.getBlockById(start.id) ?? this.ws.getFlyout()?.getWorkspace().getBlockById(start.id);
      const program = block ? this.liveProgram(block) : null;
      if (program) this.options.runLive?.(program);
    }, true);
  }

  /**
   * What a click in live mode runs: the stack the block belongs to (an event's body runs once, at once;
   * a value block is printed, so a click on "distance" shows the distance), with the workspace's
   * variables and functions so the stack compiles. A function definition runs only when called: null.
   */
  private liveProgram(block: Blockly.Block): object | null {
    const root = block.getRootBlock();
    let stack: object | null;
    if (root.type === 'procedures_defnoreturn' || root.type === 'procedures_defreturn') return null;
    if (root.outputConnection) stack = { type: 'text_print', inputs: { TEXT: { block: Blockly.serialization.blocks.save(root, { addCoordinates: false }) } } };
    else if (!root.previousConnection) { // an event (hat) block: its body
      const body = root.getInput('DO')?.connection?.targetBlock();
      stack = body ? Blockly.serialization.blocks.save(body, { addCoordinates: false }) : null;
    } else stack = Blockly.serialization.blocks.save(root, { addCoordinates: false });
    if (!stack) return null;
    const functions = this.ws.getTopBlocks(false)
      .filter(b => b.type === 'procedures_defnoreturn' || b.type === 'procedures_defreturn')
      .map(b => Blockly.serialization.blocks.save(b, { addCoordinates: false }));
    const all = Blockly.serialization.workspaces.save(this.ws) as { variables?: object[] };
    return {
      blocks: { languageVersion: 0, blocks: [{ type: 'event_start', id: 'live', inputs: { DO: { block: stack } } }, ...functions] },
      ...(all.variables ? { variables: all.variables } : {}),
    };
  }

  private reveal(id: string): void {
    const block = this.ws.getBlockById(id);
    if (!block) return;
    this.ws.centerOnBlock(id);
    block.select();
  }

  private label(): void { this.toBlocksButton.textContent = `⇦ ${t('blocks')}`; }
}
