/**
 * Where the rewind history's batches fall in a numbered log that keeps part
 * of each batch apart (the ring's points, the live detections): the log's
 * number one past each batch's last entry, and the number of the first entry
 * after the first moment. Batches are indexed from the first held (0).
 */
export class BatchMarks {
  private ends: number[] = [];
  private first = 0;

  /** History starts over; its first moment is at the log's number `first`. */
  restart(first: number): void {
    this.ends = [];
    this.first = first;
  }

  /** A batch was appended; the log now ends at `end`. */
  push(end: number): void {
    this.ends.push(end);
  }

  /** Number of the first entry of batch `index` (the end of the log when `index` is past the last). */
  before(index: number): number {
    return index === 0 ? this.first : this.ends[index - 1]!;
  }

  /** Number one past the last entry of batch `index`. */
  end(index: number): number {
    return this.ends[index]!;
  }

  /** The first `count` batches leave: batch `count` becomes the first moment. Returns its first number. */
  drop(count: number): number {
    this.first = this.before(count);
    this.ends.splice(0, count);
    return this.first;
  }
}
