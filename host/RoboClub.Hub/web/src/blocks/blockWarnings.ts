// Warnings on blocks, in the page language: problems the hub found while turning blocks into C# (an empty slot),
// the compiler's errors after Run, and a runtime error (that block is also highlighted).
import { Blockly } from './blocklySetup';
import type { Message } from '../api';
import { pick } from '../i18n';

export class BlockWarnings {
  /** Block id → messages, by where they came from. */
  readonly problems = new Map<string, Message[]>();
  readonly errors = new Map<string, Message[]>();
  readonly runtime = new Map<string, Message[]>();
  private shown = new Set<string>();

  static add(into: Map<string, Message[]>, blockId: string, message: Message): void {
    const list = into.get(blockId) ?? [];
    if (!list.some(m => m.en === message.en)) list.push(message);
    into.set(blockId, list);
  }

  /** Puts every warning on its block (and takes old ones off), without workspace change events. */
  render(ws: Blockly.WorkspaceSvg, open: string | null = null): void {
    const wanted = new Map<string, string>();
    for (const source of [this.runtime, this.errors, this.problems])
      for (const [id, messages] of source) {
        const text = messages.map(m => pick(m)).join('\n');
        wanted.set(id, wanted.has(id) ? `${wanted.get(id)}\n${text}` : text);
      }
    Blockly.Events.disable();
    try {
      for (const id of this.shown) if (!wanted.has(id)) ws.getBlockById(id)?.setWarningText(null);
      this.shown = new Set();
      for (const [id, text] of wanted) {
        const block = ws.getBlockById(id);
        if (!block) continue;
        block.setWarningText(text);
        this.shown.add(id);
      }
      if (open) {
        const icon = ws.getBlockById(open)?.getIcon(Blockly.icons.IconType.WARNING);
        void icon?.setBubbleVisible(true);
      }
    } finally {
      Blockly.Events.enable();
    }
  }
}
