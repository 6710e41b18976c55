import Foundation

extension NDArray {
  /// Writes `source` (same shape, any dtype, any layout) into this array's elements in C order.
  /// The joins, repeats and rolls build their results with it, one block at a time.
  func copyElements(from source: NDArray) {
    assert(source.shape == shape)
    guard count > 0 else { return }
    let src = source.dtype == dtype ? source : source.astype(dtype)
    if dtype.itemSize == 1 {
      stridedCopy(UInt8.self, from: src)
    } else {
      stridedCopy(UInt64.self, from: src)
    }
  }

  /// Copies bit patterns of width `T`: trailing axes that are contiguous in both arrays
  /// become one `memcpy` run; otherwise the innermost axis is walked element by element.
  private func stridedCopy<T>(_: T.Type, from src: NDArray) {
    let n = ndim
    var run = 1
    var k = n
    while k > 0 {
      let d = shape[k - 1]
      if d != 1 && (src.strides[k - 1] != run || strides[k - 1] != run) { break }
      run *= d
      k -= 1
    }
    let ps = src.storage.raw.assumingMemoryBound(to: T.self)
    let pd = storage.raw.assumingMemoryBound(to: T.self)
    let size = MemoryLayout<T>.stride
    if k == 0 {
      memcpy(pd + offset, ps + src.offset, run * size)
      return
    }
    // k > 0: the outer axes are 0..<k; with run == 1 the innermost of them is walked directly.
    let inner = run > 1 ? 1 : shape[k - 1]
    let outerAxes = run > 1 ? k : k - 1
    let si = run > 1 ? 0 : src.strides[k - 1]
    let di = run > 1 ? 0 : strides[k - 1]
    var index = [Int](repeating: 0, count: outerAxes)
    var so = src.offset
    var dO = offset
    while true {
      if run > 1 {
        memcpy(pd + dO, ps + so, run * size)
      } else {
        var s = so
        var d = dO
        for _ in 0..<inner {
          pd[d] = ps[s]
          s += si
          d += di
        }
      }
      var axis = outerAxes - 1
      while axis >= 0 {
        index[axis] += 1
        so += src.strides[axis]
        dO += strides[axis]
        if index[axis] < shape[axis] { break }
        so -= src.strides[axis] * shape[axis]
        dO -= strides[axis] * shape[axis]
        index[axis] = 0
        axis -= 1
      }
      if axis < 0 { return }
    }
  }

  /// The block of this array from `start` to `start + length` along `axis`, a view.
  func slab(axis: Int, start: Int, length: Int) -> NDArray {
    var s = shape
    s[axis] = length
    return view(shape: s, strides: strides, offset: length > 0 ? offset + start * strides[axis] : offset)
  }
}
