import NNTensor

/// `np.intersect1d`, `np.union1d`, `np.setdiff1d`, `np.setxor1d`: sorted unique values.
extension Builtins {
  nonisolated(unsafe) static let numpySets: [Entry] = [
    (
      "intersect1d", "intersect1d(ar1, ar2): sorted unique values in both",
      { (a) throws(PyError) -> Value in try setOperation(a, "intersect1d") { $0 && $1 } }
    ),
    (
      "union1d", "union1d(ar1, ar2): sorted unique values in either",
      { (a) throws(PyError) -> Value in try setOperation(a, "union1d") { $0 || $1 } }
    ),
    (
      "setdiff1d", "setdiff1d(ar1, ar2): sorted unique values of ar1 not in ar2",
      { (a) throws(PyError) -> Value in try setOperation(a, "setdiff1d") { $0 && !$1 } }
    ),
    (
      "setxor1d", "setxor1d(ar1, ar2): sorted unique values in exactly one",
      { (a) throws(PyError) -> Value in try setOperation(a, "setxor1d") { $0 != $1 } }
    ),
  ]

  /// The unique values of both arrays (in the promoted dtype) that `keep` accepts, given
  /// whether each array holds the value.
  static func setOperation(_ a: Arguments, _ name: String, _ keep: (Bool, Bool) -> Bool) throws(PyError) -> Value {
    try bind(a, name, ["ar1", "ar2", "assume_unique", "return_indices"], required: 2)
    if try a.bool(3, "return_indices", default: false) {
      throw PyError("TypeError", "\(name)(): nn does not support return_indices=True")
    }
    let (x, y) = (try a.array(0, "ar1"), try a.array(1, "ar2"))
    let both = try tensor { () throws(TensorError) in
      try NDArray.concatenate([x.reshaped([x.count]), y.reshaped([y.count])], axis: 0)
    }
    // setdiff1d keeps ar1's dtype, as NumPy's (it indexes ar1).
    let dtype = name == "setdiff1d" ? x.dtype : both.dtype
    let candidates = try tensor { () throws(TensorError) in try both.astype(dtype).unique().values }
    let inFirst = Set(x.astype(dtype).scalars.map(ScalarKey.init))
    let inSecond = Set(y.astype(dtype).scalars.map(ScalarKey.init))
    var kept: [Int] = []
    for (i, s) in candidates.scalars.enumerated()
    where keep(inFirst.contains(ScalarKey(s)), inSecond.contains(ScalarKey(s))) {
      kept.append(i)
    }
    let index = try tensor { () throws(TensorError) in try NDArray(shape: [kept.count], ints: kept.map { Int64($0) }) }
    return try Operators.getItem(.array(candidates), .array(index))
  }
}

/// A hashable element (NaN equal to NaN, as unique's equal_nan).
private struct ScalarKey: Hashable {
  let bits: UInt64
  let kind: Int
  init(_ s: Scalar) {
    switch s {
    case .bool(let b): (bits, kind) = (b ? 1 : 0, 0)
    case .int(let i): (bits, kind) = (UInt64(bitPattern: i), 1)
    case .float(let d): (bits, kind) = (d.isNaN ? Double.nan.bitPattern : (d == 0 ? 0 : d.bitPattern), 2)
    }
  }
}
