/// What HTML tests compare: the elements a page opens. Used on the renderer's output (only
/// the tags the report itself writes may appear) and on the DOM chromium built from it (the
/// browser must see the same elements, so nothing from a dump became markup).
public enum HTMLTags {
    /// The names of every element the markup opens, in document order (`<svg …>` → `svg`);
    /// the doctype, comments and closing tags are not elements.
    public static func opening(_ html: String) -> [String] {
        var tags: [String] = []
        var rest = Substring(html)
        while let lt = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: lt)...]
            let name = rest.prefix { $0.isLetter || $0.isNumber }
            if let first = name.first, first.isLetter { tags.append(name.lowercased()) }
        }
        return tags
    }
}
