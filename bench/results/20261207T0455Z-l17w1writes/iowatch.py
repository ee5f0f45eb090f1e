"""Session 43: the Liberty server's file writes, once a second: <epoch ms> <pid> <write_bytes> <wchar> from
/proc/<pid>/io of the java process running ws-server.jar (0 when none runs). Usage: iowatch.py <out>."""
import os, sys, time
def server():
    for p in os.listdir('/proc'):
        if p.isdigit():
            try:
                cmd = open('/proc/%s/cmdline' % p, 'rb').read()
            except OSError:
                continue
            if b'ws-server.jar' in cmd and open('/proc/%s/comm' % p).read().strip() == 'java':
                return p
    return None
with open(sys.argv[1], 'w', buffering=1) as out:
    pid = None
    while True:
        if pid is None or not os.path.exists('/proc/%s' % pid):
            pid = server()
        wb = wc = 0
        if pid:
            try:
                io = dict(l.split(': ') for l in open('/proc/%s/io' % pid).read().splitlines())
                wb, wc = int(io['write_bytes']), int(io['wchar'])
            except (OSError, KeyError, ValueError):
                pid = None
        out.write('%d %s %d %d\n' % (time.time() * 1000, pid or 0, wb, wc))
        time.sleep(1)
