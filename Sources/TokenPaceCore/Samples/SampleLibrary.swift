import Foundation

/// The samples a run can play, read from a `Samples/` folder so users can add their own.
public struct SampleLibrary: Sendable {
    public var samples: [Sample]

    public init(samples: [Sample]) {
        self.samples = samples
    }

    /// Loads every `*.md` file directly in `directory` except `README.md`, sorted by name.
    public init(directory: String) throws(SampleError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw SampleError(path: directory, line: nil, message: "cannot read the samples folder")
        }
        var samples: [Sample] = []
        for name in names.sorted() where name.hasSuffix(".md") && name != "README.md" && !name.hasPrefix(".") {
            samples.append(try SampleLibrary.load(path: (directory as NSString).appendingPathComponent(name)))
        }
        self.samples = samples
    }

    public func samples(for task: TaskKind) -> [Sample] {
        samples.filter { $0.task == task }
    }

    /// The sample with this id (file name without `.md`; the suffix is accepted too).
    public func sample(named name: String) -> Sample? {
        let id = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        return samples.first { $0.id == id }
    }

    /// Reads and parses one sample file; its id is the file name without `.md`.
    public static func load(path: String) throws(SampleError) -> Sample {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw SampleError(path: path, line: nil, message: "cannot read the file as UTF-8 text")
        }
        let id = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try SampleFile.parse(text, path: path, id: id)
    }

    /// Where the samples live: `$TOKENPACE_SAMPLES` if set, else `./Samples`, else the first
    /// `Samples/` found walking up from the executable's folder (a dev build sits in `.build/debug/`).
    /// An explicit `$TOKENPACE_SAMPLES` is returned even if missing, so loading reports that path
    /// instead of quietly using another folder. Reads the file system but nothing else.
    public static func locateDirectory(
        executablePath: String, currentDirectory: String, environment: [String: String]
    ) -> String? {
        if let explicit = environment["TOKENPACE_SAMPLES"], !explicit.isEmpty {
            return explicit.hasPrefix("/") ? explicit : (currentDirectory as NSString).appendingPathComponent(explicit)
        }
        let local = (currentDirectory as NSString).appendingPathComponent("Samples")
        if isDirectory(local) { return local }
        let exe =
            executablePath.hasPrefix("/")
            ? executablePath : (currentDirectory as NSString).appendingPathComponent(executablePath)
        var dir = (URL(fileURLWithPath: exe).resolvingSymlinksInPath().path as NSString).deletingLastPathComponent
        while true {
            let candidate = (dir as NSString).appendingPathComponent("Samples")
            if isDirectory(candidate) { return candidate }
            let parent = (dir as NSString).deletingLastPathComponent
            if parent == dir || parent.isEmpty { return nil }
            dir = parent
        }
    }

    /// Whether `path` names an existing folder.
    public static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}
