import NNTensor

extension Builtins {
  nonisolated(unsafe) static let numpyIndexing: [Entry] = []
}
