import NNTensor

extension Builtins {
  nonisolated(unsafe) static let numpyMath: [Entry] = []
}

extension Builtins {
  nonisolated(unsafe) static let arrayMathMethods: [String: Method] = [:]
}
