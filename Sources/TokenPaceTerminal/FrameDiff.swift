import Glibc
import TokenPaceView

/// Which cells of a new frame must be written to the screen.
enum FrameDiff {
    /// Indices (row-major, left to right) of the cells to write. Everything when there is no
    /// previous frame of the same size; otherwise the changed cells, widened so that both halves of
    /// a wide character that appeared, vanished or moved are rewritten. Continuation cells are
    /// listed too; the writer skips them after writing their wide character.
    static func cellsToWrite(previous: Buffer?, current: Buffer) -> [Int] {
        let count = current.cells.count
        guard let previous, previous.size == current.size else { return Array(0..<count) }
        let width = current.size.width
        var out: [Int] = []
        previous.cells.withUnsafeBufferPointer { old in
            current.cells.withUnsafeBufferPointer { new in
                for y in 0..<current.size.height {
                    let row = y * width
                    // Cells are eight bytes without padding: equal rows are equal memory.
                    if memcmp(old.baseAddress! + row, new.baseAddress! + row, width * MemoryLayout<Cell>.stride) == 0 {
                        continue
                    }
                    // Within a row, widening only reaches the neighbours: mark, then collect in order.
                    var dirtyBefore = -1  // the last index already added
                    for x in 0..<width {
                        let i = row + x
                        guard old[i] != new[i] else { continue }
                        if x > 0, old[i].isContinuation || new[i].isContinuation, dirtyBefore < i - 1 {
                            out.append(i - 1)
                        }
                        if dirtyBefore < i { out.append(i) }
                        dirtyBefore = i
                        if x + 1 < width, old[i + 1].isContinuation || new[i + 1].isContinuation {
                            out.append(i + 1)
                            dirtyBefore = i + 1
                        }
                    }
                }
            }
        }
        return out
    }
}
