import Foundation

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
