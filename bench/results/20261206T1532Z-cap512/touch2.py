# Session 39: touch, free, wait 0/5/20/60 s, touch again (free page reporting). Usage: touch2.py MB
import mmap,time,sys
n=int(sys.argv[1])<<20
def touch():
    t=time.time(); m=mmap.mmap(-1,n,flags=mmap.MAP_PRIVATE|mmap.MAP_ANONYMOUS)
    for off in range(0,n,4096): m[off]=1
    dt=time.time()-t; m.close(); return dt
print('first %.2f'%touch(),flush=True)
for w in [0,5,20,60]:
    time.sleep(w); print('after %ds: %.2f'%(w,touch()),flush=True)
