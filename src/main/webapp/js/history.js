// Undo/redo of this user's own actions only. An entry is {kind: 'draw' | 'erase', ids}: undoing a
// draw erases those ids, undoing an erase restores them; redo is the inverse. The app supplies
// `apply(kind, ids)`, which returns whether anything changed (an entry whose elements someone else
// already removed or brought back is skipped, so one press always does something visible).
const LIMIT = 500;

export class History {
  constructor(apply, onChange = () => {}) {
    this.apply = apply;
    this.onChange = onChange;
    this.undoStack = [];
    this.redoStack = [];
  }

  record(kind, ids) {
    if (!ids.length) return;
    this.undoStack.push({ kind, ids: [...ids] });
    if (this.undoStack.length > LIMIT) this.undoStack.shift();
    this.redoStack = [];
    this.onChange();
  }

  undo() {
    while (this.undoStack.length) {
      const e = this.undoStack.pop();
      this.redoStack.push(e);
      if (this.apply(e.kind === 'draw' ? 'erase' : 'restore', e.ids)) break;
    }
    this.onChange();
  }

  redo() {
    while (this.redoStack.length) {
      const e = this.redoStack.pop();
      this.undoStack.push(e);
      if (this.apply(e.kind === 'draw' ? 'restore' : 'erase', e.ids)) break;
    }
    this.onChange();
  }

  clear() {
    this.undoStack = [];
    this.redoStack = [];
    this.onChange();
  }

  get canUndo() { return this.undoStack.length > 0; }
  get canRedo() { return this.redoStack.length > 0; }
}
