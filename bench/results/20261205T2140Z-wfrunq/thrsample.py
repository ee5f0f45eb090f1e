# usage: thrsample.py PATTERN OUT SECONDS  - every 100 ms, per thread of the java process matching PATTERN: name:tid:CPU ticks:run-queue wait us (schedstat)
import os,sys,time,subprocess
# THREADS: comma-separated parts of thread names to keep (default: WildFly's I/O and task threads, GC, JIT)
KEEP=os.environ.get('THREADS','I/O,task,GC,C2,C1').split(',')
pat,out,secs=sys.argv[1],sys.argv[2],float(sys.argv[3])
pid=None
while pid is None:
    for p in subprocess.run(['pgrep','-f',pat],capture_output=True,text=True).stdout.split():
        try:
            if open(f'/proc/{p}/comm').read().strip()=='java': pid=p
        except OSError: pass
    if pid is None: time.sleep(1)
end=time.time()+secs
with open(out,'w') as f:
    st=open(f'/proc/{pid}/stat').read(); start_ticks=int(st[st.rindex(')')+2:].split()[19])
    btime=[int(l.split()[1]) for l in open('/proc/stat') if l.startswith('btime')][0]
    f.write(f'# pid {pid} start_epoch {btime+start_ticks/os.sysconf("SC_CLK_TCK"):.2f}\n')
    while time.time()<end:
        t=time.time(); row=[]
        try:
            for tid in os.listdir(f'/proc/{pid}/task'):
                try:
                    st=open(f'/proc/{pid}/task/{tid}/stat').read()
                except OSError: continue
                name=st[st.index('(')+1:st.rindex(')')]
                if any(m in name for m in KEEP):
                    fl=st[st.rindex(')')+2:].split()
                    try:
                        rq=int(open(f'/proc/{pid}/task/{tid}/schedstat').read().split()[1])//1000
                    except OSError: rq=0
                    row.append(f'{name.replace(" ","_")}:{tid}:{int(fl[11])+int(fl[12])}:{rq}')
        except OSError: break
        f.write(f'{t:.3f} '+' '.join(row)+'\n')
        time.sleep(max(0,0.1-(time.time()-t)))
