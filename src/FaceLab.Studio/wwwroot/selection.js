// Which faces are selected, by name: a click selects one, shift-click the range from the last
// clicked face, ctrl- or cmd-click adds or removes one.

export class Selection {
  constructor() {
    this.names = new Set();
    this.anchor = null;
  }

  clear() {
    this.names.clear();
    this.anchor = null;
  }

  has(name) { return this.names.has(name); }

  get size() { return this.names.size; }

  /** Applies a click on the face at index in faces (the current order). */
  click(faces, index, { shiftKey, ctrlKey, metaKey }) {
    const name = faces[index].name;
    if (shiftKey && this.anchor !== null) {
      const [from, to] = [Math.min(this.anchor, index), Math.max(this.anchor, index)];
      if (!ctrlKey && !metaKey) this.names.clear();
      for (let i = from; i <= to; i++) this.names.add(faces[i].name);
      return;
    }
    if (ctrlKey || metaKey) {
      if (this.names.has(name)) this.names.delete(name); else this.names.add(name);
    } else {
      this.names.clear();
      this.names.add(name);
    }
    this.anchor = index;
  }

  /** Keeps only names that still exist (after a reload). */
  retain(faces) {
    const present = new Set(faces.map(f => f.name));
    for (const name of [...this.names]) if (!present.has(name)) this.names.delete(name);
    if (this.anchor !== null && this.anchor >= faces.length) this.anchor = null;
  }
}
