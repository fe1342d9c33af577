func runParseBench(_ args: [String]) { print("parse bench: not yet") }
