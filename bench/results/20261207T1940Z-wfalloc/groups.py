#!/usr/bin/env python3
"""Session 48: allocation samples by what the thread was doing (first matching rule wins).
    python3 groups.py APP.collapsed.gz"""
import gzip, sys, collections
RULES = [("store (inkroom/store)", ("org/inkroom/store/",)),
         ("decode (Codec.decode, DrawFrames, ElementDeserializer, JSON-B)", ("Codec.decode", "DrawFrames", "ElementDeserializer", "MessageDecoder")),
         ("encode (Codec.encode*, toJson, ElementSerializer)", ("Codec.encode", "Codec.toJson", "ElementSerializer")),
         ("send (SessionPeer send / the floor's Member.send*, Undertow's frame)", ("SessionPeer$2.send", "Member.send", "WebSocket07FrameSinkChannel", "AbstractFramedChannel.flushSenders", "UTF8Output", "WebSockets.send", "sendTextImpl")),
         ("room and outbox (inkroom/room, Outbox)", ("org/inkroom/room/", "org/inkroom/web/Outbox")),
         ("frame read (Undertow's receive)", ("AbstractReceiveListener", "WebSocket07Channel", "BufferedTextMessage", "FrameHandler")),
        ]
path = sys.argv[1]; tot = 0; c = collections.Counter()
with gzip.open(path, 'rt') as fh:
    for line in fh:
        stack, n = line.rstrip('\n').rsplit(' ', 1); n = int(n); tot += n
        for name, keys in RULES:
            if any(k in stack for k in keys):
                c[name] += n; break
        else:
            c["other"] += n
print(f"{path}: {tot} samples")
for k, v in c.most_common():
    print(f"  {v:5d}  {v*100/tot:5.1f}%  {k}")
