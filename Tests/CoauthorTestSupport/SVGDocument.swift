import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An SVG document read back with an XML parser (libxml2 through Foundation's `XMLParser`, which
/// fails on malformed XML): whether it is well-formed, and every element in document order with
/// its attributes, its own text and the class of the innermost `<g>` around it.
public final class SVGDocument: NSObject, XMLParserDelegate {
    public struct Element: Sendable {
        public var name: String
        public var attributes: [String: String]
        /// The character data directly inside the element.
        public var text = ""
        /// The `class` of the innermost enclosing `<g>` (Graphviz: `node`, `edge`, `graph`).
        public var groupClass: String?
    }
    public private(set) var elements: [Element] = []
    public private(set) var error: String?
    private var open: [Int] = []
    private var groups: [String?] = []

    public init(_ data: Data) {
        super.init()
        let p = XMLParser(data: data)
        p.delegate = self
        if !p.parse() { error = p.parserError.map { "\($0)" } ?? "parse failed" }
    }

    public convenience init(_ svg: String) { self.init(Data(svg.utf8)) }

    /// Parsed without error, with `<svg>` as the root.
    public var isWellFormed: Bool { error == nil && elements.first?.name == "svg" }

    /// The text of every `<text>` element, in document order.
    public var texts: [String] { elements.filter { $0.name == "text" }.map(\.text) }

    /// The text of the `<text>` elements of class `cls`.
    public func texts(class cls: String) -> [String] {
        elements.filter { $0.name == "text" && $0.attributes["class"] == cls }.map(\.text)
    }

    /// Elements (of name `element`, or any) whose class list holds `cls`.
    public func count(class cls: String, element: String? = nil) -> Int {
        elements.filter { e in
            (element == nil || e.name == element) && (e.attributes["class"]?.split(separator: " ").contains(Substring(cls)) ?? false)
        }.count
    }

    public func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                       attributes: [String: String] = [:]) {
        open.append(elements.count)
        elements.append(Element(name: name, attributes: attributes, groupClass: groups.last ?? nil))
        if name == "g" { groups.append(attributes["class"]) }
    }

    public func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let i = open.last { elements[i].text += string }
    }

    public func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
        if name == "g" { groups.removeLast() }
    }
}
