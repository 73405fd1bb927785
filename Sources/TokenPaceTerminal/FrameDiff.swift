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
        var dirty = [Bool](repeating: false, count: count)
        for i in 0..<count where previous.cells[i] != current.cells[i] {
            dirty[i] = true
            let x = i % width
            if x > 0, previous.cells[i].isContinuation || current.cells[i].isContinuation { dirty[i - 1] = true }
            if x + 1 < width, previous.cells[i + 1].isContinuation || current.cells[i + 1].isContinuation {
                dirty[i + 1] = true
            }
        }
        return dirty.indices.filter { dirty[$0] }
    }
}
