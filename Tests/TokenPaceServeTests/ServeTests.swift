import Testing
@testable import TokenPaceServe
