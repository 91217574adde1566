// Moving a board's tiles with a pointer (mouse, pen or touch) by their handle: the tile under the
// pointer is marked as the drop place, and the move is reported on release. Keyboard moves are
// the editor's own up/down buttons. Pointer events rather than HTML drag and drop, which touch
// screens do not fire.

/**
 * Makes the items of `container` draggable. Options: handle, item and list selectors;
 * position(itemEl) → {section, index}; listPosition(listEl) → section; onMove(from, to) with
 * `to` the index once the item is taken out.
 */
export function dragSort(container, { handle, item, list, position, listPosition, onMove }) {
  let drag = null;

  function clearMarks() {
    for (const node of container.querySelectorAll('.is-drop-before, .is-drop-after, .is-drop-end')) {
      node.classList.remove('is-drop-before', 'is-drop-after', 'is-drop-end');
    }
  }

  function targetAt(x, y) {
    const under = document.elementFromPoint(x, y);
    const over = under && under.closest(item);
    if (over && container.contains(over) && over !== drag.item) {
      const rect = over.getBoundingClientRect();
      const wide = rect.width > over.parentElement.getBoundingClientRect().width * 0.6;
      const before = wide ? y < rect.top + rect.height / 2 : x < rect.left + rect.width / 2;
      const at = position(over);
      return { node: over, mark: before ? 'is-drop-before' : 'is-drop-after', to: { section: at.section, index: at.index + (before ? 0 : 1) } };
    }
    const overList = under && under.closest(list);
    if (overList && container.contains(overList) && !over) {
      return { node: overList, mark: 'is-drop-end', to: { section: listPosition(overList), index: overList.querySelectorAll(item).length } };
    }
    return null;
  }

  function end(commit) {
    if (!drag) {
      return;
    }
    const { from, target } = drag;
    drag.item.classList.remove('is-dragging');
    clearMarks();
    drag = null;
    if (commit && target) {
      const to = { ...target.to };
      if (to.section === from.section && to.index > from.index) {
        to.index -= 1;
      }
      if (to.section !== from.section || to.index !== from.index) {
        onMove(from, to);
      }
    }
  }

  container.addEventListener('pointerdown', (event) => {
    const grip = event.target.closest(handle);
    if (!grip || event.button !== 0 || !container.contains(grip)) {
      return;
    }
    event.preventDefault();
    const dragged = grip.closest(item);
    grip.setPointerCapture(event.pointerId);
    drag = { item: dragged, from: position(dragged), target: null };
    dragged.classList.add('is-dragging');
  });
  container.addEventListener('pointermove', (event) => {
    if (!drag) {
      return;
    }
    const target = targetAt(event.clientX, event.clientY);
    if (!target || !drag.target || target.node !== drag.target.node || target.mark !== drag.target.mark) {
      clearMarks();
      if (target) {
        target.node.classList.add(target.mark);
      }
    }
    drag.target = target;
  });
  container.addEventListener('pointerup', () => end(true));
  container.addEventListener('pointercancel', () => end(false));
  container.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      end(false);
    }
  });
}
