// Blockly itself, set up the RoboClub way: Blockly's own blocks first, then the compiler's catalog on top
// (several of ours reuse Blockly's type names: controls_repeat_ext, math_number, text_print, …; see docs/blocks.md),
// number fields that keep their text ("3.0" stays a double), the functions' returnType kept, and our theme.
import * as Blockly from 'blockly/core';
import 'blockly/blocks';
import * as Ro from 'blockly/msg/ro';
import * as En from 'blockly/msg/en';
import type { Lang } from '../i18n';
import { registerFieldMultilineInput } from './fieldMultilineInput';

export { Blockly };

/** A number typed as text: Blockly's number field would turn "3.0" into 3 (an int in C#). */
class NumberTextField extends Blockly.FieldTextInput {
  static fromJson(options: Record<string, unknown>): NumberTextField {
    return new NumberTextField(String(options['value'] ?? options['text'] ?? '0'));
  }

  protected override doClassValidation_(newValue?: unknown): string | null {
    if (newValue === undefined || newValue === null) return null;
    const text = String(newValue).trim().replace(',', '.');
    return /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? text : null;
  }
}

/**
 * Blockly's connection checks, except while the editor loads blocks made from C#: a child's C# may put text where
 * a number belongs (Robot.Forward("fast")); the block must stay in its slot so the compiler's error lands on it.
 */
export class LoadingConnectionChecker extends Blockly.ConnectionChecker {
  static loading = false;

  override doTypeChecks(a: Blockly.Connection, b: Blockly.Connection): boolean {
    return LoadingConnectionChecker.loading || super.doTypeChecks(a, b);
  }
}

let registered = false;

/** Once: our number field, the returnType kept in function blocks' extra state, friendly colours. */
function registerOnce(): void {
  if (registered) return;
  registered = true;
  Blockly.fieldRegistry.register('field_rc_number', NumberTextField);
  registerFieldMultilineInput(); // the grey C# blocks' text
  Blockly.registry.register(Blockly.registry.Type.CONNECTION_CHECKER, 'rc_loading_checker', LoadingConnectionChecker);
  // C# → blocks puts a declared return type (double Half() => 1;) in the function block's state: keep it.
  for (const type of ['procedures_defreturn', 'procedures_defnoreturn']) {
    const def = Blockly.Blocks[type] as Record<string, unknown>;
    const save = def['saveExtraState'] as (this: Blockly.Block, full?: boolean) => Record<string, unknown> | null;
    const load = def['loadExtraState'] as (this: Blockly.Block, state: Record<string, unknown>) => void;
    def['saveExtraState'] = function (this: Blockly.Block & { rcReturnType?: string }, full?: boolean) {
      const state = save.call(this, full);
      return this.rcReturnType ? { ...(state ?? {}), returnType: this.rcReturnType } : state;
    };
    def['loadExtraState'] = function (this: Blockly.Block & { rcReturnType?: string }, state: Record<string, unknown>) {
      if (typeof state?.['returnType'] === 'string') this.rcReturnType = state['returnType'] as string;
      load.call(this, state);
    };
  }
  Blockly.utils.colour.setHsvSaturation(0.55);
  Blockly.utils.colour.setHsvValue(0.8);
}

/** Blockly's messages in the page language, then the catalog's definitions (in that language) over Blockly's. */
export function defineBlocks(lang: Lang, definitions: Array<Record<string, unknown>>): void {
  registerOnce();
  Blockly.setLocale((lang === 'ro' ? Ro : En) as unknown as { [key: string]: string });
  const ours: Array<Record<string, unknown>> = definitions.map(d => ({
    ...d,
    args0: (d['args0'] as Array<Record<string, unknown>> | undefined)?.map(a =>
      a['type'] === 'field_number' ? { type: 'field_rc_number', name: a['name'], value: String(a['value'] ?? 0) } : a),
  }));
  for (const d of ours) delete Blockly.Blocks[d['type'] as string]; // redefined on purpose (language change)
  Blockly.common.defineBlocks(Blockly.common.createBlockDefinitionsFromJsonArray(ours));
}

export const theme = Blockly.Theme.defineTheme('roboclub', {
  name: 'roboclub',
  base: Blockly.Themes.Classic,
  startHats: true,
  fontStyle: { family: 'system-ui, "Segoe UI", Roboto, sans-serif', weight: '600', size: 12 },
  componentStyles: {
    workspaceBackgroundColour: '#f7f9fd',
    toolboxBackgroundColour: '#ffffff',
    toolboxForegroundColour: '#2b3445',
    flyoutBackgroundColour: '#e9eef8',
    flyoutForegroundColour: '#2b3445',
    flyoutOpacity: 0.96,
    scrollbarColour: '#b9c4dc',
    scrollbarOpacity: 0.7,
    insertionMarkerColour: '#2d6cdf',
    insertionMarkerOpacity: 0.35,
    cursorColour: '#2d6cdf',
  },
});
