import NNTensor

extension Builtins {
  nonisolated(unsafe) static let numpyReductions: [Entry] = []
}

extension Builtins {
  nonisolated(unsafe) static let arrayReductionMethods: [String: Method] = [:]
}
