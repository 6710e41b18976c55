"""Time from starting `nn` on a pseudo-terminal to its `>>> ` prompt (median of runs)."""
import os, pty, select, statistics, sys, time

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/nn"
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
times = []
for _ in range(runs):
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["NN_HISTORY"] = ""
        os.environ["TERM"] = "xterm"
        os.execv(binary, [binary])
    out = b""
    while b">>> " not in out:
        r, _, _ = select.select([fd], [], [], 5)
        if not r:
            break
        out += os.read(fd, 4096)
    times.append(time.perf_counter() - start)
    time.sleep(0.05)
    os.write(fd, b"\x04")
    end = time.time() + 5
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.1)
        if r:
            try:
                os.read(fd, 4096)
            except OSError:
                break
        if os.waitpid(pid, os.WNOHANG)[0]:
            break
    else:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    os.close(fd)
print(f"prompt ready in {statistics.median(times) * 1000:.1f} ms (median of {runs}; min {min(times) * 1000:.1f} ms)")
