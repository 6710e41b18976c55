import Foundation
import NNLang
import Testing

/// np.savetxt writes the bytes NumPy writes (fixtures from scripts/fixtures/io.py): the text is
/// made by Python's `%` formatting of each row, so every fmt NumPy accepts reads the same.
struct SavetxtTests {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("NNTensorTests/Fixtures/io")

  @Test(arguments: [
    ("savetxt_default.txt", "a"),
    ("savetxt_fmt.csv", "a, fmt='%.3f', delimiter=',', header='x,y,z\\nsecond line', footer='end'"),
    ("savetxt_list.txt", "a, fmt=['%.1f', '%.2e', '%g'], comments='// ', header='h'"),
    ("savetxt_ints.txt", "np.arange(5), fmt='%d'"),
    ("savetxt_int_default.txt", "np.array([[1, -2], [3, 4]])"),
    ("savetxt_row_format.txt", "a, fmt='%10.4f|%-8.2g|%s', newline='\\r\\n'"),
  ])
  func writesWhatNumPyWrites(_ fixture: String, _ arguments: String) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nn-savetxt-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent(fixture).path
    let script = """
      import numpy as np
      a = np.array([[1.5, -2.0, 1e-5], [3.0, 1e20, 0.1]])
      np.savetxt('\(out)', \(arguments))

      """
    let session = Session()
    let outcome = session.runScript(script, name: "savetxt.nn")
    if case .failed(let error) = outcome { Issue.record("\(fixture): \(Traceback.render(error))") }
    let written = try Data(contentsOf: URL(fileURLWithPath: out))
    let expected = try Data(contentsOf: SavetxtTests.fixtures.appendingPathComponent(fixture))
    #expect(
      written == expected,
      "\(fixture): nn wrote\n\(String(decoding: written, as: UTF8.self))\nNumPy wrote\n\(String(decoding: expected, as: UTF8.self))"
    )
  }
}
