import Foundation

/// Whole-file reads and writes with Python's OSError wording (`[Errno 2] No such file or
/// directory: 'x.npy'`).
public enum FileBytes {
  public static func read(_ path: String) throws(TensorError) -> [UInt8] {
    guard let f = fopen(path, "rb") else { throw error(errno, path) }
    defer { fclose(f) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
      if n > 0 { out += chunk.prefix(n) }
      if n < chunk.count {
        if ferror(f) != 0 { throw error(errno, path) }
        break
      }
    }
    return out
  }

  public static func write(_ path: String, _ bytes: [UInt8]) throws(TensorError) {
    guard let f = fopen(path, "wb") else { throw error(errno, path) }
    let n = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
    let closed = fclose(f)
    guard n == bytes.count, closed == 0 else { throw error(errno, path) }
  }

  public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

  static func error(_ code: Int32, _ path: String) -> TensorError {
    let quoted =
      "'" + path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    let text = "[Errno \(code)] \(String(cString: strerror(code))): \(quoted)"
    switch code {
    case ENOENT: return TensorError(.fileNotFoundError, text)
    case EISDIR: return TensorError(.isADirectoryError, text)
    case EACCES, EPERM: return TensorError(.permissionError, text)
    default: return TensorError(.osError, text)
    }
  }
}
