// A radio group of the regions found in the data, plus 'all'.
import { labelValue } from './i18n.js';

let filterCount = 0;

/**
 * Mounts the filter into `el`; onChange(value) gets the chosen region or '' for all.
 * update(values, selected, {t, lang, metrics}) rebuilds the options only when the regions or their
 * names changed; a region is named as the metrics name it (see i18n.labelValue).
 */
export function RegionFilter(el, onChange) {
  filterCount += 1;
  const name = `region-${filterCount}`;
  const fieldset = document.createElement('fieldset');
  fieldset.className = 'region-filter';
  const legend = document.createElement('legend');
  legend.className = 'region-filter__legend';
  const options = document.createElement('div');
  options.className = 'region-filter__options';
  fieldset.append(legend, options);
  el.replaceWith(fieldset);
  fieldset.addEventListener('change', (event) => onChange(event.target.value));
  let shown = null;

  function option(value, text, checked) {
    const label = document.createElement('label');
    label.className = 'region-filter__option';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = name;
    input.value = value;
    input.checked = checked;
    const span = document.createElement('span');
    span.textContent = text;
    label.append(input, span);
    return label;
  }

  return {
    el: fieldset,

    update(values, selected, { t, lang, metrics = [] }) {
      legend.textContent = t('region');
      const texts = values.map((value) => labelValue(value, lang, metrics, 'region'));
      const key = JSON.stringify([lang, values, texts]);
      if (key !== shown) {
        options.replaceChildren(option('', t('regionAll'), !selected),
          ...values.map((value, i) => option(value, texts[i], value === selected)));
        shown = key;
      }
      for (const input of options.querySelectorAll('input')) {
        input.checked = input.value === (selected || '');
      }
      fieldset.hidden = values.length === 0;
    }
  };
}
