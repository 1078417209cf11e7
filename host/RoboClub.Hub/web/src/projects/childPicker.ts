// "Who are you?": a child picks their name and colour (no e-mail, no surname), or finds themselves
// in the list of the club's children. Remembered on this device until they switch.
import { pick, t } from '../i18n';
import { HubError, projectsApi, type Child, type Colour } from './projectsApi';

export async function pickChild(dialog: HTMLDialogElement): Promise<Child> {
  const [children, colours] = await Promise.all([projectsApi.children(), projectsApi.colours()]);
  return new Promise(resolve => {
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
      button.onclick = () => { dialog.close(); resolve(child); };
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
    const go = document.createElement('button');
    go.type = 'submit';
    go.textContent = t('start');
    form.append(name, palette, go, error);
    form.onsubmit = async e => {
      e.preventDefault();
      try {
        const child = await projectsApi.addChild(name.value, chosen);
        dialog.close();
        resolve(child);
      } catch (err) {
        error.textContent = err instanceof HubError ? pick({ en: err.en, ro: err.ro }) : String(err);
      }
    };
    const newTitle = document.createElement('h3');
    newTitle.textContent = children.length ? t('orNew') : t('newChild');
    dialog.append(title, list, newTitle, form);
    dialog.showModal();
  });
}

export function colourHex(colours: Colour[], key: string): string {
  return colours.find(c => c.key === key)?.hex ?? '#888';
}
