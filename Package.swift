// swift-tools-version: 6.0
import PackageDescription

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
    .target(name: "NNTensor", dependencies: ["CBLAS", "CZlib"]),
    .target(name: "NNLearn", dependencies: ["NNTensor"]),
    .target(name: "NNPlot", dependencies: ["CZlib"]),
    .target(name: "NNLang", dependencies: ["NNTensor", "NNLearn", "NNPlot"]),
    .executableTarget(
      name: "nn",
      dependencies: [
        "NNLang", "CEditline",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(name: "nn-bench", dependencies: ["NNTensor"]),
    .testTarget(name: "NNTensorTests", dependencies: ["NNTensor"], exclude: ["Fixtures"]),
    .testTarget(name: "NNLearnTests", dependencies: ["NNLearn"]),
    .testTarget(name: "NNPlotTests", dependencies: ["NNPlot"]),
    .testTarget(name: "NNLangTests", dependencies: ["NNLang"]),
    .testTarget(name: "nnTests"),
  ]
)
