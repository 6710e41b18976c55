/// Vectorized float64 exp and sigmoid that give NumPy's bits where NumPy runs Intel's SVML
/// (x86-64 with AVX-512: `np.exp` calls `__svml_exp8_ha` there, whose results differ from
/// libm's in the last bit for about one argument in twenty).
///
/// The algorithm is the table-driven one SVML's exp uses (Tang's method, 16 entries):
/// x = (n + j/16)·ln 2 + r, where n + j/16 is x/ln 2 rounded toward zero to a sixteenth, and
/// exp(x) = 2ⁿ · hi[j] · (1 + lo[j] + p(r)·r), each step rounded as SVML rounds it (fused
/// multiply-adds; the one rounding toward zero recovered exactly from a second FMA).
///
/// This module is compiled for AVX2 + FMA (see Package.swift): call it only where
/// the processor has them (NNTensor checks, and uses libm elsewhere, as NumPy does).
public enum VectorMath {
  typealias V = SIMD8<Double>
  typealias U = SIMD8<UInt64>
  typealias I = SIMD8<Int64>

  /// 2^(j/16) rounded to double, and (2^(j/16) − hi[j]) / hi[j] rounded to double: both
  /// follow from the definition (scripts/fixtures/exp_tables.py derives them again).
  static let hi: [Double] = [
    0x3ff0_0000_0000_0000, 0x3ff0_b558_6cf9_890f, 0x3ff1_72b8_3c7d_517b, 0x3ff2_387a_6e75_6238,
    0x3ff3_06fe_0a31_b715, 0x3ff3_dea6_4c12_3422, 0x3ff4_bfda_d536_2a27, 0x3ff5_ab07_dd48_5429,
    0x3ff6_a09e_667f_3bcd, 0x3ff7_a114_73eb_0187, 0x3ff8_ace5_422a_a0db, 0x3ff9_c491_82a3_f090,
    0x3ffa_e89f_995a_d3ad, 0x3ffc_199b_dd85_529c, 0x3ffd_5818_dcfb_a487, 0x3ffe_a4af_a2a4_90da,
  ].map { Double(bitPattern: $0) }
  static let lo: [Double] = [
    0x0000_0000_0000_0000, 0x3c97_9aa6_5d83_7b6d, 0xbc80_1b15_eaa5_9348, 0x3c96_8efd_e3a8_a894,
    0x3c83_4d75_4db0_abb6, 0x3c85_9f48_a72a_4c6d, 0x3c76_90ce_bb7a_afb0, 0x3c90_63e1_e21c_5409,
    0xbc93_b3ef_bf5e_2228, 0xbc7b_32dc_b94d_a51d, 0x3c8d_b72f_c1f0_eab4, 0x3c71_affc_2b91_ce27,
    0x3c8c_1a77_92cb_3387, 0x3c73_6eae_30af_0cb3, 0x3c74_a385_a63d_07a7, 0xbc8f_f712_8fd3_91f0,
  ].map { Double(bitPattern: $0) }

  // SVML's constants: 1/ln 2; the shifter 1.5·2⁴⁸ + 1023/16, so that a sum's last four bits
  // are j and the eleven above them the biased exponent of 2ⁿ; ln 2 in two parts; the
  // polynomial's coefficients; and the |x| from which SVML takes its slow path.
  static let invLn2 = Double(bitPattern: 0x3ff7_1547_652b_82fe)
  static let shifter = Double(bitPattern: 0x42f8_0000_0000_3ff0)
  static let ln2Hi = Double(bitPattern: 0x3fe6_2e42_fefa_39ef)
  static let ln2Lo = Double(bitPattern: 0x3c7a_bc9e_3b39_803f)
  static let c0 = Double(bitPattern: 0x3f57_4118_3694_0c04)
  static let c1 = Double(bitPattern: 0x3f81_101c_bbc2_65c0)
  static let c2 = Double(bitPattern: 0x3fa5_5557_242d_68fe)
  static let c3 = Double(bitPattern: 0x3fc5_5555_5393_9732)
  static let c4 = Double(bitPattern: 0x3fe0_0000_0000_d008)
  static let c5 = Double(bitPattern: 0x3fef_ffff_ffff_ff70)
  static let limitBits: Int64 = 0x4086_1da0_4cba_fe44

  @inline(__always)
  static func fma(_ a: V, _ b: V, _ c: V) -> V { c.addingProduct(a, b) }

  /// exp of eight lanes. Lanes with |x| at or above the limit, and NaN, are flagged (all ones)
  /// in the second result and computed on 0 instead, so that they raise no floating-point flags.
  @inline(__always)
  static func exp8(_ input: V, _ hi: UnsafePointer<Double>, _ lo: UnsafePointer<Double>) -> (V, I) {
    // Integer arithmetic, not a float compare (NaN would raise the invalid flag): all ones in
    // the lanes below the limit, zero in the special ones.
    let magnitude = unsafeBitCast(input, to: I.self) & 0x7fff_ffff_ffff_ffff
    let ordinary = (magnitude &- limitBits) &>> 63
    let x = unsafeBitCast(unsafeBitCast(input, to: I.self) & ordinary, to: V.self)
    let s = V(repeating: shifter)
    let scale = V(repeating: invLn2)
    // x/ln 2 + shifter rounded toward zero: to nearest, then one sixteenth down where that
    // went up (the sign of the exact residual comes from a second FMA).
    let nearest = fma(x, scale, s)
    let residual = fma(x, scale, s - nearest)
    let kd = nearest.replacing(with: nearest - 0.0625, where: residual .< 0)
    let kb = unsafeBitCast(kd, to: U.self)
    let n = kd - s
    var r = fma(n, V(repeating: -ln2Hi), x)
    r = fma(n, V(repeating: -ln2Lo), r)
    r = unsafeBitCast(unsafeBitCast(r, to: U.self) & 0xbfff_ffff_ffff_ffff, to: V.self)
    let r2 = r * r
    var p = fma(r, V(repeating: c0), V(repeating: c1))
    let q = fma(r, V(repeating: c2), V(repeating: c3))
    let t = fma(r, V(repeating: c4), V(repeating: c5))
    p = fma(r2, p, q)
    p = fma(r2, p, t)
    var th = V()
    var tl = V()
    for lane in 0..<8 {
      let j = Int(truncatingIfNeeded: kb[lane] & 15)
      th[lane] = hi[j]
      tl[lane] = lo[j]
    }
    var y = fma(p, r, tl)
    y = fma(th, y, th)
    // 2ⁿ from the biased exponent held in kd's bits above j (n stays in -1022...1021 here).
    let power = unsafeBitCast(((kb &>> 4) & 0x7ff) &<< 52, to: V.self)
    return (y * power, ~ordinary)
  }

  /// `y[i] = exp(x[i])` for `count` contiguous elements. `slow` computes the arguments SVML
  /// sends to its rare path (overflow, subnormal results, infinities, NaN); returns whether
  /// there were any.
  // Never inlined into a caller: the caller's module is not compiled for FMA.
  @inline(never) @discardableResult
  public static func exp(
    _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int, slow: (Double) -> Double
  ) -> Bool {
    map(x, y, count: count, negate: false, slow: slow)
  }

  /// `y[i] = 1 / (1 + exp(-x[i]))` in one pass, with exp as `exp` computes it: the bits of
  /// NumPy's `1 / (1 + np.exp(-x))`.
  @inline(never) @discardableResult
  public static func sigmoid(
    _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int, slow: (Double) -> Double
  ) -> Bool {
    map(x, y, count: count, negate: true, slow: slow)
  }

  /// Whether `x` is an argument the kernels hand to `slow` (|x| at the limit or above, NaN).
  public static func isSlow(_ x: Double) -> Bool { !(Swift.abs(x) < Double(bitPattern: UInt64(limitBits))) }

  @inline(__always)
  static func map(
    _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int, negate: Bool,
    slow: (Double) -> Double
  ) -> Bool {
    var any = false
    hi.withUnsafeBufferPointer { hiTable in
      lo.withUnsafeBufferPointer { loTable in
        guard let h = hiTable.baseAddress, let l = loTable.baseAddress else { return }
        var i = 0
        while i < count {
          let lanes = Swift.min(8, count - i)
          var v = V()
          if lanes == 8 {
            v = UnsafeRawPointer(x + i).loadUnaligned(as: V.self)
          } else {
            for k in 0..<lanes { v[k] = x[i + k] }
          }
          let (e, special) = exp8(negate ? -v : v, h, l)
          let out = negate ? 1 / (1 + e) : e
          if lanes == 8 {
            UnsafeMutableRawPointer(y + i).storeBytes(of: out, as: V.self)
          } else {
            for k in 0..<lanes { y[i + k] = out[k] }
          }
          if ((special[0] | special[1]) | (special[2] | special[3]))
            | ((special[4] | special[5]) | (special[6] | special[7])) != 0
          {
            for k in 0..<lanes where special[k] != 0 {
              y[i + k] = slow(x[i + k])
              any = true
            }
          }
          i += lanes
        }
      }
    }
    return any
  }
}
