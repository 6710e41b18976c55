import NNTensor
import Testing

@testable import NNLearn

struct FitTests {
  static func data() throws -> (NDArray, NDArray, RandomState) {
    let random = try RandomState(seed: 0)
    let x = try random.randomSample(shape: [50, 3])
    let y = try NDArray(
      shape: [50], doubles: x.doubles.enumerated().compactMap { $0 % 3 == 0 ? ($1 > 0.5 ? 1 : 0) : nil })
    return (x, y, random)
  }

  @Test func progressAfterEveryBatchAndAtEpochEnd() throws {
    let (x, y, random) = try FitTests.data()
    let model = try Sequential(
      sizes: [3, 4, 1], activation: .tanh, output: .sigmoid, initializer: .xavier, random: random)
    var options = FitOptions()
    (options.epochs, options.batchSize, options.loss) = (2, 16, .bce)
    var reports: [FitProgress] = []
    let history = try model.fit(x, y, options: options, random: random, progress: { reports.append($0) })
    // 4 batches (16, 16, 16, 2) and one end-of-epoch report, per epoch.
    #expect(reports.count == 10)
    #expect(reports.filter(\.isEpochEnd).map(\.epoch) == [1, 2])
    #expect(history.loss.count == 2 && history.accuracy.count == 2 && history.stopped == nil)
  }

  @Test func stopRequestEndsAfterTheBatchKeepingFinishedEpochs() throws {
    let (x, y, random) = try FitTests.data()
    let model = try Sequential(sizes: [3, 4, 1], activation: .relu, output: .sigmoid, initializer: .he, random: random)
    var options = FitOptions()
    (options.epochs, options.batchSize) = (5, 10)
    var batches = 0
    let before = model.layers[0].weights.doubles
    let history = try model.fit(
      x, y, options: options, random: random, progress: { if !$0.isEpochEnd { batches += 1 } },
      shouldStop: { batches == 7 })
    #expect(history.stopped?.epoch == 2 && history.stopped?.batch == 2 && history.stopped?.batches == 5)
    #expect(history.loss.count == 1)
    #expect(model.layers[0].weights.doubles != before)
  }
}
