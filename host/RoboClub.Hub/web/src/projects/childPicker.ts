// "Who are you?": a child picks their name and colour (no e-mail, no surname) and a 4-digit secret
// code, or finds themselves in the list of the club's children and types their code. The hub then
// keeps them signed in on this device (a cookie) until they switch.
import { ApiError } from '../api';
import { pick, t } from '../i18n';
import { sessionApi } from '../security/sessionApi';
import { HubError, projectsApi, type Child, type Colour } from './projectsApi';

function codeInput(): HTMLInputElement {
  const code = document.createElement('input');
  code.name = 'code';
  code.type = 'password';
  code.inputMode = 'numeric';
  code.autocomplete = 'off';
  code.pattern = '[0-9]{4}';
  code.maxLength = 4;
  code.required = true;
  code.className = 'rc-code';
  return code;
}

function errorText(err: unknown): string {
  return err instanceof HubError ? pick({ en: err.en, ro: err.ro }) : err instanceof ApiError ? pick(err.body.error) : String(err);
}

export async function pickChild(dialog: HTMLDialogElement, preselected?: number): Promise<Child> {
  const [children, colours] = await Promise.all([projectsApi.children(), projectsApi.colours()]);
  return new Promise(resolve => {
    const showList = () => {
    dialog.replaceChildren();
    const title = document.createElement('h2');
    title.textContent = t('whoAreYou');
    const list = document.createElement('div');
    list.className = 'rc-children';
    for (const child of children) {
      const button = document.createElement('button');
      button.className = 'rc-child';
      button.dataset.child = String(child.id);
      button.style.setProperty('--rc-child', colourHex(colours, child.colour));
      button.textContent = child.name;
      button.onclick = () => askCode(child);
      list.append(button);
    }
    const form = document.createElement('form');
    form.className = 'rc-new-child';
    const name = document.createElement('input');
    name.name = 'name';
    name.maxLength = 30;
    name.required = true;
    name.placeholder = t('yourName');
    const palette = document.createElement('div');
    palette.className = 'rc-palette';
    let chosen = colours[0]?.key ?? '';
    for (const c of colours) {
      const swatch = document.createElement('button');
      swatch.type = 'button';
      swatch.className = 'rc-swatch';
      swatch.dataset.colour = c.key;
      swatch.title = pick({ en: c.en, ro: c.ro });
      swatch.style.background = c.hex;
      swatch.onclick = () => {
        chosen = c.key;
        palette.querySelectorAll('.rc-swatch').forEach(s => s.classList.toggle('chosen', s === swatch));
      };
      if (c.key === chosen) swatch.classList.add('chosen');
      palette.append(swatch);
    }
    const error = document.createElement('p');
    error.className = 'rc-form-error';
    const codeLabel = document.createElement('label');
    codeLabel.textContent = t('secretCodeNew');
    const code = codeInput();
    codeLabel.append(code);
    const go = document.createElement('button');
    go.type = 'submit';
    go.textContent = t('start');
    form.append(name, palette, codeLabel, go, error);
    form.onsubmit = async e => {
      e.preventDefault();
      try {
        const child = await projectsApi.addChild(name.value, chosen, code.value);
        dialog.close();
        resolve(child);
      } catch (err) {
        error.textContent = errorText(err);
      }
    };
    const newTitle = document.createElement('h3');
    newTitle.textContent = children.length ? t('orNew') : t('newChild');
    dialog.append(title, list, newTitle, form);
    };

    // An existing child types their code (or, the first time since codes exist, chooses one).
    const askCode = (child: Child) => {
      const title = document.createElement('h2');
      title.textContent = `${t('codeFor')} ${child.name}`;
      title.style.setProperty('--rc-child', colourHex(colours, child.colour));
      title.className = 'rc-code-title';
      const form = document.createElement('form');
      form.className = 'rc-sign-in-child';
      const code = codeInput();
      code.placeholder = '••••';
      const go = document.createElement('button');
      go.type = 'submit';
      go.textContent = t('enter');
      const error = document.createElement('p');
      error.className = 'rc-form-error';
      const back = document.createElement('button');
      back.type = 'button';
      back.textContent = t('back');
      back.onclick = showList;
      form.append(code, go, error);
      form.onsubmit = async e => {
        e.preventDefault();
        try {
          const answer = await sessionApi.childSignIn(child.id, code.value);
          if (answer.codeChosenNow) alert(t('codeChosen'));
          dialog.close();
          resolve(answer.child);
        } catch (err) {
          error.textContent = errorText(err);
          code.select();
        }
      };
      dialog.replaceChildren(title, form, back);
      code.focus();
    };

    const known = preselected ? children.find(c => c.id === preselected) : undefined;
    if (known) askCode(known); else showList();
    dialog.oncancel = e => e.preventDefault(); // Escape does not skip "who are you?"
    if (!dialog.open) dialog.showModal();
  });
}

export function colourHex(colours: Colour[], key: string): string {
  return colours.find(c => c.key === key)?.hex ?? '#888';
}
