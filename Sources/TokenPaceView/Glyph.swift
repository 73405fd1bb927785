import Foundation
import TokenPaceCore

/// A character as the screen holds it: one Unicode scalar inline, or a grapheme cluster of several
/// scalars (an accented letter with a combining mark, an emoji sequence) by its number in a shared
/// table, plus its cell width. Eight bytes, compared as plain integers.
public struct Glyph: Sendable, Hashable {
    /// The scalar's value, or the cluster's number when `isCluster`.
    @usableFromInline var bits: UInt32
    /// Bits 0–1: width in cells (0, 1 or 2); bit 2: `bits` numbers a cluster.
    @usableFromInline var info: UInt8

    @inlinable init(bits: UInt32, info: UInt8) {
        self.bits = bits
        self.info = info
    }

    public static let space = Glyph(bits: 0x20, info: 1)

    /// A printable ASCII byte (0x20…0x7E) or a control byte (width 0).
    @inlinable public init(ascii b: UInt8) {
        self.init(bits: UInt32(b), info: b < 0x20 || b == 0x7F ? 0 : 1)
    }

    /// One scalar that is a grapheme cluster by itself.
    @inlinable public init(scalar s: Unicode.Scalar) {
        // As `DisplayWidth.of(Character)` for a one-scalar character.
        var w = DisplayWidth.of(scalar: s)
        if s.value == 0xFE0F { w = 2 }
        self.init(bits: s.value, info: UInt8(w))
    }

    public init(_ c: Character) {
        let scalars = c.unicodeScalars
        var it = scalars.makeIterator()
        if let first = it.next(), it.next() == nil {
            self.init(scalar: first)
        } else {
            self.init(bits: ClusterTable.shared.number(of: c), info: UInt8(DisplayWidth.of(c)) | 4)
        }
    }

    @inlinable public var width: Int { Int(info & 3) }
    @inlinable public var isCluster: Bool { info & 4 != 0 }
    @inlinable public var isSpace: Bool { bits == 0x20 && info & 4 == 0 }
    /// The scalar, when this is not a cluster.
    @inlinable public var scalar: Unicode.Scalar? { isCluster ? nil : Unicode.Scalar(bits) }

    public var character: Character {
        if isCluster { return ClusterTable.shared.character(bits) }
        return Character(Unicode.Scalar(bits) ?? " ")
    }

    /// The first scalar of the character.
    public var firstScalar: Unicode.Scalar {
        if isCluster { return ClusterTable.shared.character(bits).unicodeScalars.first ?? " " }
        return Unicode.Scalar(bits) ?? " "
    }
}

/// Numbers for grapheme clusters of more than one scalar, shared by every buffer so equal clusters
/// get equal numbers. Such clusters are rare (combining marks, emoji sequences) and few distinct.
final class ClusterTable: @unchecked Sendable {
    static let shared = ClusterTable()
    private let lock = NSLock()
    private var numbers: [String: UInt32] = [:]
    private var characters: [Character] = []

    func number(of c: Character) -> UInt32 {
        lock.lock()
        defer { lock.unlock() }
        let key = String(c)
        if let n = numbers[key] { return n }
        let n = UInt32(characters.count)
        characters.append(c)
        numbers[key] = n
        return n
    }

    func character(_ n: UInt32) -> Character {
        lock.lock()
        defer { lock.unlock() }
        return Int(n) < characters.count ? characters[Int(n)] : " "
    }
}
