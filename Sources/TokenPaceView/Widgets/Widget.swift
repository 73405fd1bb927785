/// Anything drawn on screen, in one signature: it draws itself into `area` of `buffer`, clipped to
/// both. What it needs besides (state, options, a cache, `now`) is given when the value is made,
/// so a screen composes widgets by placing them, without knowing what each one reads.
public protocol Widget {
    func draw(in area: Rect, buffer: inout Buffer)
}
