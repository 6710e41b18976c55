/// Resolving a subscript, after NumPy's `prepare_index` (numpy/_core/src/multiarray/mapping.c):
/// the components are classified one by one (raising their own errors in order), the
/// Ellipsis is sized, and then the subscript picks one of four ways to select elements.

/// One subscript component once classified.
enum PreparedIndex {
  case integer(Int)
  case slice(IndexSlice)
  case newAxis
  /// Stands for `count` whole axes (0 is possible, and still separates advanced indices).
  case ellipsis(count: Int)
  /// An int64 array of indices along one axis.
  case indexArray(NDArray)
  /// A boolean array over as many axes as it has dimensions: its true positions.
  case boolArray(NDArray)
  /// A 0-d boolean: an advanced index over a new axis of length 1 (True) or 0 (False).
  case boolScalar(Bool)

  /// Integers and arrays are "advanced" for placing the broadcast index dimensions.
  var isAdvanced: Bool {
    switch self {
    case .integer, .indexArray, .boolArray, .boolScalar: true
    case .slice, .newAxis, .ellipsis: false
    }
  }
}

extension NDArray {
  /// Resolves a subscript against this array (see `IndexPlan`).
  public func indexPlan(_ indices: [ArrayIndex]) throws(TensorError) -> IndexPlan {
    var items: [PreparedIndex] = []
    items.reserveCapacity(indices.count + 1)
    var used = 0
    var ellipsisAt: Int?
    var integersOnly = true
    var advanced = false
    var newAxis = false
    for index in indices {
      switch index {
      case .single(let i):
        items.append(.integer(i))
        used += 1
      case .slice(let s):
        items.append(.slice(s))
        used += 1
        integersOnly = false
      case .newAxis:
        items.append(.newAxis)
        newAxis = true
        integersOnly = false
      case .ellipsis:
        guard ellipsisAt == nil else {
          throw TensorError(.indexError, "an index can only have a single ellipsis ('...')")
        }
        ellipsisAt = items.count
        items.append(.ellipsis(count: 0))
        integersOnly = false
      case .invalid:
        throw TensorError.invalidIndex
      case .array(let a):
        switch a.dtype {
        case .bool:
          // NumPy's single-mask path: one boolean array of exactly the array's shape.
          if indices.count == 1 && a.shape == shape { return IndexPlan(selection: .mask(a)) }
          integersOnly = false
          advanced = true
          if a.ndim == 0 {
            items.append(.boolScalar(a.item?.doubleValue != 0))
          } else {
            items.append(.boolArray(a))
            used += a.ndim
          }
        case .int64:
          if a.ndim == 0, case .int(let i)? = a.item {
            items.append(.integer(Int(i)))
          } else {
            items.append(.indexArray(a))
            integersOnly = false
            advanced = true
          }
          used += 1
        case .float64:
          throw TensorError.nonIntegerIndexArray
        }
      }
    }
    if used > ndim { throw TensorError.tooManyIndices(ndim: ndim, indexed: used) }
    if used < ndim {
      // Missing axes are taken whole, by the Ellipsis or by one implied at the end.
      if let e = ellipsisAt {
        items[e] = .ellipsis(count: ndim - used)
      } else {
        items.append(.ellipsis(count: ndim - used))
        integersOnly = false
      }
    }
    if advanced || newAxis { try checkBooleanShapes(items) }
    if integersOnly { return IndexPlan(selection: .element(try elementOffset(items))) }
    if !advanced { return IndexPlan(selection: .view(try basicView(items))) }
    return IndexPlan(selection: .gather(try Gather(self, items)))
  }

  /// A boolean index must match, axis by axis, the axes it stands for.
  private func checkBooleanShapes(_ items: [PreparedIndex]) throws(TensorError) {
    var axis = 0
    for item in items {
      switch item {
      case .boolArray(let m):
        // NumPy leaves a boolean axis of length 0 unchecked: it selects nothing anyway.
        for d in 0..<m.ndim where m.shape[d] > 0 && m.shape[d] != shape[axis + d] {
          throw TensorError(
            .indexError,
            "boolean index did not match indexed array along axis \(axis + d); size of axis is \(shape[axis + d]) but size of corresponding boolean axis is \(m.shape[d])"
          )
        }
        axis += m.ndim
      case .ellipsis(let count): axis += count
      case .newAxis, .boolScalar: break
      case .integer, .slice, .indexArray: axis += 1
      }
    }
  }

  private func elementOffset(_ items: [PreparedIndex]) throws(TensorError) -> Int {
    var o = offset
    for (axis, item) in items.enumerated() {
      if case .integer(let i) = item { o &+= try axisOffset(i, axis: axis) }
    }
    return o
  }

  /// Integers, slices, newaxis and Ellipsis: a view on the same storage.
  private func basicView(_ items: [PreparedIndex]) throws(TensorError) -> NDArray {
    var newShape: [Int] = []
    var newStrides: [Int] = []
    newShape.reserveCapacity(ndim + items.count)
    newStrides.reserveCapacity(ndim + items.count)
    var o = offset
    var axis = 0
    for item in items {
      switch item {
      case .integer(let i):
        o &+= try axisOffset(i, axis: axis)
        axis += 1
      case .slice(let s):
        let (start, length, step) = try s.length(count: shape[axis])
        if length > 0 { o &+= start &* strides[axis] }
        newShape.append(length)
        // Offsets wrap (`&`) only in arrays without elements, where they are never used.
        newStrides.append(length > 1 ? strides[axis] &* step : strides[axis])
        axis += 1
      case .newAxis:
        newShape.append(1)
        newStrides.append(0)
      case .ellipsis(let count):
        newShape += shape[axis..<(axis + count)]
        newStrides += strides[axis..<(axis + count)]
        axis += count
      case .indexArray, .boolArray, .boolScalar:
        assertionFailure("advanced index in a basic view")
      }
    }
    return view(shape: newShape, strides: newStrides, offset: o)
  }
}
