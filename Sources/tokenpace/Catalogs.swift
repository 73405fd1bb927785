import ArgumentParser
import Foundation
import TokenPaceCore
import TokenPaceView

/// Finds the samples folder and picks the sample a run asks for.
struct SampleCatalog {
    var samples: [Sample]
    var directory: String?

    static func load(samplesDir: String?) throws -> SampleCatalog {
        let env = ProcessInfo.processInfo.environment
        let dir =
            samplesDir
            ?? SampleLibrary.locateDirectory(
                executablePath: executablePath(), currentDirectory: FileManager.default.currentDirectoryPath,
                environment: env)
        guard let dir else {
            throw ValidationError("no Samples folder found: pass --samples-dir or set TOKENPACE_SAMPLES")
        }
        do {
            let lib = try SampleLibrary(directory: dir)
            return SampleCatalog(samples: lib.samples, directory: dir)
        } catch {
            throw ValidationError(String(describing: error))
        }
    }

    /// `--sample` (name or path) wins; else the first sample of `--task`; else the first chat sample.
    func choose(sample: String?, task: TaskKind?) throws -> Sample {
        if let sample {
            let looksLikePath = sample.contains("/") || sample.hasSuffix(".md")
            if looksLikePath || FileManager.default.fileExists(atPath: sample) {
                guard FileManager.default.fileExists(atPath: sample) else {
                    throw ValidationError("sample file \(sample) does not exist")
                }
                do {
                    let s = try SampleLibrary.load(path: sample)
                    if let task, s.task != task {
                        throw ValidationError("sample \(sample) is a \(s.task.rawValue) sample, not \(task.rawValue)")
                    }
                    return s
                } catch let e as ValidationError {
                    throw e
                } catch {
                    throw ValidationError(String(describing: error))
                }
            }
            guard let s = samples.first(where: { $0.id == sample }) else {
                let names = samples.map(\.id).joined(separator: ", ")
                throw ValidationError("unknown sample \"\(sample)\"; samples: \(names)")
            }
            return s
        }
        let wanted = task ?? .chat
        guard let s = samples.first(where: { $0.task == wanted }) else {
            throw ValidationError("no \(wanted.rawValue) sample in \(directory ?? "the samples folder")")
        }
        return s
    }
}

/// Finds and reads a theme by name or path.
enum ThemeCatalog {
    static func directory(_ themesDir: String?) -> String? {
        themesDir
            ?? ThemeLoader.locateDirectory(
                executablePath: executablePath(), currentDirectory: FileManager.default.currentDirectoryPath,
                environment: ProcessInfo.processInfo.environment)
    }

    static func load(_ nameOrPath: String, themesDir: String?) throws -> Theme {
        do {
            return try ThemeLoader.load(nameOrPath: nameOrPath, themesDirectory: directory(themesDir))
        } catch {
            throw ValidationError(String(describing: error))
        }
    }
}

/// The running binary's path (for finding Samples/ and Themes/ next to a checkout's build folder).
func executablePath() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
}

/// The traces shipped in `Samples/traces`, found the way samples are (`$TOKENPACE_SAMPLES`, `./Samples`,
/// next to the executable), so `trace:NAME` works from any folder.
enum TraceCatalog {
    /// Folders that may hold shipped traces, the samples folder's first.
    static func directories() -> [String] {
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
    static func resolve(_ path: String) -> String {
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
    static func shipped() -> [String] {
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
}
