// The filter bar of a board: for every label key its metrics use, a radio group of the values
// found in the data plus "all". Values are named as the metrics name them (i18n.labelValue).
import { labelValue } from './i18n.js';

let groupCount = 0;

function keyName(key, t) {
  return key === 'region' ? t('region') : key;
}

function LabelFilter(key, onChange) {
  groupCount += 1;
  const name = `label-filter-${groupCount}`;
  const fieldset = document.createElement('fieldset');
  fieldset.className = 'label-filter';
  fieldset.dataset.key = key;
  const legend = document.createElement('legend');
  legend.className = 'label-filter__legend';
  const options = document.createElement('div');
  options.className = 'label-filter__options';
  fieldset.append(legend, options);
  fieldset.addEventListener('change', (event) => onChange(key, event.target.value));
  let shown = null;

  function option(value, text, checked) {
    const label = document.createElement('label');
    label.className = 'label-filter__option';
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

    update(values, selected, { t, lang, metrics }) {
      legend.textContent = keyName(key, t);
      const texts = values.map((value) => labelValue(value, lang, metrics, key));
      const text = JSON.stringify([lang, values, texts]);
      if (text !== shown) {
        options.replaceChildren(option('', t('regionAll'), !selected),
          ...values.map((value, i) => option(value, texts[i], value === selected)));
        shown = text;
      }
      for (const input of options.querySelectorAll('input')) {
        input.checked = input.value === (selected || '');
      }
    }
  };
}

/**
 * Mounts the bar into `el`; onChange(filters) gets {key: value} ('' for all) after a choice.
 * update(groups, filters, {t, lang, metrics}) shows one group per {key, values}.
 */
export function LabelFilterBar(el, onChange) {
  el.classList.add('label-filter-bar');
  el.setAttribute('role', 'group');
  const groups = new Map();
  let filters = {};

  function changed(key, value) {
    filters = { ...filters, [key]: value };
    onChange(filters);
  }

  return {
    el,

    update(nextGroups, nextFilters, view) {
      filters = { ...nextFilters };
      el.setAttribute('aria-label', view.t('filters'));
      const keep = new Set(nextGroups.map((g) => g.key));
      for (const [key, group] of groups) {
        if (!keep.has(key)) {
          group.el.remove();
          groups.delete(key);
        }
      }
      nextGroups.forEach(({ key, values }, index) => {
        let group = groups.get(key);
        if (!group) {
          group = LabelFilter(key, changed);
          groups.set(key, group);
        }
        if (el.children[index] !== group.el) {
          el.insertBefore(group.el, el.children[index] || null);
        }
        group.update(values, filters[key] || '', view);
      });
      el.hidden = nextGroups.length === 0;
    }
  };
}
