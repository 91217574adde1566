// The header's time zone choice and "as of" date: which zone times and periods are in, and
// whether the board shows the figures as they were known at the end of a past day.
import { zoneChoices } from './period.js';
import { refs } from './refs.js';

const TEMPLATE = `
  <label class="period-controls__field">
    <span class="period-controls__label" data-ref="zoneLabel"></span>
    <select class="period-controls__zone" data-ref="zone" data-time-zone></select>
  </label>
  <label class="period-controls__field">
    <span class="period-controls__label" data-ref="asOfLabel"></span>
    <input class="period-controls__date" type="date" data-ref="date" data-as-of>
  </label>
  <button type="button" class="period-controls__clear" data-ref="clear" data-as-of-clear hidden></button>`;

/**
 * Mounts the controls into `el`. update({zone, browserZone, date}, t) shows the state;
 * `onChange({zone, date})` is called when the user picks a zone or a date ('' for live).
 */
export function PeriodControls(el, onChange) {
  el.classList.add('period-controls');
  el.innerHTML = TEMPLATE;
  const ref = refs(el);
  let shownZones = '';
  const emit = () => onChange({ zone: ref.zone.value, date: ref.date.value });
  ref.zone.addEventListener('change', emit);
  ref.date.addEventListener('change', emit);
  ref.clear.addEventListener('click', () => {
    ref.date.value = '';
    emit();
    ref.date.focus();
  });

  return {
    update({ zone, browserZone, date }, t) {
      ref.zoneLabel.textContent = t('timeZone');
      ref.asOfLabel.textContent = t('asOfLabel');
      ref.clear.textContent = t('asOfClear');
      const supported = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
      const zones = zoneChoices(zone, browserZone, supported);
      if (zones.join() !== shownZones) {
        shownZones = zones.join();
        ref.zone.replaceChildren(...zones.map((name) => {
          const option = document.createElement('option');
          option.value = name;
          option.textContent = name;
          return option;
        }));
      }
      ref.zone.value = zone;
      ref.date.value = date || '';
      ref.date.max = new Date().toISOString().slice(0, 10);
      ref.clear.hidden = !date;
    }
  };
}
