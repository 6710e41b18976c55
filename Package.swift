// swift-tools-version: 6.0
import PackageDescription

// NNVectorMath's kernels are compiled for AVX2 + FMA (and optimized even in debug builds, where
// unoptimized SIMD code would be a hundred times slower); NNTensor calls them only on processors
// that have those instructions.
#if arch(x86_64)
  let vectorFlags: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell", "-O"])]
#else
  let vectorFlags: [SwiftSetting] = []
#endif

let package = Package(
  name: "nn",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "nn", targets: ["nn"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0")
  ],
  targets: [
    .systemLibrary(
      name: "CEditline", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
    .systemLibrary(
      name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .target(name: "NNVectorMath", swiftSettings: vectorFlags),
    .target(name: "NNTensor", dependencies: ["CBLAS", "CZlib", "NNVectorMath"], exclude: ["README.md"]),
    .target(name: "NNLearn", dependencies: ["NNTensor"], exclude: ["README.md"]),
    .target(name: "NNPlot", dependencies: ["CZlib"], exclude: ["README.md"]),
    .target(name: "NNLang", dependencies: ["NNTensor", "NNLearn", "NNPlot"], exclude: ["README.md"]),
    .executableTarget(
      name: "nn",
      dependencies: [
        "NNLang", "CEditline",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(name: "nn-bench", dependencies: ["NNTensor"]),
    .testTarget(name: "NNTensorTests", dependencies: ["NNTensor", "NNVectorMath"], exclude: ["Fixtures"]),
    .testTarget(name: "NNLearnTests", dependencies: ["NNLearn"]),
    .testTarget(name: "NNPlotTests", dependencies: ["NNPlot"]),
    .testTarget(name: "NNLangTests", dependencies: ["NNLang"]),
    .testTarget(name: "nnTests"),
  ]
)
