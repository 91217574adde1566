// The named parts of a component's markup: every element with data-ref="name", by name.

/** `{ name: element }` for each `[data-ref]` inside `el`. */
export function refs(el) {
  const found = {};
  for (const node of el.querySelectorAll('[data-ref]')) {
    found[node.dataset.ref] = node;
  }
  return found;
}
