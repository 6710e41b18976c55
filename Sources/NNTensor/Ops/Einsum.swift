import Foundation

/// `np.einsum`: Einstein summation by one loop over the whole index space, accumulating each
/// output element in the order NumPy's unoptimized `c_einsum` does (the summed indices
/// innermost, in increasing order).
extension NDArray {
  public static func einsum(_ subscripts: String, _ operands: [NDArray]) throws(TensorError) -> NDArray {
    let (inputs, output) = try parseEinsum(subscripts, operandCount: operands.count)
    var sizes: [Character: Int] = [:]
    for (labels, x) in zip(inputs, operands) {
      guard labels.count == x.ndim else {
        throw TensorError(
          .valueError,
          "einstein sum subscripts string contains too \(labels.count > x.ndim ? "many" : "few") subscripts for operand \(operands.firstIndex { $0 === x } ?? 0)"
        )
      }
      for (label, n) in zip(labels, x.shape) {
        if let known = sizes[label], known != n, known != 1, n != 1 {
          throw TensorError(
            .valueError,
            "operands could not be broadcast together with remapped shapes [original->remapped]: "
              + zip(inputs, operands).map { TensorError.compact($0.1.shape) + "->" + TensorError.compact($0.1.shape) }
              .joined(separator: " "))
        }
        sizes[label] = max(sizes[label] ?? n, n)
      }
    }
    var summed = sizes.keys.filter { !output.contains($0) }.sorted()
    let run = contiguousRun(inputs, operands, summed: summed, sizes: sizes)
    if let run { summed = run }
    let labels = output + summed
    let extents = labels.map { sizes[$0] ?? 1 }
    let dtype = operands.map(\.dtype).max() ?? .float64
    // Bools are summed as ints, then cast back (NumPy's einsum on bools is a logical or of ands).
    let work: DType = dtype == .bool ? .int64 : dtype
    let converted = operands.map { $0.dtype == work ? $0 : $0.astype(work) }
    // Each operand's stride along each label (0 where it lacks the label or has size 1).
    let strides: [[Int]] = zip(inputs, converted).map { (input, x) in
      labels.map { label in
        var s = 0
        for (axis, l) in input.enumerated() where l == label && x.shape[axis] != 1 { s += x.strides[axis] }
        return s
      }
    }
    let outShape = output.map { sizes[$0] ?? 1 }
    let outCount = outShape.reduce(1, *)
    var innerCount = 1
    for label in summed {
      let (n, overflow) = innerCount.multipliedReportingOverflow(by: sizes[label] ?? 1)
      guard !overflow else { throw TensorError(.valueError, "einsum: the summed index space is too large") }
      innerCount = n
    }
    let result = try NDArray.zeros(outShape, dtype: work)
    guard outCount > 0 else { return dtype == work ? result : result.astype(dtype) }
    var index = [Int](repeating: 0, count: labels.count)
    var offsets = converted.map(\.offset)
    func advance() {
      var axis = labels.count - 1
      while axis >= 0 {
        index[axis] += 1
        for k in 0..<offsets.count { offsets[k] += strides[k][axis] }
        if index[axis] < extents[axis] { return }
        for k in 0..<offsets.count { offsets[k] -= strides[k][axis] * extents[axis] }
        index[axis] = 0
        axis -= 1
      }
    }
    if work == .float64 {
      let out = result.pointer(Double.self)
      let ps = converted.map { $0.pointer(Double.self) }
      for o in 0..<outCount {
        if run != nil {
          out[o] =
            ps.count == 1
            ? laneSum(ps[0] + offsets[0], innerCount)
            : laneDot(ps[0] + offsets[0], ps[1] + offsets[1], innerCount)
          for _ in 0..<innerCount { advance() }
          continue
        }
        var total = 0.0
        for _ in 0..<innerCount {
          var product = 1.0
          for k in 0..<ps.count { product *= ps[k][offsets[k]] }
          total += product
          advance()
        }
        out[o] = total
      }
    } else {
      let out = result.pointer(Int64.self)
      let ps = converted.map { $0.pointer(Int64.self) }
      for o in 0..<outCount {
        var total: Int64 = 0
        for _ in 0..<innerCount {
          var product: Int64 = 1
          for k in 0..<ps.count { product = product &* ps[k][offsets[k]] }
          total = total &+ product
          advance()
        }
        out[o] = total
      }
    }
    return dtype == work ? result : result.astype(dtype)
  }

  /// When every operand (one or two, float64) holds all the summed labels as its trailing,
  /// C-contiguous axes in one order, NumPy's inner loop is a contiguous reduction with two
  /// SIMD lanes (`sum_of_arr`, `contig_contig_outstride0_two`): that order, else nil.
  static func contiguousRun(
    _ inputs: [[Character]], _ operands: [NDArray], summed: [Character], sizes: [Character: Int]
  ) -> [Character]? {
    guard !summed.isEmpty, operands.count <= 2, operands.allSatisfy({ $0.dtype == .float64 }),
      let first = inputs.first, first.count >= summed.count
    else { return nil }
    let order = Array(first.suffix(summed.count))
    guard Set(order) == Set(summed) else { return nil }
    for (input, x) in zip(inputs, operands) {
      guard Set(input).count == input.count, Array(input.suffix(order.count)) == order,
        Set(input.dropLast(order.count)).isDisjoint(with: order)
      else { return nil }
      var expected = 1
      for axis in stride(from: x.ndim - 1, through: x.ndim - order.count, by: -1) {
        guard x.shape[axis] == sizes[input[axis]], x.shape[axis] == 1 || x.strides[axis] == expected else { return nil }
        expected *= x.shape[axis]
      }
    }
    return order
  }

  /// NumPy's `sum_of_arr` on 128-bit vectors: two lanes, blocks of eight added pairwise.
  static func laneSum(_ p: UnsafeMutablePointer<Double>, _ n: Int) -> Double {
    var lanes = (0.0, 0.0)
    var i = 0
    while n - i >= 8 {
      lanes.0 = ((p[i] + p[i + 2]) + (p[i + 4] + p[i + 6])) + lanes.0
      lanes.1 = ((p[i + 1] + p[i + 3]) + (p[i + 5] + p[i + 7])) + lanes.1
      i += 8
    }
    while i < n {
      lanes.0 = p[i] + lanes.0
      if i + 1 < n { lanes.1 = p[i + 1] + lanes.1 }
      i += 2
    }
    return 0.0 + (lanes.0 + lanes.1)
  }

  /// NumPy's `contig_contig_outstride0_two` on 128-bit vectors without FMA: two lanes, each
  /// block of eight accumulated from its last pair to its first.
  static func laneDot(_ a: UnsafeMutablePointer<Double>, _ b: UnsafeMutablePointer<Double>, _ n: Int) -> Double {
    var lanes = (0.0, 0.0)
    var i = 0
    while n - i >= 8 {
      for l in 0..<2 {
        var acc = l == 0 ? lanes.0 : lanes.1
        acc = a[i + 6 + l] * b[i + 6 + l] + acc
        acc = a[i + 4 + l] * b[i + 4 + l] + acc
        acc = a[i + 2 + l] * b[i + 2 + l] + acc
        acc = a[i + l] * b[i + l] + acc
        if l == 0 { lanes.0 = acc } else { lanes.1 = acc }
      }
      i += 8
    }
    while i < n {
      lanes.0 = a[i] * b[i] + lanes.0
      if i + 1 < n { lanes.1 = a[i + 1] * b[i + 1] + lanes.1 }
      i += 2
    }
    return 0.0 + (lanes.0 + lanes.1)
  }

  /// `'ij,jk->ik'` into each operand's labels and the output's; without `->`, the output is the
  /// labels that appear once, in alphabetical order.
  static func parseEinsum(
    _ subscripts: String, operandCount: Int
  ) throws(TensorError) -> ([[Character]], [Character]) {
    let text = subscripts.filter { $0 != " " }
    if text.contains(".") {
      throw TensorError(.valueError, "nn's einsum does not support '...' (ellipsis) subscripts")
    }
    let sides = text.components(separatedBy: "->")
    guard sides.count <= 2 else {
      throw TensorError(.valueError, "einstein sum subscript string does not contain proper '->' output specified")
    }
    let inputs = sides[0].split(separator: ",", omittingEmptySubsequences: false).map { Array($0) }
    guard inputs.count == operandCount else {
      throw TensorError(
        .valueError,
        inputs.count > operandCount
          ? "more operands provided to einstein sum function than specified in the subscripts string"
          : "fewer operands provided to einstein sum function than specified in the subscripts string")
    }
    for label in inputs.joined() where !label.isLetter || !label.isASCII {
      throw TensorError(
        .valueError, "invalid subscript '\(label)' in einstein sum subscripts string, subscripts must be letters")
    }
    if sides.count == 2 {
      let output = Array(sides[1])
      for label in output {
        guard label.isLetter && label.isASCII else {
          throw TensorError(
            .valueError, "invalid subscript '\(label)' in einstein sum subscripts string, subscripts must be letters")
        }
        guard output.filter({ $0 == label }).count == 1 else {
          throw TensorError(
            .valueError, "einstein sum subscripts string includes output subscript '\(label)' multiple times")
        }
        guard inputs.joined().contains(label) else {
          throw TensorError(
            .valueError,
            "einstein sum subscripts string included output subscript '\(label)' which never appeared in an input")
        }
      }
      return (inputs, output)
    }
    var counts: [Character: Int] = [:]
    for label in inputs.joined() { counts[label, default: 0] += 1 }
    // NumPy orders implicit output labels as ASCII: upper case before lower case.
    return (inputs, counts.filter { $0.value == 1 }.keys.sorted())
  }
}
