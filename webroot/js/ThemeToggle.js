// The header's dark theme toggle: the choice is remembered in this origin's storage; without one
// the page follows the system. onChange() runs after any change (charts repaint).
const THEME_KEY = 'pulseboard.theme';

/** Mounts the toggle on `button`, setting data-theme on `root`. */
export function ThemeToggle(button, { root, onChange }) {
  function isDark() {
    const chosen = root.dataset.theme;
    return chosen ? chosen === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  }

  let chosen = null;
  try {
    chosen = localStorage.getItem(THEME_KEY);
  } catch {
    // no storage: follow the system
  }
  if (chosen === 'dark' || chosen === 'light') {
    root.dataset.theme = chosen;
  }
  const sync = () => {
    button.setAttribute('aria-pressed', String(isDark()));
    onChange();
  };
  button.addEventListener('click', () => {
    const next = isDark() ? 'light' : 'dark';
    root.dataset.theme = next;
    try {
      localStorage.setItem(THEME_KEY, next);
    } catch {
      // the choice then lasts for this page only
    }
    sync();
  });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', sync);
  sync();
}
