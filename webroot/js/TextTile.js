// A board's text tile: the author's note, always as text (never as HTML), in the page's language
// or else in English.
import { localized } from './board.js';

/** Mounts the tile into `el`. update({text}, {lang}) shows the note. */
export function TextTile(el) {
  el.classList.add('text-tile');
  const body = document.createElement('p');
  body.className = 'text-tile__text';
  el.append(body);

  return {
    el,

    update({ text }, { lang }) {
      const shown = localized(text, lang);
      if (body.textContent !== shown) {
        body.textContent = shown;
      }
      body.lang = typeof text === 'object' && text && text[lang] ? lang : 'en';
    }
  };
}
