# Session 39: how long touching anonymous memory takes on this guest, first time and again. Usage: touch.py MB PASSES
import mmap,time,sys
n=int(sys.argv[1])<<20
for i in range(int(sys.argv[2])):
    t=time.time(); m=mmap.mmap(-1,n,flags=mmap.MAP_PRIVATE|mmap.MAP_ANONYMOUS)
    for off in range(0,n,4096): m[off]=1
    dt=time.time()-t; m.close()
    print(f"pass {i}: {n>>20} MB touched in {dt:.2f} s ({(n>>20)/dt:.0f} MB/s)",flush=True)
