import Foundation
import TokenPaceCore

/// Appends one results line per trial and forces it to disk before the next trial starts, so a
/// killed session loses at most the trial being answered. Opened with O_APPEND: lines are never
/// rewritten, and two sessions sharing a file cannot overwrite each other.
public final class PerceiveResultsWriter {
    public let path: String
    private let handle: FileHandle

    public init(path: String) throws {
        self.path = path
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        // A session killed mid-write can leave a torn last line; start ours on a fresh line so
        // the torn one stays separate (the report skips it with a warning).
        if let last = Self.lastByte(path), last != UInt8(ascii: "\n") {
            try handle.write(contentsOf: Data("\n".utf8))
        }
    }

    public func append(_ record: TrialRecord) throws {
        try handle.write(contentsOf: Data(try record.jsonLine().utf8))
        try handle.synchronize()
    }

    /// Why `path` cannot be written, in words and without a closing full stop: "no such directory",
    /// "permission denied"… Foundation's write errors (a Cocoa code wrapping the POSIX one) read the same.
    public static func reason(_ error: any Error, path: String) -> String {
        switch posixCode(error) {
        case .ENOENT?:
            let dir = (path as NSString).deletingLastPathComponent
            return "no such directory\(dir.isEmpty ? "" : " " + dir)"
        case .EACCES?, .EPERM?: return "permission denied"
        case .EISDIR?: return "it is a directory"
        case .ENOTDIR?: return "a part of the path is not a directory"
        case .EROFS?: return "the file system is read-only"
        case .ENOSPC?: return "no space left on device"
        case .EDQUOT?: return "disk quota exceeded"
        case .EIO?: return "input/output error"
        default:
            var text = (error as NSError).localizedDescription.trimmingCharacters(in: .whitespacesAndNewlines)
            while let last = text.last, ".;:".contains(last) { text.removeLast() }
            return text.isEmpty ? "unknown error" : text
        }
    }

    /// The POSIX code behind an error: itself, its underlying error, or the Cocoa write code's equivalent.
    static func posixCode(_ error: any Error) -> POSIXErrorCode? {
        if let e = error as? POSIXError { return e.code }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return POSIXErrorCode(rawValue: Int32(ns.code)) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, let code = posixCode(underlying) {
            return code
        }
        guard ns.domain == NSCocoaErrorDomain else { return nil }
        switch ns.code {
        case NSFileWriteOutOfSpaceError: return .ENOSPC
        case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return .EACCES
        case NSFileWriteVolumeReadOnlyError: return .EROFS
        case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return .ENOENT
        default: return nil
        }
    }

    private static func lastByte(_ path: String) -> UInt8? {
        guard let h = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? h.close() }
        guard let end = try? h.seekToEnd(), end > 0 else { return nil }
        try? h.seek(toOffset: end - 1)
        return (try? h.read(upToCount: 1))?.first
    }
}
