"""Session 37: samples of a thread kind by what they were doing (the first marker frame from the bottom of each
stack wins). Usage: split.py <collapsed> <thread substring>"""
import sys, collections
marks = [("decode", "MessageDecoder.decode"), ("Liberty's decoder lookup", "findDecoderFromAppDecoderType"),
         ("the room (Membership.receive)", "Membership.receive"), ("endpoint other", "org/inkroom/web/"),
         ("floor relay", "org/inkroom/floor/"), ("socket read / frame", "FrameReadProcessor"),
         ("sendText", "sendText"), ("store", "org/inkroom/store/"), ("h2", "org/h2/")]
c = collections.Counter(); tot = 0
for l in open(sys.argv[1]):
    s, n = l.rsplit(" ", 1); n = int(n)
    if sys.argv[2] not in s.split(";", 1)[0]: continue
    tot += n
    fr = s.split(";")
    c[next((k for k, m in marks if any(m in f for f in fr)), "other")] += n
print("total", tot)
for k, v in c.most_common(): print("%6d %s" % (v, k))
