func runImportBench(_ args: [String]) { print("import bench: not yet") }
