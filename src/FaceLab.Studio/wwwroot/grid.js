// A virtualised grid of thumbnails: only the rows in view (plus a margin) exist in the DOM, so
// 20,000 faces scroll as smoothly as 20. Tiles are positioned absolutely inside a spacer as tall
// as all rows; scrolling swaps tiles in and out once per animation frame.

const TILE = 136; // thumbnail 128 px plus the gap
const LABEL = 18;
const OVERSCAN_ROWS = 3;

export class VirtualGrid {
  constructor(container, spacer, { tileFor, onClick, onOpen }) {
    this.container = container;
    this.spacer = spacer;
    this.tileFor = tileFor;
    this.onClick = onClick;
    this.onOpen = onOpen;
    this.count = 0;
    this.tiles = new Map(); // index -> element
    this.pending = false;
    container.addEventListener('scroll', () => this.schedule());
    new ResizeObserver(() => this.layout()).observe(container);
  }

  get columns() { return Math.max(1, Math.floor((this.container.clientWidth - 32) / TILE)); } // less the padding
  get rowHeight() { return TILE + LABEL; }

  setCount(count) {
    this.count = count;
    this.clear();
    this.layout();
  }

  /** Redraws the tiles in view (after the selection or the items changed). */
  refresh() {
    this.clear();
    this.render();
  }

  clear() {
    for (const tile of this.tiles.values()) tile.remove();
    this.tiles.clear();
  }

  layout() {
    this.spacer.style.height = `${Math.ceil(this.count / this.columns) * this.rowHeight}px`;
    this.clear();
    this.render();
  }

  scrollToIndex(index) {
    const top = Math.floor(index / this.columns) * this.rowHeight;
    if (top < this.container.scrollTop || top + this.rowHeight > this.container.scrollTop + this.container.clientHeight)
      this.container.scrollTop = top;
  }

  schedule() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => { this.pending = false; this.render(); });
  }

  render() {
    const columns = this.columns;
    const first = Math.max(0, Math.floor(this.container.scrollTop / this.rowHeight) - OVERSCAN_ROWS);
    const last = Math.ceil((this.container.scrollTop + this.container.clientHeight) / this.rowHeight) + OVERSCAN_ROWS;
    const from = first * columns;
    const to = Math.min(this.count, last * columns);
    for (const [index, tile] of this.tiles) {
      if (index < from || index >= to) { tile.remove(); this.tiles.delete(index); }
    }
    for (let index = from; index < to; index++) {
      if (this.tiles.has(index)) continue;
      const tile = this.tileFor(index);
      tile.style.left = `${(index % columns) * TILE}px`;
      tile.style.top = `${Math.floor(index / columns) * this.rowHeight}px`;
      tile.addEventListener('click', event => this.onClick(index, event));
      tile.addEventListener('dblclick', () => this.onOpen(index));
      this.spacer.appendChild(tile);
      this.tiles.set(index, tile);
    }
  }
}
