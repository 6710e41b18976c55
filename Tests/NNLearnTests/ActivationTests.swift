import NNTensor
import Testing

@testable import NNLearn

struct ActivationTests {
  @Test func sigmoidIsOverflowSafe() throws {
    let x = try NDArray(shape: [3], doubles: [-1000, 0, 1000])
    let y = try Activation.sigmoid(x).doubles
    #expect(y == [0, 0.5, 1])
  }

  @Test func reluClampsNegatives() throws {
    let x = try NDArray(shape: [3], doubles: [-2, 0, 3])
    #expect(try Activation.relu(x).doubles == [0, 0, 3])
  }
}
