// The tensor-core half of `scripts/bench tensor`: times the same operations as
// scripts/bench_numpy.py, and prints one `name seconds-per-call` line each (median of runs).
import Foundation
import NNTensor

func median(_ xs: [Double]) -> Double {
  let s = xs.sorted()
  return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Runs `body` `inner` times per sample, `samples` samples, after a warm-up; seconds per call.
func measure(_ name: String, samples: Int = 7, inner: Int = 1, _ body: () throws -> Void) rethrows {
  try body()
  var times: [Double] = []
  let clock = ContinuousClock()
  for _ in 0..<samples {
    let start = clock.now
    for _ in 0..<inner { try body() }
    let d = clock.now - start
    times.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
  }
  print(name, median(times) / Double(inner))
}

let only = CommandLine.arguments.dropFirst().first
func wanted(_ name: String) -> Bool { only == nil || name.hasPrefix(only!) }

let rs = RandomState()
try rs.seed(0)
BLAS.useOneThread()

if wanted("matmul") {
  let a = try rs.randomSample(shape: [1024, 1024])
  let b = try rs.randomSample(shape: [1024, 1024])
  try measure("matmul_1024", samples: 5) { _ = try NDArray.matmul(a, b) }
}
if wanted("elementwise") || wanted("sigmoid") || wanted("broadcast") {
  let a = try rs.randomSample(shape: [10_000_000])
  let b = try rs.randomSample(shape: [10_000_000])
  if wanted("elementwise") {
    try measure("add_1e7", samples: 5) { _ = try NDArray.apply(.add, a, b) }
    try measure("exp_1e7", samples: 5) { _ = try a.map(.exp) }
  }
  if wanted("sigmoid") { try measure("sigmoid_1e7", samples: 5) { _ = try a.map(.sigmoid) } }
  if wanted("broadcast") {
    let m = try a.reshaped([10_000, 1000])
    let row = try rs.randomSample(shape: [1000])
    try measure("broadcast_add_1e4x1e3", samples: 5) { _ = try NDArray.apply(.add, m, row) }
  }
}
if wanted("reduce") {
  let m = try rs.randomSample(shape: [10_000, 1000])
  try measure("sum_1e4x1e3", samples: 5) { _ = try m.reduce(.sum, axes: nil) }
  try measure("mean_axis0_1e4x1e3", samples: 5) { _ = try m.reduce(.mean, axes: [0]) }
}
if wanted("tiny") {
  let A = try NDArray(shape: [3, 3], doubles: [5, 1, -1, 2, -1, 1, 1, 3, -2])
  let x = try NDArray(shape: [3], doubles: [0.5, 0.25, 0.125])
  let y = try NDArray(shape: [3], doubles: [1, 4, 0])
  try measure("tiny_matvec_3x3", samples: 9, inner: 100_000) { _ = try NDArray.matmul(A, x) }
  try measure("tiny_add_3", samples: 9, inner: 100_000) { _ = try NDArray.apply(.add, x, y) }
  try measure("tiny_mean_3", samples: 9, inner: 100_000) { _ = try x.reduce(.mean, axes: nil) }
}
