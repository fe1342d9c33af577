func runAnalysisBench(_ args: [String]) { print("analysis bench: not yet") }
