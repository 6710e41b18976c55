import NNTensor

extension Builtins {
  nonisolated(unsafe) static let numpyShape: [Entry] = []
}

extension Builtins {
  nonisolated(unsafe) static let arrayShapeMethods: [String: Method] = [:]
}
