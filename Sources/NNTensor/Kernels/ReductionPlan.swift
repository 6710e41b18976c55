/// The order in which NumPy's reduction machinery visits the elements (its nditer with
/// buffering), so that float sums round exactly as NumPy's do.
///
/// NumPy sorts the axes by stride, merges axes that walk memory as one, then picks how much
/// to hand the inner loop at once: one run along the innermost axis, or (when the input must
/// be copied into a buffer, because it needs a cast or its elements are not one strided run)
/// up to 8192 elements gathered across several axes. The add loop sums each run it is given
/// pairwise and adds that to the output, so the runs decide the rounding.
struct ReductionPlan {
  /// One iteration axis after sorting and merging, innermost first. Strides are in elements.
  struct Dim: Equatable {
    var shape: Int
    var input: Int
    var output: Int
  }

  /// NumPy's buffer size (`NPY_BUFSIZE`).
  static let bufferLimit = 8192

  var dims: [Dim]
  /// NumPy's `outerdim`: the inner loop covers the axes below it (reduce mode) or up to and
  /// including it (otherwise).
  var outerDim = 0
  var coreSize = 1
  /// Elements per inner-loop call in the normal mode.
  var bufferSize = 1
  /// NumPy's "reduce mode": one inner-loop call per core, repeated along `outerDim`.
  var reduceMode = false
  /// Whether the input is copied into a contiguous buffer (cast, or not one strided run).
  var inputBuffered = false
  /// The result's strides for each axis of the input (0 on reduced axes): its layout follows
  /// the input's memory order, as NumPy allocates it.
  var resultStrides: [Int]
  var resultCount: Int

  /// - Parameters:
  ///   - strides: the input's strides, in elements.
  ///   - reduced: for each axis, whether it is reduced.
  ///   - casts: whether the input is converted to another dtype on the way in.
  init(shape: [Int], strides: [Int], reduced: [Bool], casts: Bool) {
    let ndim = shape.count
    let order = IterationOrder.axesInnerFirst(shape, [strides])
    // The result: gap-free over the kept axes, in iteration order.
    var resultStrides = [Int](repeating: 0, count: ndim)
    var step = 1
    for axis in order where !reduced[axis] {
      resultStrides[axis] = shape[axis] == 1 ? 0 : step
      step &*= shape[axis]
    }
    self.resultStrides = resultStrides
    resultCount = step
    var sorted: [Dim] = order.map { axis in
      Dim(
        shape: shape[axis], input: shape[axis] == 1 ? 0 : strides[axis],
        output: shape[axis] == 1 ? 0 : resultStrides[axis])
    }
    if sorted.isEmpty { sorted = [Dim(shape: 1, input: 0, output: 0)] }
    dims = ReductionPlan.coalesced(sorted)
    findBuffering(reduces: reduced.contains(true), casts: casts)
  }

  /// Merges neighbouring axes that every operand walks as one run (NumPy's coalescing).
  static func coalesced(_ dims: [Dim]) -> [Dim] {
    var result = [dims[0]]
    for d in dims.dropFirst() {
      var p = result[result.count - 1]
      func joins(_ a: Int, _ b: Int) -> Bool {
        (p.shape == 1 && a == 0) || (d.shape == 1 && b == 0) || a &* p.shape == b
      }
      if joins(p.input, d.input) && joins(p.output, d.output) {
        if p.input == 0 { p.input = d.input }
        if p.output == 0 { p.output = d.output }
        p.shape &*= d.shape
        result[result.count - 1] = p
      } else {
        result.append(d)
      }
    }
    return result
  }

  /// NumPy's `npyiter_find_buffering_setup` for two operands: the output (a reduction
  /// operand, never cast) and the input.
  private mutating func findBuffering(reduces: Bool, casts: Bool) {
    let limit = ReductionPlan.bufferLimit
    var cost = casts ? 2 : 1
    var singleOut = 1
    var singleIn = 1
    var outerReduceDim = 0
    var size = dims[0].shape
    var best = (dim: 0, cost: cost, size: size, core: 1)
    var idim = 1
    while idim < dims.count {
      if outerReduceDim != 0 { break }
      if size >= limit && cost > 1 { break }
      let prev = dims[idim - 1]
      let cur = dims[idim]
      // The output.
      if singleOut == idim && prev.output &* prev.shape == cur.output {
        singleOut += 1
      } else {
        if singleOut == idim { cost += 1 }
        if reduces && (cur.output == 0 || prev.output == 0) {
          outerReduceDim = idim
        }
      }
      // The input (a read-only operand is never the reduction operand).
      if singleIn == idim {
        if prev.input &* prev.shape == cur.input {
          singleIn += 1
        } else if !casts {
          cost += 1
        }
      }
      let core = size
      size &*= cur.shape
      if size == 0 { break }
      let bufsize = size > limit && cost > 1 ? limit : size
      if Double(cost) * Double(best.size) <= Double(best.cost) * Double(bufsize) {
        best = (idim, cost, size, core)
      }
      idim += 1
    }
    let usesReduce = outerReduceDim != 0 && best.dim == outerReduceDim
    // The output is never cast, and it is always one strided run over the chosen core; only
    // the input may need a buffer.
    var inReduceOp = false
    if usesReduce {
      if singleIn == best.dim && !casts {
        inReduceOp = true
      } else if dims[outerReduceDim].input == 0 && singleIn <= best.dim {
        inReduceOp = true
      }
    }
    inputBuffered = casts || !(singleIn + (inReduceOp ? 1 : 0) > best.dim)
    var bufferSize = best.size
    if inputBuffered && limit < bufferSize { bufferSize = best.core * (limit / best.core) }
    outerDim = best.dim
    coreSize = best.core
    reduceMode = usesReduce
    self.bufferSize = Swift.max(bufferSize, 1)
  }
}

extension ReductionPlan {
  /// Calls `body(inputOffset, outputOffset, inputStride, outputStride, count)` for each inner-loop
  /// call NumPy makes, in order. When the input is buffered, `gather` is called first with the
  /// offsets of the elements (in iteration order) that the buffer holds.
  func forEachCall(
    inputOffset: Int,
    gather: (_ offsets: UnsafeBufferPointer<Int>) -> Void,
    _ body: (_ input: Int, _ output: Int, _ inputStride: Int, _ outputStride: Int, _ count: Int) -> Void
  ) {
    let blockEnd = reduceMode ? outerDim : outerDim + 1
    let block = Array(dims[..<blockEnd])
    let outer = Array(dims[blockEnd...])
    let blockCount = block.reduce(1) { $0 &* $1.shape }
    let chunk = reduceMode ? coreSize : bufferSize
    // Offsets of a block's elements relative to its start, in iteration order (only when buffered).
    var relative: [Int] = []
    if inputBuffered {
      relative.reserveCapacity(blockCount)
      ReductionPlan.walk(block, base: 0) { relative.append($0) }
    }
    let innerIn = dims[0].input
    let innerOut = dims[0].output
    relative.withUnsafeBufferPointer { rel in
      var scratch = [Int](repeating: 0, count: inputBuffered ? chunk : 0)
      scratch.withUnsafeMutableBufferPointer { buf in
        ReductionPlan.walkPairs(outer, inputOffset, 0) { inBase, outBase in
          var start = 0
          while start < blockCount {
            let n = Swift.min(chunk, blockCount - start)
            // The output is one strided run over every chunk NumPy hands the loop.
            let outStart = outBase + outputOffset(ofBlockPosition: start, block)
            if inputBuffered {
              for i in 0..<n { buf[i] = inBase + rel[start + i] }
              gather(UnsafeBufferPointer(rebasing: buf[0..<n]))
              body(0, outStart, 1, innerOut, n)
            } else {
              body(inBase + start * innerIn, outStart, innerIn, innerOut, n)
            }
            start += n
          }
        }
      }
    }
  }

  /// The output offset of the element at a flat position within a block.
  private func outputOffset(ofBlockPosition position: Int, _ block: [Dim]) -> Int {
    var rest = position
    var o = 0
    for d in block {
      o += (rest % d.shape) * d.output
      rest /= d.shape
    }
    return o
  }

  /// Input offsets of every element of `dims` (innermost first), in iteration order.
  static func walk(_ dims: [Dim], base: Int, _ body: (Int) -> Void) {
    walkPairs(dims, base, 0) { i, _ in body(i) }
  }

  /// (input, output) offsets of every element of `dims` (innermost first), in iteration order.
  static func walkPairs(_ dims: [Dim], _ inBase: Int, _ outBase: Int, _ body: (Int, Int) -> Void) {
    if dims.isEmpty {
      body(inBase, outBase)
      return
    }
    for d in dims where d.shape == 0 {
      _ = d
      return
    }
    var index = [Int](repeating: 0, count: dims.count)
    var i = inBase
    var o = outBase
    while true {
      body(i, o)
      var k = 0
      while k < dims.count {
        index[k] += 1
        i += dims[k].input
        o += dims[k].output
        if index[k] < dims[k].shape { break }
        i -= dims[k].input * dims[k].shape
        o -= dims[k].output * dims[k].shape
        index[k] = 0
        k += 1
      }
      if k == dims.count { return }
    }
  }
}
