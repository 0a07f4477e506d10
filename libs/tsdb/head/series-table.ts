/**
 * Series by ref. Refs are handed out in increasing order and never reused (callers may cache
 * them), so a flat array would grow forever under series churn; the table keeps fixed-size pages
 * instead and drops a page once every series in it is gone.
 */
const PAGE_BITS = 12;
const PAGE_SIZE = 1 << PAGE_BITS;

export class SeriesTable<T> {
  private readonly pages: ((T | undefined)[] | undefined)[] = [];
  private readonly liveInPage: number[] = [];
  /** The next ref to hand out; refs start at 1 so that 0 can mean "none". */
  private next = 1;

  /** The item with `ref`, or undefined. */
  get(ref: number): T | undefined {
    const page = this.pages[ref >>> PAGE_BITS];
    return page === undefined ? undefined : page[ref & (PAGE_SIZE - 1)];
  }

  /** The ref the next `add` will use. */
  get nextRef(): number {
    return this.next;
  }

  /** Stores `item` under the next ref and returns that ref. */
  add(item: T): number {
    const ref = this.next++;
    const p = ref >>> PAGE_BITS;
    let page = this.pages[p];
    if (page === undefined) {
      page = [];
      this.pages[p] = page;
      this.liveInPage[p] = 0;
      // The previous page may have emptied while it was still the one refs went to.
      if (p > 0 && this.liveInPage[p - 1] === 0) this.pages[p - 1] = undefined;
    }
    page[ref & (PAGE_SIZE - 1)] = item;
    this.liveInPage[p]!++;
    return ref;
  }

  /** Removes the item with `ref`. */
  delete(ref: number): void {
    const p = ref >>> PAGE_BITS;
    const page = this.pages[p];
    if (page === undefined || page[ref & (PAGE_SIZE - 1)] === undefined) return;
    page[ref & (PAGE_SIZE - 1)] = undefined;
    // Free a page once it is empty and no later ref can land in it.
    if (--this.liveInPage[p]! === 0 && (this.next - 1) >>> PAGE_BITS !== p) this.pages[p] = undefined;
  }

  /** Number of pages held (for tests and accounting). */
  get pageCount(): number {
    let n = 0;
    for (const page of this.pages) if (page !== undefined) n++;
    return n;
  }

  /** Approximate bytes of the page arrays. */
  bytesEstimate(): number {
    let n = this.pages.length * 8;
    for (const page of this.pages) if (page !== undefined) n += page.length * 8 + 32;
    return n;
  }
}
