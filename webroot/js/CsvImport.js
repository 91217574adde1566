// Imports a CSV file into Pulseboard from a metric's detail view: drop a file (or choose one,
// which keyboards reach), see its first lines as text and its row count, import it with a
// progress bar, then the result or every fault by row and column. All text goes in as text.
import { describeError, previewLines, rowCounter } from './csv-file.js';
import { refs } from './refs.js';

const PREVIEW_BYTES = 64 * 1024;

const TEMPLATE = `
  <h3 class="csv-import__title" data-ref="title"></h3>
  <div class="csv-import__zone" data-ref="zone">
    <p class="csv-import__hint" data-ref="hint"></p>
    <label class="csv-import__choose">
      <span data-ref="chooseText"></span>
      <input class="csv-import__input" type="file" accept=".csv,text/csv" data-ref="input">
    </label>
    <p class="csv-import__format" data-ref="format"></p>
  </div>
  <div class="csv-import__file" data-ref="file" hidden>
    <p class="csv-import__count" data-ref="count"></p>
    <pre class="csv-import__preview" data-ref="preview" tabindex="0"></pre>
    <div class="csv-import__actions">
      <button type="button" class="csv-import__start" data-ref="start"></button>
      <button type="button" class="csv-import__clear" data-ref="clear"></button>
    </div>
    <progress class="csv-import__progress" data-ref="progress" max="1" value="0" hidden></progress>
  </div>
  <div class="csv-import__result" role="status" data-ref="result"></div>
  <ul class="csv-import__errors" data-ref="errors"></ul>`;

/**
 * Mounts the importer into `el`. update(view) sets its words; `onImported(result)` runs after a
 * successful import.
 */
export function CsvImport(el, { api, onImported = () => {} }) {
  el.classList.add('csv-import');
  el.innerHTML = TEMPLATE;
  const ref = refs(el);
  let view = null;
  let chosen = null;
  let readId = 0;

  ref.input.addEventListener('change', () => {
    if (ref.input.files.length) {
      choose(ref.input.files[0]);
    }
  });
  ref.zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    ref.zone.classList.add('csv-import__zone--over');
  });
  ref.zone.addEventListener('dragleave', () => ref.zone.classList.remove('csv-import__zone--over'));
  ref.zone.addEventListener('drop', (event) => {
    event.preventDefault();
    ref.zone.classList.remove('csv-import__zone--over');
    const file = event.dataTransfer && event.dataTransfer.files[0];
    if (file) {
      choose(file);
    }
  });
  ref.start.addEventListener('click', () => start());
  ref.clear.addEventListener('click', () => reset());

  function say(text, errors = []) {
    ref.result.textContent = text;
    ref.errors.replaceChildren(...errors.map((e) => {
      const item = document.createElement('li');
      item.textContent = describeError(e, view.t);
      return item;
    }));
  }

  function reset() {
    chosen = null;
    readId += 1;
    ref.input.value = '';
    ref.file.hidden = true;
    ref.progress.hidden = true;
    say('');
  }

  async function choose(file) {
    const id = ++readId;
    say('');
    if (!/\.csv$/i.test(file.name) && file.type !== 'text/csv') {
      reset();
      say(view.t('csvNotCsv'));
      return;
    }
    chosen = { file, rows: null };
    ref.preview.textContent = previewLines(await file.slice(0, PREVIEW_BYTES).text());
    ref.count.textContent = view.t('loading');
    ref.start.disabled = true;
    ref.progress.hidden = true;
    ref.file.hidden = false;
    const rows = await countRows(file);
    if (id !== readId) {
      return;
    }
    chosen.rows = rows;
    render();
    ref.start.disabled = false;
  }

  /** Counts rows reading the file as a stream, so a large file is never one string. */
  async function countRows(file) {
    const counter = rowCounter();
    const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        return counter.count();
      }
      counter.add(value);
    }
  }

  async function start() {
    if (!chosen) {
      return;
    }
    ref.start.disabled = true;
    ref.progress.hidden = false;
    ref.progress.value = 0;
    say(view.t('csvUploading', { pct: '0%' }));
    try {
      const result = await api.importCsv(chosen.file, (share) => {
        ref.progress.value = share;
        say(share < 1 ? view.t('csvUploading', { pct: `${Math.round(share * 100)}%` }) : view.t('csvWriting'));
      });
      ref.progress.value = 1;
      const n = (x) => x.toLocaleString(view.locale);
      say(view.t('csvDone', { rows: n(result.rows), written: n(result.written), unchanged: n(result.unchanged) }));
      onImported(result);
    } catch (error) {
      ref.progress.hidden = true;
      say(view.t('csvFailed', { detail: error.message }), error.errors || []);
    } finally {
      ref.start.disabled = false;
    }
  }

  function render() {
    const { t } = view;
    ref.title.textContent = t('csvImport');
    ref.hint.textContent = t('csvDrop');
    ref.chooseText.textContent = t('csvChoose');
    ref.format.textContent = t('csvFormat');
    ref.preview.setAttribute('aria-label', t('csvPreview'));
    ref.clear.textContent = t('csvCancel');
    if (chosen && chosen.rows !== null) {
      ref.count.textContent = t('csvRows', { count: chosen.rows.toLocaleString(view.locale), name: chosen.file.name });
      ref.start.textContent = t('csvStart', { count: chosen.rows.toLocaleString(view.locale) });
    }
  }

  return {
    update(nextView) {
      view = nextView;
      render();
    },
    reset
  };
}
