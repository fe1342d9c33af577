import PostgresNIO

/// Shared SQL text on PostgreSQL: the queries are written once with SQLite's `?`
/// placeholders and numbered here (`$1`, `$2`, …). leaktrail's SQL has no `?` inside string
/// literals, so a plain scan is enough.
enum PostgresSQL {
    static func numbered(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 8)
        var n = 0
        for c in sql {
            if c == "?" {
                n += 1
                out += "$\(n)"
            } else {
                out.append(c)
            }
        }
        return out
    }

    static func bindings(_ arguments: [HistoryArgument]) -> PostgresBindings {
        var b = PostgresBindings(capacity: arguments.count)
        for a in arguments {
            switch a {
            case .text(let s): b.append(s)
            case .integer(let i): b.append(i)
            }
        }
        return b
    }
}
