import Testing
@testable import LeakTrailKit

@Suite struct SignatureTests {
    @Test func sameStackSameID() {
        let f = [Frame(function: "main.worker", file: "main.go", line: 10)]
        #expect(StackSignature.of(f, level: .line) == StackSignature.of(f, level: .line))
    }
}
