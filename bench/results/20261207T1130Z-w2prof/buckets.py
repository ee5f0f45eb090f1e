import sys,collections
# Buckets of a thread kind's samples, the first rule that matches the stack wins.
rules=[("decode (Encoding.decodeText)","Encoding.decodeText"),
 ("send callback (Outbox.sent / floor onResult)","Outbox.sent"),
 ("floor send callback","floor/Member$"),
 ("send from the handler: writev","@H+writev"),
 ("send from the handler: rest","@H+sendText"),
 ("handler, not sending","@H"),
 ("async write completion: writev","flushSenders+writev"),
 ("async write completion: rest","flushSenders"),
 ("frame read: kernel read","FrameReadListener+SocketDispatcher.read"),
 ("frame read: rest","FrameReadListener"),
 ("close","closeInternal"),
 ("selector/epoll","select"),
]
H=("InkroomEndpoint.message","floor/Relay.message")
f,thr=sys.argv[1],sys.argv[2]
c=collections.Counter(); tot=0
for l in open(f):
    s,n=l.rsplit(' ',1); n=int(n); fr=s.split(';')
    if thr not in fr[0]: continue
    tot+=n; st=';'.join(fr[1:]); hh=any(h in st for h in H)
    for name,r in rules:
        parts=r.split('+'); ok=True
        for p in parts:
            if p=='@H': ok=ok and hh
            else: ok=ok and p in st
        if ok: c[name]+=n; break
    else: c['other']+=n
print('total',tot)
for k,v in c.most_common(): print('%6d %s'%(v,k))
