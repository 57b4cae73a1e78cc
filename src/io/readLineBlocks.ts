import { open } from "node:fs/promises";

/** Block sizes of {@link readLineBlocks} (tests make them small to cross block edges often). */
export const lineBlocks = { first: 64 * 1024, size: 1024 * 1024 };

/**
 * Reads a file in blocks of bytes, each ending just after a line feed (LF) unless a single
 * line is longer than the buffer (then the block ends mid-line), and calls `onBlock` with the
 * reused buffer and the block's range; the first block is `lineBlocks.first` bytes at most (the
 * header and a few rows), the others `lineBlocks.size`. The buffer is overwritten after
 * `onBlock` returns: copy what you keep. Nothing in a block is decoded. `from` and `to` limit
 * the reading to the bytes `[from, to)` of the file (`from` at the start of a line).
 *
 * @example
 * await readLineBlocks("events.csv", (bytes, start, end) => { lines += countLf(bytes, start, end) });
 */
export async function readLineBlocks(
  path: string | URL,
  onBlock: (bytes: Buffer, start: number, end: number) => void,
  from = 0,
  to = Number.POSITIVE_INFINITY,
): Promise<void> {
  const handle = await open(path, "r");
  let position = from;
  try {
    let buffer = Buffer.allocUnsafe(Math.max(lineBlocks.size, lineBlocks.first));
    let filled = 0;
    let limit = Math.max(1, lineBlocks.first);
    for (;;) {
      const wanted = Math.min(limit - filled, to - position);
      const { bytesRead } =
        wanted <= 0 ? { bytesRead: 0 } : await handle.read(buffer, filled, wanted, position);
      position += bytesRead;
      filled += bytesRead;
      if (bytesRead === 0 || filled === limit) {
        const eof = bytesRead === 0;
        let cut = filled;
        if (!eof) {
          const lf = buffer.lastIndexOf(10, filled - 1);
          if (lf >= 0) cut = lf + 1;
        }
        if (cut > 0) onBlock(buffer, 0, cut);
        if (eof) break;
        buffer.copyWithin(0, cut, filled);
        filled -= cut;
        limit = lineBlocks.size;
        if (buffer.length < limit) {
          const bigger = Buffer.allocUnsafe(limit);
          buffer.copy(bigger, 0, 0, filled);
          buffer = bigger;
        }
      }
    }
  } finally {
    await handle.close();
  }
}
