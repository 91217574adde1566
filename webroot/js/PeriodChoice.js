// The page's time zone (the browser's at first, then the one chosen, remembered) and "as of"
// date: the header's controls, the banner while a past date is on, and the state both feed.
import { asOfInstant, pickZone, ZONE_KEY } from './period.js';
import { PeriodControls } from './PeriodControls.js';

function readStored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/**
 * Mounts the controls into `controlsEl` and shows the banner in `bannerEl`. current() gives
 * {zone, asOf, date} (asOf: the RFC 3339 instant, or null for live); `onChange({wasAsOf})` is
 * called after the user changed either.
 */
export function PeriodChoice({ controlsEl, bannerEl, root, t, onChange }) {
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  let zone = pickZone(readStored(ZONE_KEY), browserZone);
  let date = '';

  const controls = PeriodControls(controlsEl, (next) => {
    const wasAsOf = Boolean(date);
    zone = next.zone;
    date = next.date;
    try {
      localStorage.setItem(ZONE_KEY, zone);
    } catch {
      // the choice then lasts for this page only
    }
    render();
    onChange({ wasAsOf });
  });

  function render() {
    controls.update({ zone, browserZone, date }, t);
    bannerEl.hidden = !date;
    bannerEl.textContent = date ? t('asOfBanner', { date, zone }) : '';
    root.classList.toggle('as-of', Boolean(date));
  }

  return {
    render,
    current: () => ({ zone, date, asOf: asOfInstant(date, zone) })
  };
}
