import ArgumentParser
import Foundation

// Usage errors exit with 2 (not ArgumentParser's 64) so scripts can tell bad input from failures.
await Entry.main()

enum Entry {
    static func main() async {
        do {
            var command = try await Tokenpace.asyncParseAsRoot()
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
            FileHandle.standardError.write(Data(("tokenpace: " + Tokenpace.message(for: error) + "\n").utf8))
            exit(2)
        }
    }
}
