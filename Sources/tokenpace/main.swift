import ArgumentParser
import Foundation

// Usage errors exit with 2 (not ArgumentParser's 64) so scripts can tell bad input from failures.
do {
    var command = try Tokenpace.parseAsRoot()
    if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
    } else {
        try command.run()
    }
} catch {
    let code = Tokenpace.exitCode(for: error)
    if code == .success || error is ExitCode {
        Tokenpace.exit(withError: error)
    }
    FileHandle.standardError.write(Data((Tokenpace.fullMessage(for: error) + "\n").utf8))
    exit(2)
}
