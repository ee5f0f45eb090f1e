"""Session 37: a stand-in for the embedded store's disk traffic, nothing else running: writes 64 KiB every
20 ms (3.2 MB/s) at a moving offset in a 300 MB file, wrapping round (H2 appends chunks and reuses freed space).
Usage: writer.py <file> <seconds>"""
import os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o644)
buf = os.urandom(65536); off = 0; end = time.time() + float(sys.argv[2])
while time.time() < end:
    os.pwrite(fd, buf, off); off = (off + 65536) % (300 << 20); time.sleep(0.02)
os.close(fd)
