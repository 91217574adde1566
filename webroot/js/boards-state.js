// The boards the page knows: the list for the picker and the boards loaded, kept current by the
// `boards` events of the live feed. Pure: no DOM, tested with `node --test`.
import { GENERATED_ID, boardTileCount } from './board.js';

function summary(board) {
  return { id: board.id, title: board.title, version: board.version, updated_at: board.updated_at,
    tiles: boardTileCount(board) };
}

export class BoardsState {
  constructor() {
    this.list = [];
    this.boards = new Map();
  }

  /** Takes GET /api/v1/boards's list ({id, title, version, …}). */
  setList(list) {
    this.list = list.map((item) => ({ ...item }));
  }

  /** Keeps a board as GET /api/v1/boards/{id} gave it (or a save answered); returns it. */
  setBoard(board) {
    this.boards.set(board.id, board);
    this.upsertSummary(summary(board));
    return board;
  }

  upsertSummary(item) {
    const at = this.list.findIndex((b) => b.id === item.id);
    if (at >= 0) {
      this.list[at] = { ...this.list[at], ...item };
    } else {
      this.list.push(item);
    }
  }

  /** The version known of a board, or -1. */
  version(id) {
    const board = this.boards.get(id);
    if (board) {
      return board.version;
    }
    const item = this.list.find((b) => b.id === id);
    return item ? item.version : -1;
  }

  /**
   * Applies `boards` events ({topic, subject, body}): a board newer than the one known replaces
   * it, a deletion removes it; an event whose version is not newer is ignored (an echo of our own
   * save, or a replay). Returns {changed: [id…], deleted: [id…]}.
   */
  applyEvents(items) {
    const changed = [];
    const deleted = [];
    for (const item of items) {
      if (item.topic !== 'boards' || !item.body || item.subject === GENERATED_ID) {
        continue;
      }
      const id = item.body.id || item.subject;
      if (item.body.deleted) {
        if (this.boards.delete(id) | this.list.some((b) => b.id === id)) {
          this.list = this.list.filter((b) => b.id !== id);
          deleted.push(id);
        }
        continue;
      }
      if (!(Number(item.body.version) > this.version(id))) {
        continue;
      }
      this.boards.set(id, item.body);
      this.upsertSummary(summary(item.body));
      changed.push(id);
    }
    return { changed, deleted };
  }
}
