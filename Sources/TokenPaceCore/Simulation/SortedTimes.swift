extension Array where Element == Double {
    /// In times sorted ascending: how many are at or before `t` (binary search).
    func countAtOrBefore(_ t: Double) -> Int {
        var lo = 0
        var hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] <= t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
