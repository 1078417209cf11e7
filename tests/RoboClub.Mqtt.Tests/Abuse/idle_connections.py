"""Opens N TCP connections to a broker that never send CONNECT, then reports how many the broker
closed and how long that took. Run as a separate process so the test process keeps its own file
descriptors for the broker side.

usage: idle_connections.py PORT N TIMEOUT_SECONDS
prints: opened=N closed=M seconds=S
"""
import selectors, socket, sys, time

port, n, timeout = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
sel = selectors.DefaultSelector()
opened = 0
start = time.time()
for i in range(n):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setblocking(False)
    try:
        s.connect(("127.0.0.1", port))
    except BlockingIOError:
        pass
    sel.register(s, selectors.EVENT_READ)
    opened += 1
closed = 0
deadline = start + timeout
while closed < opened and time.time() < deadline:
    for key, _ in sel.select(timeout=0.5):
        s = key.fileobj
        try:
            data = s.recv(1)
        except (ConnectionResetError, OSError):
            data = b""
        if not data:
            sel.unregister(s)
            s.close()
            closed += 1
print("opened=%d closed=%d seconds=%.2f" % (opened, closed, time.time() - start))
