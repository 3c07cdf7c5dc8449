import CoauthorTestSupport
import Foundation
import Testing
@testable import CoauthorRecords

@Suite struct XMLScannerTests {
    @Test func tokensOfEveryKind() throws {
        let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- before -->
        <a x="1" y='two' z = "3"><b/>hi <c>there</c><![CDATA[<raw> &amp; ]]><?pi some data?><!--in--></a>
        <!-- after -->
        """
        #expect(try xmlTokens(xml) == [
            "pi:xml:version=\"1.0\" encoding=\"UTF-8\"",
            "comment: before ",
            "<a x=1 y=two z=3>", "<b/>", "</b>", "text:hi ", "<c>", "text:there", "</c>",
            "cdata:<raw> &amp; ", "pi:pi:some data", "comment:in", "</a>",
            "comment: after ",
        ])
    }

    @Test func predefinedEntitiesAndCharacterReferences() throws {
        let xml = #"<a t="&lt;&#x41;&#66;&quot;">&amp;&lt;&gt;&apos;&quot; &#233;&#xe9;&#x1F600;&#10;</a>"#
        #expect(try xmlTokens(xml) == ["<a t=<AB\">", "text:&<>'\" éé😀\n", "</a>"])
    }

    @Test func dblpEntitiesOnlyWithTheDBLPTable() throws {
        let xml = "<a>M&uuml;ller &Eacute;mile Stra&szlig;e &Ouml; 3&times;4 &reg; &micro;m &yuml;</a>"
        #expect(try xmlTokens(xml, entities: .dblp) == ["<a>", "text:Müller Émile Straße Ö 3×4 ® µm ÿ", "</a>"])
        // Without the table the reference is reported, and kept as written when decoded.
        var s = XMLScanner(bytes: Array(xml.utf8))
        _ = try s.next()
        let text = try #require(try s.next())
        #expect(text.badReference == 4)
        #expect(s.describeReference(at: 4).hasPrefix("undeclared entity &uuml; (no DTD is read"))
    }

    /// The built-in table equals what dblp.dtd declares (read here from the DTD itself).
    @Test func dblpTableMatchesTheDTD() throws {
        let dtd = try String(contentsOf: TestPaths.sharedData.appendingPathComponent("dblp/xml/dblp.dtd"), encoding: .isoLatin1)
        var declared: [String: UInt32] = [:]
        for line in dtd.split(separator: "\n") {
            // <!ENTITY name "&#NNN;" >   (parameter entities, `<!ENTITY % …`, are not characters)
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("<!ENTITY "), !t.hasPrefix("<!ENTITY %") else { continue }
            let parts = t.dropFirst(9).split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, parts[1].hasPrefix("\"&#"), let semi = parts[1].firstIndex(of: ";"),
                  let v = UInt32(parts[1][parts[1].index(parts[1].startIndex, offsetBy: 3)..<semi]) else { continue }
            declared[String(parts[0])] = v
        }
        #expect(declared.count == 65)
        var builtIn: [String: UInt32] = [:]
        for (n, v) in XMLEntityTable.dblp.entries where XMLEntityTable.predefined.scalar(named: n) == nil { builtIn[n] = v }
        #expect(builtIn == declared)
        for (n, v) in declared { #expect(XMLEntityTable.dblp.scalar(named: n) == v) }
    }

    @Test func badReferencesAreReportedNotFatal() throws {
        for (ref, why) in [("&#0;", "invalid character reference &#0;"), ("&#xD800;", "invalid character reference &#xD800;"),
                           ("&#x110000;", "invalid character reference &#x110000;"), ("&#;", "invalid character reference &#;"),
                           ("&#x;", "invalid character reference &#x;"), ("&#12a;", "invalid character reference &#12a;"),
                           ("& b", "'&' that starts no reference (write &amp; for a literal '&')"),
                           ("&amp", "'&' that starts no reference (write &amp; for a literal '&')"),
                           ("&nbsp;", "undeclared entity &nbsp; (no DTD is read; only XML's five predefined entities and numeric references are known)")] {
            let xml = "<a>x\(ref)</a>"
            var s = XMLScanner(bytes: Array(xml.utf8))
            _ = try s.next()
            let t = try #require(try s.next())
            #expect(t.badReference == 4, "\(ref)")
            #expect(s.describeReference(at: 4) == why)
            #expect(try s.next()?.kind == .endElement)
            #expect(try s.next() == nil)
        }
        // In an attribute value too.
        var s = XMLScanner(bytes: Array(#"<a k="x&bogus;"/>"#.utf8))
        let a = try #require(try s.next())
        #expect(a.badReference == 7)
    }

    @Test func lineEndsAndAttributeWhiteSpace() throws {
        #expect(try xmlTokens("<a v=\"x\ty\nz\r\nw\">a\r\nb\rc</a>") == ["<a v=x y z w>", "text:a\nb\nc", "</a>"])
    }

    @Test func doctypeIsSkippedUnread() throws {
        let xml = """
        <!DOCTYPE x SYSTEM "x.dtd" [
          <!ENTITY a "]>">  <!-- ]> in a comment -->  <?pi ]> ?>
          <!ENTITY b 'it''s'>
          <!ENTITY % p SYSTEM "http://example.invalid/evil.dtd"> %p;
        ]>
        <x>&a;</x>
        """
        #expect(try xmlTokens(xml) == ["doctype:x", "<x>", "text!:&a;", "</x>"])
        #expect(try xmlTokens("<!DOCTYPE dblp SYSTEM \"dblp.dtd\"><dblp/>") == ["doctype:dblp", "<dblp/>", "</dblp>"])
    }

    /// Entity declarations are never expanded: "billion laughs" costs nothing and is an unknown entity.
    @Test func billionLaughsIsNotExpanded() throws {
        var dtd = "<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n"
        for i in 1...9 {
            let prev = i == 1 ? "lol" : "lol\(i - 1)"
            dtd += "<!ENTITY lol\(i) \"" + String(repeating: "&\(prev);", count: 10) + "\">\n"
        }
        dtd += "]>\n<lolz>&lol9;</lolz>\n"
        let clock = ContinuousClock()
        var result: [String] = []
        let elapsed = try clock.measure { result = try xmlTokens(dtd) }
        #expect(result == ["doctype:lolz", "<lolz>", "text!:&lol9;", "</lolz>"])
        #expect(elapsed < .seconds(1))
    }

    @Test func truncatedDocuments() {
        let cases: [(String, Int, String)] = [
            ("<a><b x=\"1\"", 3, "end of file inside the start tag <b"),
            ("<a><b x=\"1", 3, "end of file inside the start tag <b"),
            ("<a>\n<b>text", 11, "end of file inside <b> (2 elements still open)"),
            ("<a>text", 7, "end of file inside <a>"),
            ("<a><!-- c -", 3, "end of file inside a comment"),
            ("<a><![CDATA[ x ]]", 3, "end of file inside a CDATA section"),
            ("<a><?pi x", 3, "end of file inside the processing instruction <?pi"),
            ("<!DOCTYPE a [ <!ENTITY x \"y\">", 0, "end of file inside the DOCTYPE declaration"),
            ("<a></a", 3, "end of file inside the end tag </a"),
            ("<a><", 3, "end of file after '<'"),
            ("<?xml version=\"1.0\"?>\n", 22, "no root element"),
        ]
        for (xml, offset, message) in cases {
            let e = xmlScanError(xml)
            #expect(e?.kind == .truncated, "\(xml)")
            #expect(e?.offset == offset, "\(xml)")
            #expect(e?.message == message, "\(xml)")
        }
        #expect(xmlScanError("<a>\n<b>text")?.openedAt == 4)
    }

    @Test func malformedDocuments() {
        let cases: [(String, Int, String)] = [
            ("<a></b>", 3, "end tag </b> does not match the start tag <a>"),
            ("<a/><b/>", 4, "a second root element <b> (a document has one root element)"),
            ("hello <a/>", 0, "text before the root element (not an XML document?)"),
            ("<a/> x", 5, "text after the end of the root element"),
            ("<a x=1/>", 5, "the value of attribute x of <a> is not in quotes"),
            ("<a x=\"1\" x=\"2\"/>", 9, "attribute x given twice in <a>"),
            ("<a x=\"<\"/>", 6, "'<' in the value of attribute x (write &lt;)"),
            ("<a x=\"1\"y=\"2\"/>", 8, "unexpected 'y' in the start tag <a>"),
            ("<a x/>", 4, "attribute x of <a> has no value (expected '=')"),
            ("<a><1/></a>", 3, "'<' is not followed by an element name (write &lt; for a literal '<')"),
            ("</a>", 0, "end tag </a> without a start tag"),
            ("<a><!ELEMENT a ANY></a>", 3, "unknown declaration '<!ELEMENT' (expected <!--, <![CDATA[ or <!DOCTYPE)"),
            ("<![CDATA[x]]><a/>", 0, "a CDATA section outside the root element"),
            ("<a/><!DOCTYPE a>", 4, "a DOCTYPE declaration after the root element"),
            ("<a></a >", -1, ""),
        ]
        for (xml, offset, message) in cases {
            let e = xmlScanError(xml)
            if offset < 0 { #expect(e == nil, "\(xml)"); continue }
            #expect(e?.kind == .malformed, "\(xml)")
            #expect(e?.offset == offset, "\(xml)")
            #expect(e?.message == message, "\(xml)")
        }
        #expect(xmlScanError("<a>\n<b></c>")?.openedAt == 4)
    }

    @Test func depthLimit() {
        let deep = String(repeating: "<e>", count: 6) + String(repeating: "</e>", count: 6)
        #expect(xmlScanError(deep, maxDepth: 6) == nil)
        let e = xmlScanError(deep, maxDepth: 5)
        #expect(e?.message == "elements nested more than 5 deep")
        #expect(e?.offset == 15)
        // The default limit stops a hostile nesting early.
        let hostile = String(repeating: "<e>", count: 100_000)
        #expect(xmlScanError(hostile)?.message == "elements nested more than 256 deep")
    }

    /// Feeding a document in chunks of any size gives the same events as reading it whole.
    @Test func streamingGivesTheSameEvents() throws {
        let xml = """
        <?xml version="1.0"?><!DOCTYPE dblp [ <!ENTITY x "]>"> ]>
        <dblp><article key="a/b&amp;c" mdate='2020-01-01'><author orcid="0000-0002-1825-0097">J&uuml;rgen M&#xFC;ller 0001</author>
        <title>On H<sub>2</sub>O<i/> and <![CDATA[<raw>]]>.</title><!-- note --><year>2020</year></article>
        <www key="homepages/x"><author>X</author></www></dblp>
        """
        let whole = try xmlTokens(xml, entities: .dblp)
        #expect(whole.count == 32)
        for chunk in [1, 2, 3, 5, 7, 11, 64, 10_000] {
            #expect(try xmlStreamedTokens(xml, chunk: chunk, entities: .dblp) == whole, "chunk \(chunk)")
        }
        // A truncated stream fails as the whole document does.
        let cut = String(xml.prefix(200))
        var streamed: XMLScanner.Error?
        do { _ = try xmlStreamedTokens(cut, chunk: 3, entities: .dblp) } catch let e as XMLScanner.Error { streamed = e }
        var s = XMLScanner(bytes: Array(cut.utf8), options: .init(entities: .dblp))
        var whole2: XMLScanner.Error?
        do { while try s.next() != nil {} } catch let e as XMLScanner.Error { whole2 = e }
        #expect(streamed != nil && streamed == whole2)
    }

    @Test func rootElementSniff() throws {
        let dblp = try Array(Data(contentsOf: TestPaths.sharedData.appendingPathComponent("dblp/xml/dblp-sample.xml")))
        #expect(XMLScanner.rootElement(of: dblp)?.name == "dblp")
        let acl = XMLScanner.rootElement(of: Array("<?xml version='1.0'?>\n<collection id=\"P19\"><volume/>".utf8))
        #expect(acl?.name == "collection")
        #expect(acl?.attributes == ["id": "P19"])
        #expect(XMLScanner.rootElement(of: Array("Ann Owner\n18papers\n".utf8)) == nil)
        #expect(XMLScanner.rootElement(of: Array("@article{x, title={<b>}}".utf8)) == nil)
        // A root beyond the sniffing limit is not found.
        let late = Array(("<!--" + String(repeating: "x", count: 70_000) + "--><dblp/>").utf8)
        #expect(XMLScanner.rootElement(of: late) == nil)
        #expect(XMLScanner.rootElement(of: late, limit: 80_000)?.name == "dblp")
    }

    /// The readers' forward-counting locator agrees with `SourceDocument.location(at:)`, also when
    /// asked for an earlier offset.
    @Test func locatorAgreesWithSourceDocument() throws {
        let doc = SourceDocument(name: "l.xml", text: "<a>\n  <b>Jürgen\r\n</b>\n\n<c x=\"é\"/></a>")
        var locator = XMLLocator(doc)
        for o in [0, 3, 4, 6, 9, 12, 16, 17, 22, 23, 25, 30, doc.bytes.count, 2, 0, 29] {
            #expect(locator.location(at: o) == doc.location(at: o), "offset \(o)")
        }
    }

    @Test func orcidNormalisation() {
        #expect(PersistentID.orcid(normalizing: "0000-0002-1825-0097")?.value == "0000-0002-1825-0097")
        #expect(PersistentID.orcid(normalizing: "https://orcid.org/0000-0002-1825-0097")?.value == "0000-0002-1825-0097")
        #expect(PersistentID.orcid(normalizing: " http://orcid.org/0000000218250097 ")?.value == "0000-0002-1825-0097")
        #expect(PersistentID.orcid(normalizing: "0000-0002-1694-233x")?.value == "0000-0002-1694-233X")
        #expect(PersistentID.orcid(normalizing: "0000 0002 1694 233X")?.value == "0000-0002-1694-233X")
        #expect(PersistentID.orcid(normalizing: "0000-0002-1825-0098") == nil)   // wrong check digit
        #expect(PersistentID.orcid(normalizing: "0000-0002-1825-009") == nil)
        #expect(PersistentID.orcid(normalizing: "0000-000X-1825-0097") == nil)
        #expect(PersistentID.orcid(normalizing: "") == nil)
        #expect(PersistentID.orcid(normalizing: "0000-0002-1825-0097")?.kind == .orcid)
    }
}
