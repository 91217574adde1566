// The header's choice of board: a labelled list of the boards (GET /api/v1/boards), titles in the
// page's language. Choosing one asks for its address.
import { boardTitle } from './board.js';

let pickerCount = 0;

/**
 * Mounts the picker into `el`; onPick(id) gets the board chosen. update(list, current, {t, lang})
 * rebuilds the options only when the boards or their titles changed.
 */
export function BoardPicker(el, onPick) {
  pickerCount += 1;
  const id = `board-picker-${pickerCount}`;
  el.classList.add('board-picker');
  const label = document.createElement('label');
  label.className = 'board-picker__label';
  label.htmlFor = id;
  const select = document.createElement('select');
  select.className = 'board-picker__select';
  select.id = id;
  el.append(label, select);
  select.addEventListener('change', () => onPick(select.value));
  let shown = '';

  return {
    update(list, current, { t, lang }) {
      label.textContent = t('board');
      const options = list.map((b) => [b.id, b.generated ? t('boardAll') : boardTitle(b, lang)]);
      const text = JSON.stringify(options);
      if (text !== shown) {
        select.replaceChildren(...options.map(([value, title]) => {
          const option = document.createElement('option');
          option.value = value;
          option.textContent = title;
          return option;
        }));
        shown = text;
      }
      if (!options.some(([value]) => value === current)) {
        select.value = '';
      } else if (select.value !== current) {
        select.value = current;
      }
      el.hidden = options.length < 2;
    }
  };
}
