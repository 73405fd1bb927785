import Foundation
import TokenPaceCore
import TokenPaceView

/// Finds the samples folder and picks the sample a run asks for.
public struct SampleCatalog {
    public var samples: [Sample]
    public var directory: String?

    public static func load(samplesDir: String?) throws -> SampleCatalog {
        let env = ProcessInfo.processInfo.environment
        let dir =
            samplesDir
            ?? SampleLibrary.locateDirectory(
                executablePath: executablePath(), currentDirectory: FileManager.default.currentDirectoryPath,
                environment: env)
        guard let dir else {
            throw ValueError("no Samples folder found: pass --samples-dir or set TOKENPACE_SAMPLES")
        }
        do {
            let lib = try SampleLibrary(directory: dir)
            return SampleCatalog(samples: lib.samples, directory: dir)
        } catch {
            throw ValueError(String(describing: error))
        }
    }

    /// `--sample` (name or path) wins; else the first sample of `--task`; else the first chat sample.
    public func choose(sample: String?, task: TaskKind?) throws -> Sample {
        if let sample {
            let looksLikePath = sample.contains("/") || sample.hasSuffix(".md")
            if looksLikePath || FileManager.default.fileExists(atPath: sample) {
                guard FileManager.default.fileExists(atPath: sample) else {
                    throw ValueError("sample file \(sample) does not exist")
                }
                do {
                    let s = try SampleLibrary.load(path: sample)
                    if let task, s.task != task {
                        throw ValueError("sample \(sample) is a \(s.task.rawValue) sample, not \(task.rawValue)")
                    }
                    return s
                } catch let e as ValueError {
                    throw e
                } catch {
                    throw ValueError(String(describing: error))
                }
            }
            guard let s = samples.first(where: { $0.id == sample }) else {
                let names = samples.map(\.id).joined(separator: ", ")
                throw ValueError("unknown sample \"\(sample)\"; samples: \(names)")
            }
            return s
        }
        let wanted = task ?? .chat
        guard let s = samples.first(where: { $0.task == wanted }) else {
            throw ValueError("no \(wanted.rawValue) sample in \(directory ?? "the samples folder")")
        }
        return s
    }
}

/// Finds and reads a theme by name or path.
public enum ThemeCatalog {
    public static func directory(_ themesDir: String?) -> String? {
        themesDir
            ?? ThemeLoader.locateDirectory(
                executablePath: executablePath(), currentDirectory: FileManager.default.currentDirectoryPath,
                environment: ProcessInfo.processInfo.environment)
    }

    public static func load(_ nameOrPath: String, themesDir: String?) throws -> Theme {
        do {
            return try ThemeLoader.load(nameOrPath: nameOrPath, themesDirectory: directory(themesDir))
        } catch {
            throw ValueError(String(describing: error))
        }
    }
}

/// The running binary's path (for finding Samples/ and Themes/ next to a checkout's build folder).
public func executablePath() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
}

/// The traces shipped in `Samples/traces`, found the way samples are (`$TOKENPACE_SAMPLES`, `./Samples`,
/// next to the executable), so `trace:NAME` works from any folder.
public enum TraceCatalog {
    /// Folders that may hold shipped traces, the samples folder's first.
    public static func directories() -> [String] {
        let exe = executablePath()
        let found = [
            SampleLibrary.locateDirectory(
                executablePath: exe, currentDirectory: FileManager.default.currentDirectoryPath,
                environment: ProcessInfo.processInfo.environment),
            // Next to the executable even when the current folder has a Samples folder of its own.
            SampleLibrary.locateDirectory(executablePath: exe, currentDirectory: "/nonexistent", environment: [:]),
        ].compactMap { $0.map { ($0 as NSString).appendingPathComponent("traces") } }
        var out: [String] = []
        for dir in found where !out.contains(dir) && SampleLibrary.isDirectory(dir) { out.append(dir) }
        return out
    }

    /// `path` itself when it exists or names a folder; a bare name (`NAME` or `NAME.jsonl`) is looked
    /// up among the shipped traces.
    public static func resolve(_ path: String) -> String {
        guard !FileManager.default.fileExists(atPath: path), !path.contains("/") else { return path }
        for dir in directories() {
            for name in [path, path + ".jsonl"] {
                let candidate = (dir as NSString).appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
            }
        }
        return path
    }

    /// The shipped traces' paths, by name.
    public static func shipped() -> [String] {
        var seen: Set<String> = []
        var out: [String] = []
        for dir in directories() {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter {
                $0.hasSuffix(".jsonl")
            }
            for name in names.sorted() where seen.insert(name).inserted {
                out.append((dir as NSString).appendingPathComponent(name))
            }
        }
        return out
    }

    /// Reads and checks a trace file (a bare name may be one of the shipped traces); errors read
    /// `path:line: message`.
    public static func read(_ name: String) throws(ValueError) -> Trace {
        let path = resolve(name)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValueError(
                FileManager.default.fileExists(atPath: path) ? "\(path): cannot read the file" : "\(path): no such file"
            )
        }
        do {
            return try TraceFile.parse(TraceFile.text(Array(data), path: path), path: path)
        } catch {
            throw ValueError(error.description)
        }
    }
}

/// The hardware catalog for `hw:` panes and `estimate`: a path given, or `Samples/hardware.yaml`
/// found like the samples (`$TOKENPACE_HARDWARE`, `./Samples`, next to the binary).
public enum HardwareCatalogFile {
    public static func load(_ path: String?) throws(ValueError) -> HardwareCatalog {
        let found =
            path
            ?? HardwareCatalog.defaultPath(
                environment: ProcessInfo.processInfo.environment,
                currentDirectory: FileManager.default.currentDirectoryPath, executablePath: executablePath())
        guard let found else {
            throw ValueError("Samples/hardware.yaml not found for hw: panes; pass --catalog or set TOKENPACE_HARDWARE")
        }
        do {
            return try HardwareCatalog.load(path: found)
        } catch {
            throw ValueError(error.description)
        }
    }
}

/// Reading and writing the text files commands take, with errors that name the file.
public enum TextFile {
    public static func read(_ path: String) throws(ValueError) -> String {
        guard FileManager.default.fileExists(atPath: path) else { throw ValueError("\(path): no such file") }
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ValueError("\(path): cannot read as UTF-8 text")
        }
    }

    public static func write(_ text: String, to path: String) throws(ValueError) {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ValueError("\(path): cannot write (\(error.localizedDescription))")
        }
    }
}

extension TaskKind {
    /// The one task parser: `chat`, `code`, `reasoning`, `summarize`, `agent` (any case).
    public static func parse(_ name: String) throws(ValueError) -> TaskKind {
        guard let t = TaskKind(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw ValueError("unknown task \"\(name)\"; tasks: \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return t
    }
}
