import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs the `nn` binary on a pseudo-terminal, as a person's terminal would: the child is a
/// session leader with the pty as its controlling terminal, so Ctrl-C (\u{03}) becomes SIGINT.
final class PTY {
  let master: Int32
  let pid: pid_t
  private(set) var transcript = ""

  init(_ arguments: [String], environment: [String: String] = [:]) throws {
    // posix_openpt and friends are not visible from Swift: do what they do on Linux.
    let fd = open("/dev/ptmx", O_RDWR | O_NOCTTY)
    var unlock: Int32 = 0
    var number: UInt32 = 0
    guard fd >= 0, ioctl(fd, UInt(0x4004_5431), &unlock) == 0, ioctl(fd, UInt(0x8004_5430), &number) == 0 else {
      throw POSIXError(.ENOTTY)
    }
    master = fd
    var size = winsize(ws_row: 40, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
    let slaveName = "/dev/pts/\(number)"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addclose(&actions, fd)
    posix_spawn_file_actions_addopen(&actions, 0, slaveName, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    // POSIX_SPAWN_SETSID: a new session, whose first terminal becomes its controlling one.
    posix_spawnattr_setflags(&attributes, Int16(0x80))
    var env = ProcessInfo.processInfo.environment
    env["TERM"] = "xterm"
    env["NO_COLOR"] = "1"
    for (k, v) in environment { env[k] = v }
    // A shell runs nn and prints its exit status: the test process cannot always reap the
    // child itself (Foundation may collect children of its own). The shell ignores SIGINT
    // so that Ctrl-C reaches only nn, which installs its own handler.
    let command = "trap '' INT; \"$0\" \"$@\"; echo \"[exit status $?]\""
    let argv = (["/bin/sh", "-c", command, CommandLineTests.binary.path] + arguments).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    var child: pid_t = 0
    let status = posix_spawn(&child, "/bin/sh", &actions, &attributes, argv, envp)
    argv.forEach { free($0) }
    envp.forEach { free($0) }
    posix_spawn_file_actions_destroy(&actions)
    posix_spawnattr_destroy(&attributes)
    guard status == 0 else { throw POSIXError(.ENOENT) }
    pid = child
    _ = ioctl(fd, UInt(TIOCSWINSZ), &size)
  }

  deinit {
    kill(pid, SIGKILL)
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    close(master)
  }

  /// Types `text`, after a pause: a person never types before the prompt has switched the
  /// terminal to raw mode, and input sent earlier would be echoed by the kernel instead.
  func send(_ text: String) {
    Thread.sleep(forTimeInterval: 0.15)
    _ = expect("\u{0}", timeout: 0.01)
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
  }

  /// Reads until the transcript (from `start`) contains `text`, or the timeout passes.
  @discardableResult
  func expect(_ text: String, after start: String.Index? = nil, timeout: Double = 10) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      let from = start ?? transcript.startIndex
      if transcript[from...].contains(text) { return true }
      var poller = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
      if poll(&poller, 1, 50) > 0 {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(master, &buffer, buffer.count)
        if n <= 0 { break }
        transcript += String(decoding: buffer[0..<n], as: UTF8.self)
      }
    }
    return transcript[(start ?? transcript.startIndex)...].contains(text)
  }

  /// nn's exit status, once it has ended (nil if it is still running after the timeout).
  func exitStatus(timeout: Double = 10) -> Int32? {
    guard expect("[exit status ", timeout: timeout), let start = transcript.range(of: "[exit status ") else {
      return nil
    }
    _ = expect("]", after: start.upperBound, timeout: timeout)
    return parseStatus()
  }

  private func parseStatus() -> Int32? {
    guard let r = transcript.range(of: "[exit status ") else { return nil }
    let digits = transcript[r.upperBound...].prefix { $0.isNumber }
    return Int32(digits)
  }
}
