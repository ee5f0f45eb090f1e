package org.inkroom.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules for the element types and ops beyond the seed's line. */
class ElementValidationTest {

    private static final int MAX = 64 * 1024;

    private static String code(String json) {
        Inbound in = Codec.decode(json.replace('\'', '"'), MAX);
        return in instanceof Inbound.Rejected r ? r.error().code() : "ok";
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{'type':'draw','data':{'id':'r','elementType':'rect','x1':0,'y1':0,'x2':5,'y2':5,'strokeColor':'#000000','strokeWidth':2}} | ok",
        "{'type':'draw','data':{'id':'r','elementType':'ellipse','x1':0,'y1':0,'x2':5,'strokeColor':'#000000','strokeWidth':2}} | invalid_element",
        "{'type':'draw','data':{'id':'p','elementType':'path','points':[[0,0],[1,2,0.5]],'strokeColor':'#000000','strokeWidth':2}} | ok",
        "{'type':'draw','data':{'id':'p','elementType':'path','points':[],'strokeColor':'#000000','strokeWidth':2}} | invalid_element",
        "{'type':'draw','data':{'id':'p','elementType':'path','strokeColor':'#000000','strokeWidth':2}} | invalid_element",
        "{'type':'draw','data':{'id':'p','elementType':'path','points':[[0]],'strokeColor':'#000000','strokeWidth':2}} | invalid_element",
        "{'type':'draw','data':{'id':'p','elementType':'path','points':[[0,1,2,3]],'strokeColor':'#000000','strokeWidth':2}} | invalid_element",
        "{'type':'draw','data':{'id':'p','elementType':'path','points':[[0,1,1.5]],'strokeColor':'#000000','strokeWidth':2}} | invalid_element",
        "{'type':'draw','data':{'id':'p','elementType':'path','points':[[0,2e6]],'strokeColor':'#000000','strokeWidth':2}} | invalid_element",
        "{'type':'draw','data':{'id':'p','elementType':'path','points':[[0,1]],'strokeColor':'#000000'}} | invalid_element",
        "{'type':'draw','data':{'id':'t','elementType':'text','x1':1,'y1':2,'text':'hi','fontSize':16,'strokeColor':'#000000'}} | ok",
        "{'type':'draw','data':{'id':'t','elementType':'text','x1':1,'y1':2,'text':'','fontSize':16,'strokeColor':'#000000'}} | invalid_element",
        "{'type':'draw','data':{'id':'t','elementType':'text','x1':1,'y1':2,'text':'hi','fontSize':3,'strokeColor':'#000000'}} | invalid_element",
        "{'type':'draw','data':{'id':'t','elementType':'text','y1':2,'text':'hi','fontSize':16,'strokeColor':'#000000'}} | invalid_element",
        "{'type':'draw','data':{'id':'l','elementType':'line','x1':0,'y1':0,'x2':1,'y2':1,'strokeColor':'#000000','strokeWidth':2,'op':'op-1'}} | ok",
        "{'type':'update','data':{'id':'p','from':3,'points':[[1,1]]}} | ok",
        "{'type':'update','data':{'id':'p','from':-1,'points':[[1,1]]}} | invalid_update",
        "{'type':'update','data':{'id':'p','points':[[1,1]]}} | invalid_update",
        "{'type':'update','data':{'id':'p','from':0,'points':[]}} | invalid_update",
        "{'type':'update','data':{'from':0,'points':[[1,1]]}} | invalid_update",
        "{'type':'update','data':{'id':'p','from':'x','points':[[1,1]]}} | invalid_update",
        "{'type':'erase','data':{'ids':['a','b'],'op':'e1'}} | ok",
        "{'type':'erase','data':{'ids':[]}} | invalid_ids",
        "{'type':'erase','data':{}} | invalid_ids",
        "{'type':'restore','data':{'ids':['a']}} | ok",
        "{'type':'restore','data':{'ids':['']}} | invalid_ids",
        "{'type':'restore','data':{'ids':'a'}} | invalid_ids",
    })
    void everyElementTypeAndOpIsChecked(String json, String expected) {
        assertEquals(expected, code(json));
    }

    @org.junit.jupiter.api.Test
    void tooManyPointsOrIdsAreRefused() {
        String points = "[0,0],".repeat(Validation.MAX_POINTS) + "[0,0]";
        assertEquals("invalid_element", code("{'type':'draw','data':{'id':'p','elementType':'path','points':[" + points
                + "],'strokeColor':'#000000','strokeWidth':2}}"));
        String ids = "'x',".repeat(Validation.MAX_IDS) + "'x'";
        assertEquals("invalid_ids", code("{'type':'erase','data':{'ids':[" + ids + "]}}"));
        String longText = "a".repeat(Validation.MAX_TEXT + 1);
        assertEquals("invalid_element", code("{'type':'draw','data':{'id':'t','elementType':'text','x1':1,'y1':2,'text':'"
                + longText + "','fontSize':16,'strokeColor':'#000000'}}"));
    }

    @org.junit.jupiter.api.Test
    void anOpLabelIsDroppedFromTheStoredElement() {
        Inbound in = Codec.decode("{\"type\":\"draw\",\"data\":{\"id\":\"l\",\"elementType\":\"line\",\"x1\":0,\"y1\":0,"
                + "\"x2\":1,\"y2\":1,\"strokeColor\":\"#000000\",\"strokeWidth\":2,\"op\":\"o\"}}", MAX);
        ClientMessage.Draw d = assertInstanceOf(ClientMessage.Draw.class, in);
        assertEquals("o", d.data().op());
        assertEquals(null, d.data().owned("alice").op());
        assertEquals("alice", d.data().owned("alice").userId());
    }

    @org.junit.jupiter.api.Test
    void theServerKeepsOnlyTheFieldsAnElementsTypeUses() {
        double none = Element.ABSENT;
        Element line = new Element("l", "line", 1, 2, 3, 4, new double[][] {{1, 2, 3, 4, 5}}, "x".repeat(2000), -5,
                "#112233", 2, "spoof", "op1");
        org.junit.jupiter.api.Assertions.assertEquals(new Element("l", "line", 1, 2, 3, 4, null, null, none,
                "#112233", 2, "Ann", null), line.owned("Ann"));
        Element text = new Element("t", "text", 1, 2, 3, 4, new double[][] {{1, 2}}, "hi", 20, "#112233", none, null, null);
        org.junit.jupiter.api.Assertions.assertEquals(new Element("t", "text", 1, 2, none, none, null, "hi", 20,
                "#112233", none, "Ann", null), text.owned("Ann"));
        Element path = new Element("p", "path", 1, 2, 3, 4, new double[][] {{1, 2}}, "hi", 20, "#112233", 3, null, null);
        org.junit.jupiter.api.Assertions.assertEquals(new Element("p", "path", none, none, none, none, new double[][] {{1, 2}}, null,
                none, "#112233", 3, "Ann", null), path.owned("Ann"));
        Element seedLine = Element.line("s", 1, 2, 3, 4, "#000000", 2, "Ann");
        org.junit.jupiter.api.Assertions.assertEquals(seedLine, seedLine.owned("Ann"), "a seed line is kept as it came");
    }
}
