import Foundation
import TokenPaceWire

extension BackendSpec {
    /// The API key from the key file (trimmed) or the environment variable, if either is set.
    ///
    /// Errors name the file or variable, never the key.
    public func apiKey(environment: [String: String] = ProcessInfo.processInfo.environment) throws(BackendError)
        -> String?
    {
        if let apiKeyFile {
            let path = (apiKeyFile as NSString).expandingTildeInPath
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .configuration("cannot read the API key file \(apiKeyFile)")
            }
            let key = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard !key.isEmpty else { throw .configuration("the API key file \(apiKeyFile) is empty") }
            return key
        }
        if let apiKeyEnv, let key = environment[apiKeyEnv]?.trimmingCharacters(in: .whitespacesAndNewlines),
            !key.isEmpty
        {
            return key
        }
        return nil
    }

    /// Where the key would come from, for messages such as "HTTP 401 ... (no API key in $X)".
    var apiKeySourceName: String? {
        if let apiKeyFile { return "key file \(apiKeyFile)" }
        return apiKeyEnv.map { "$\($0)" }
    }
}

extension BackendSpec {
    /// The key values the app would send, from every key variable it reads (the defaults and these
    /// specs') and key file: what a trace must never hold, whatever field it turns up in.
    public static func secretValues(
        specs: [BackendSpec] = [], environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> [String] {
        let names = Set(BackendKind.allCases.compactMap(\.defaultAPIKeyEnv) + specs.compactMap(\.apiKeyEnv))
        var out = names.compactMap { environment[$0]?.trimmingCharacters(in: .whitespacesAndNewlines) }
        out += specs.compactMap { try? $0.apiKey(environment: environment) }
        return Array(Set(out.filter { !$0.isEmpty }))
    }
}
