import Foundation
import Testing

@testable import NNTensor

// Products and linear algebra against NumPy 2.4. The fixtures come from
// scripts/fixtures/linalg.py: random inputs and NumPy's results, recomputed here through the
// same views. Products, norms and SVD-based results are compared bit for bit. solve, inv and
// eigvalsh go through LAPACK routines whose low bits differ between Debian's OpenBLAS 0.3.21
// (ours) and the 0.3.31 NumPy bundles (from n ≈ 14 for dgesv, any n for dsyevd), so those are
// exact only where the two libraries agree and otherwise held to a relative 1e-12.

private struct Fixture: Sendable {
  let sections: [String: (shape: [Int], values: [Double])]

  init(_ name: String) {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/linalg/\(name).txt")
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    var sections: [String: (shape: [Int], values: [Double])] = [:]
    var lines = text.split(separator: "\n").makeIterator()
    var current = ""
    while let line = lines.next() {
      if line.hasPrefix("# ") {
        current = String(line.dropFirst(2))
        let shape = lines.next().map { $0 == "-" ? [] : $0.split(separator: " ").compactMap { Int($0) } } ?? []
        sections[current] = (shape, [])
      } else if let v = Double(line) {
        sections[current]?.values.append(v)
      }
    }
    self.sections = sections
  }

  func array(_ name: String) -> NDArray {
    guard let s = sections[name], let a = try? NDArray(shape: s.shape, doubles: s.values) else {
      Issue.record("fixture section '\(name)' is missing")
      return .scalar(Double.nan)
    }
    return a
  }
}

private let products = Fixture("products")

/// Bit-for-bit equality, reporting the first element that differs.
private func expectExact(
  _ actual: NDArray, _ expected: NDArray, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(actual.shape == expected.shape, "\(what): shape", sourceLocation: sourceLocation)
  let (a, e) = (actual.doubles, expected.doubles)
  if let i = a.indices.prefix(e.count).first(where: {
    a[$0].bitPattern != e[$0].bitPattern && !(a[$0].isNaN && e[$0].isNaN)
  }) {
    Issue.record("\(what): element \(i) is \(a[i]), NumPy has \(e[i])", sourceLocation: sourceLocation)
  }
}

/// Equality within a relative tolerance of the largest expected magnitude.
private func expectClose(
  _ actual: NDArray, _ expected: NDArray, _ what: String, tolerance: Double = 1e-12,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(actual.shape == expected.shape, "\(what): shape", sourceLocation: sourceLocation)
  let (a, e) = (actual.doubles, expected.doubles)
  let scale = Swift.max(e.map { Swift.abs($0) }.max() ?? 1, 1e-300)
  if let i = a.indices.prefix(e.count).first(where: { Swift.abs(a[$0] - e[$0]) > tolerance * scale }) {
    Issue.record("\(what): element \(i) is \(a[i]), NumPy has \(e[i])", sourceLocation: sourceLocation)
  }
}

/// `x[:, ::2]`-style views: every other element along `axis`.
private func everyOther(_ x: NDArray, axis: Int) -> NDArray {
  var shape = x.shape
  var strides = x.strides
  shape[axis] = (shape[axis] + 1) / 2
  strides[axis] *= 2
  return x.view(shape: shape, strides: strides, offset: x.offset)
}

/// `x[::-1]` along `axis`, a view with a negative stride.
private func reversed(_ x: NDArray, axis: Int) -> NDArray {
  var strides = x.strides
  strides[axis] = -strides[axis]
  return x.view(shape: x.shape, strides: strides, offset: x.offset + (x.shape[axis] - 1) * x.strides[axis])
}

struct LinalgTests {
  @Test("products follow NumPy's BLAS calls bit for bit", arguments: 0..<5)
  func productsBitForBit(_ i: Int) throws {
    let f = { (name: String) in products.array("\(i).\(name)") }
    let (a, b, v, u, w) = (f("a"), f("b"), f("v"), f("u"), f("w"))
    let cases: [(String, NDArray)] = [
      ("a@b", try .matmul(a, b)), ("dot(a,b)", try .dot(a, b)), ("a@v", try .matmul(a, v)),
      ("u@a", try .matmul(u, a)), ("v@v", try .matmul(v, v)), ("a.T@a", try .matmul(a.transposed(), a)),
      ("a@a.T", try .matmul(a, a.transposed())), ("dot(a.T,a)", try .dot(a.transposed(), a)),
      ("dot(a,a.T)", try .dot(a, a.transposed())), ("b.T@a.T", try .matmul(b.transposed(), a.transposed())),
      ("copy(a.T)@a", try .matmul(a.transposed().copy(), a)),
      ("a[:,::2]@b[::2]", try .matmul(everyOther(a, axis: 1), everyOther(b, axis: 0))),
      ("dot(a[:,::2],b[::2])", try .dot(everyOther(a, axis: 1), everyOther(b, axis: 0))),
      ("a[::-1]@b", try .matmul(reversed(a, axis: 0), b)), ("a@v[::-1]", try .matmul(a, reversed(v, axis: 0))),
      ("u[::-1]@a", try .matmul(reversed(u, axis: 0), a)), ("a@w[::2]", try .matmul(a, everyOther(w, axis: 0))),
      ("a[:,::-1].T@a[:,::-1]", try .matmul(reversed(a, axis: 1).transposed(), reversed(a, axis: 1))),
      ("inner(a,a)", try .inner(a, a)), ("outer(u,v)", try .outer(u, v)), ("vdot(a,a)", try .vdot(a, a)),
      ("tensordot(a,b,1)", try .tensordot(a, b, axes: .count(1))),
      ("tensordot(a,a,([0],[0]))", try .tensordot(a, a, axes: .pairs([0], [0]))),
    ]
    for (name, actual) in cases { expectExact(actual, f(name), "case \(i) \(name)") }
  }

  @Test("norms and SVD-based functions match NumPy bit for bit", arguments: 0..<5)
  func svdFamilyBitForBit(_ i: Int) throws {
    let f = { (name: String) in products.array("\(i).\(name)") }
    let (a, u) = (f("a"), f("u"))
    let lstsq = try Linalg.lstsq(a, u)
    let cases: [(String, NDArray)] = [
      ("norm(a)", try Linalg.norm(a)), ("norm(a.T,fro)", try Linalg.norm(a.transposed(), ord: .name("fro"))),
      ("norm(a,2)", try Linalg.norm(a, ord: .int(2))), ("norm(a,nuc)", try Linalg.norm(a, ord: .name("nuc"))),
      ("norm(a,inf)", try Linalg.norm(a, ord: .float(.infinity))),
      ("svdvals(a)", try Linalg.svd(a, computeUV: false).s), ("pinv(a)", try Linalg.pinv(a)),
      ("lstsq(a,u).x", lstsq.x), ("lstsq(a,u).s", lstsq.singularValues), ("cond(a)", try Linalg.cond(a)),
    ]
    for (name, actual) in cases { expectExact(actual, f(name), "case \(i) \(name)") }
    // ord=1 sums down the columns: NumPy adds rows one after another, Reduce.swift pairwise,
    // which agree below 8 rows.
    if a.shape[0] < 8 { expectExact(try Linalg.norm(a, ord: .int(1)), f("norm(a,1)"), "case \(i) norm(a,1)") }
  }

  @Test("LU and symmetric eigen results match NumPy", arguments: 0..<5)
  func luFamily(_ i: Int) throws {
    let f = { (name: String) in products.array("\(i).\(name)") }
    let (s, u) = (f("s"), f("u"))
    let n = s.shape[0]
    let exact: [(String, NDArray)] = [("det(s)", try Linalg.det(s)), ("slogdet(s)", try Linalg.slogdet(s).logAbsDet)]
    for (name, actual) in exact { expectExact(actual, f(name), "case \(i) \(name)") }
    let lu: [(String, NDArray)] = [("solve(s,u)", try Linalg.solve(s, u)), ("inv(s)", try Linalg.inv(s))]
    for (name, actual) in lu {
      // dgesv agrees between the two OpenBLAS builds for small systems (measured up to n = 12).
      if n < 12 { expectExact(actual, f(name), "case \(i) \(name)") }
      expectClose(actual, f(name), "case \(i) \(name)", tolerance: 1e-9)
    }
    let sym = try NDArray.apply(.add, s, s.transposed())
    expectClose(try Linalg.eigvalsh(sym), f("eigvalsh(s+s.T)"), "case \(i) eigvalsh")
  }

  @Test func stackedProductsBitForBit() throws {
    let f = { (name: String) in products.array("nd.\(name)") }
    let (c, d, e) = (f("c"), f("d"), f("e"))
    expectExact(try .matmul(c, d), f("c@d"), "c@d")
    expectExact(try .dot(c, d), f("dot(c,d)"), "dot(c,d)")
    expectExact(try .matmul(c, e), f("c@e"), "c@e")
    expectExact(try .dot(c, e), f("dot(c,e)"), "dot(c,e)")
    expectExact(try .inner(c, c), f("inner(c,c)"), "inner(c,c)")
  }

  @Test func factorizationsReconstruct() throws {
    let a = try NDArray(shape: [3, 3], doubles: [4, 1, 2, 1, 5, 3, 2, 3, 7])
    let (w, v) = try Linalg.eigh(a)
    expectClose(try .matmul(a, v), try .apply(.multiply, v, w), "A·v = v·w", tolerance: 1e-14)
    let m = try NDArray(shape: [2, 3], doubles: [3, 2, 2, 2, 3, -2])
    let (u, s, vh) = try Linalg.svd(m, fullMatrices: false)
    let us = try NDArray.apply(.multiply, try #require(u), s)
    expectClose(try .matmul(us, try #require(vh)), m, "U·S·Vh", tolerance: 1e-14)
    let identity = try NDArray(shape: [3, 3], doubles: [1, 0, 0, 0, 1, 0, 0, 0, 1])
    expectClose(try .matmul(try Linalg.inv(a), a), identity, "inv(A)·A", tolerance: 1e-14)
  }

  @Test func errorsCarryNumPyTypesAndWording() throws {
    let singular = try NDArray(shape: [2, 2], doubles: [1, 2, 2, 4])
    #expect(throws: TensorError(.linAlgError, "Singular matrix")) { try Linalg.inv(singular) }
    #expect(throws: TensorError(.linAlgError, "Last 2 dimensions of the array must be square")) {
      try Linalg.det(try NDArray.zeros([2, 3]))
    }
    #expect(
      throws: TensorError(
        .linAlgError, "1-dimensional array given. Array must be at least two-dimensional",
        context: "ValueError: not enough values to unpack (expected 2, got 1)")
    ) { try Linalg.solve(try NDArray.zeros([2]), try NDArray.zeros([2])) }
    #expect(throws: TensorError(.linAlgError, "1-dimensional array given. Array must be at least two-dimensional")) {
      try Linalg.svd(try NDArray.zeros([2]))
    }
    #expect(
      throws: TensorError(
        .valueError,
        "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature (n?,k),(k,m?)->(n?,m?) (size 2 is different from 3)"
      )
    ) { try NDArray.matmul(try NDArray.zeros([2, 3]), try NDArray.zeros([2])) }
    #expect(
      throws: TensorError(
        .valueError,
        "operands could not be broadcast together with remapped shapes [original->remapped]: (2,2,3)->(2,newaxis,newaxis) (3,3,2)->(3,newaxis,newaxis)  and requested shape (2,2)"
      )
    ) { try NDArray.matmul(try NDArray.zeros([2, 2, 3]), try NDArray.zeros([3, 3, 2])) }
    #expect(throws: TensorError(.valueError, "Invalid norm order 'fro' for vectors")) {
      try Linalg.norm(try NDArray.zeros([3]), ord: .name("fro"))
    }
  }

  @Test func emptyMatricesBehaveAsNumPy() throws {
    #expect(try Linalg.det(try NDArray.zeros([0, 0])).doubles == [1])
    #expect(try Linalg.inv(try NDArray.zeros([0, 0])).shape == [0, 0])
    let (u, s, vh) = try Linalg.svd(try NDArray.zeros([0, 3]))
    #expect(u?.shape == [0, 0] && s.shape == [0])
    #expect(vh?.doubles == [1, 0, 0, 0, 1, 0, 0, 0, 1])
    let r = try Linalg.lstsq(try NDArray.zeros([0, 2]), try NDArray.zeros([0]))
    #expect(r.x.doubles == [0, 0] && r.rank == 0 && r.residuals.count == 0)
    #expect(try Linalg.norm(try NDArray.zeros([0, 3])).doubles == [0])
    #expect(try NDArray.dot(try NDArray.zeros([2, 0]), try NDArray.zeros([0, 3])).doubles == [0, 0, 0, 0, 0, 0])
  }
}
