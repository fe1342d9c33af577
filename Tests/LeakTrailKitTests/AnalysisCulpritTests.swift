import Foundation
import Testing
@testable import LeakTrailKit

/// Whose code a frame is, which frame is the culprit, what the goroutine blocks on, and the
/// fix that goes with it.
@Suite struct AnalysisCulpritTests {
    static func f(_ function: String, _ file: String = "x.go", _ line: Int = 1) -> Frame {
        Frame(function: function, file: file, line: line)
    }

    @Test(arguments: [
        ("runtime.gopark", [String](), CodeOrigin.runtime),
        ("internal/runtime/maps.(*Map).Get", [], .runtime),
        ("panic", [], .runtime),
        ("sync.(*Mutex).Lock", [], .standardLibrary),
        ("internal/poll.(*FD).Read", [], .standardLibrary),
        ("net/http.(*persistConn).readLoop", [], .standardLibrary),
        ("vendor/golang.org/x/net/http2.(*Framer).ReadFrame", [], .standardLibrary),
        ("main.worker", [], .user),
        ("main.(*Pool).run.func1", [], .user),
        ("github.com/acme/shop/cart.(*Cart).watch", [], .user),
        ("golang.org/x/sync/errgroup.(*Group).Go.func1", [], .user),
        ("myapp/internal/worker.(*W).run", [], .standardLibrary),
        ("myapp/internal/worker.(*W).run", ["myapp"], .user),
        ("myappx/worker.run", ["myapp"], .standardLibrary),
        ("net/http.(*Server).Serve", ["net/http"], .user),
    ])
    func origin(function: String, modules: [String], expected: CodeOrigin) {
        #expect(CodeOrigin.of(function, modulePrefixes: modules) == expected)
    }

    @Test func culpritIsTheInnermostUserFrame() {
        let frames = [Self.f("runtime.gopark"), Self.f("runtime.chanrecv1"), Self.f("net/http.(*conn).serve"),
                      Self.f("github.com/acme/api.handle", "api.go", 42), Self.f("main.main")]
        #expect(Culprit.frame(in: frames, createdBy: nil)?.function == "github.com/acme/api.handle")
    }

    @Test func modulePrefixMakesADotlessModuleUserCode() {
        let frames = [Self.f("sync.(*Mutex).Lock"), Self.f("myapp/store.(*Cache).Get", "cache.go", 12),
                      Self.f("main.serve")]
        #expect(Culprit.frame(in: frames, createdBy: nil)?.function == "main.serve")
        #expect(Culprit.frame(in: frames, createdBy: nil, modulePrefixes: ["myapp"])?.function == "myapp/store.(*Cache).Get")
    }

    @Test func culpritFallsBackToTheCreator() {
        let frames = [Self.f("runtime.gopark"), Self.f("runtime.selectgo"), Self.f("net/http.(*persistConn).writeLoop")]
        let user = CreatedBy(function: "github.com/acme/api.Start", file: "api.go", line: 9)
        #expect(Culprit.frame(in: frames, createdBy: user)?.function == "github.com/acme/api.Start")
        let std = CreatedBy(function: "net/http.(*Transport).dialConn", file: "transport.go", line: 1)
        #expect(Culprit.frame(in: frames, createdBy: std)?.function == "net/http.(*persistConn).writeLoop")
    }

    @Test(arguments: [
        ("chan send", [String](), false, BlockingOperation.chanSend, "make(chan T, 1)"),
        ("chan receive", [], false, .chanReceive, "Close the channel"),
        ("chan receive (durable)", [], false, .chanReceive, "ctx.Done()"),
        ("select", [], false, .select, "case <-ctx.Done()"),
        ("chan send (nil chan)", [], false, .nilChanSend, "Never block on a nil channel"),
        ("chan receive (nil chan)", [], false, .nilChanReceive, "Never block on a nil channel"),
        ("select (no cases)", [], false, .selectNoCases, "select {}"),
        ("sync.Mutex.Lock", [], false, .mutex, "defer mu.Unlock()"),
        ("sync.RWMutex.RLock", [], false, .rwMutex, "defer mu.RUnlock()"),
        ("sync.RWMutex.Lock", [], false, .rwMutex, "defer mu.Unlock()"),
        ("sync.WaitGroup.Wait", [], false, .waitGroup, "Balance Add/Done"),
        ("sync.Cond.Wait", [], false, .cond, "Broadcast"),
        ("semacquire", ["sync.runtime_SemacquireMutex", "sync.(*Mutex).lockSlow", "sync.(*Mutex).Lock"], false, .mutex, "defer mu.Unlock()"),
        ("semacquire", ["sync.runtime_Semacquire", "sync.(*WaitGroup).Wait"], false, .waitGroup, "Add/Done"),
        ("semacquire", ["golang.org/x/sync/semaphore.(*Weighted).Acquire"], false, .semacquire, "Release it on every path"),
        ("IO wait", [], false, .ioWait, "deadline"),
        ("sleep", [], false, .sleep, "time.Sleep"),
        ("chan receive", ["time.(*Ticker).Reset", "main.poll"], false, .tickerReceive, "defer ticker.Stop()"),
        ("chan receive", [], true, .tickerReceive, "defer ticker.Stop()"),
        ("select", [], true, .tickerReceive, "ctx.Done()"),
        ("syscall", [], false, .syscall, "cancellable"),
        ("running", [], false, .running, "worker pool"),
        ("runnable", [], false, .running, "semaphore"),
        ("", ["runtime.gopark", "runtime.chansend1", "main.f"], false, .chanSend, "buffer"),
        ("", ["runtime.gopark", "runtime.chanrecv2", "main.f"], false, .chanReceive, "close"),
        ("", ["runtime.gopark", "runtime.selectgo", "main.f"], false, .select, "ctx.Done()"),
        ("", ["runtime.gopark", "runtime.block", "main.f"], false, .selectNoCases, "select {}"),
        ("", ["internal/poll.runtime_pollWait", "internal/poll.(*FD).Read"], false, .ioWait, "deadline"),
        ("", ["time.Sleep", "main.f"], false, .sleep, "select"),
        ("", ["syscall.Syscall6", "os.(*File).Read"], false, .syscall, "cancellable"),
        ("GC worker (idle)", [], false, .other, "ctx.Done()"),
    ])
    func blockingAndAdvice(state: String, functions: [String], periodic: Bool, expected: BlockingOperation, advice: String) {
        let op = BlockingOperation.classify(state: state, frames: functions.map { Self.f($0) }, wakesPeriodically: periodic)
        #expect(op == expected)
        #expect(op.advice.localizedCaseInsensitiveContains(advice), "\(op.advice)")
    }

    @Test func stackMemoryEstimate() {
        #expect(StackMemory.estimatedBytes(frameCount: 3) == 8192)
        #expect(StackMemory.estimatedBytes(frameCount: 16) == 8192)
        #expect(StackMemory.estimatedBytes(frameCount: 17) == 16384)
        #expect(StackMemory.estimatedBytes(frameCount: 70) == 65536)
    }

    @Test func diffBetweenSnapshots() {
        let s = { StackSignature(value: $0) }
        let d = SnapshotDiff(before: [s(1): 5, s(2): 3, s(3): 10, s(4): 7], after: [s(1): 5, s(2): 9, s(3): 4, s(5): 2])
        #expect(d.entries.map(\.signature.value) == [4, 2, 3, 5])
        #expect(d.entries(.gone).map(\.before) == [7])
        #expect(d.entries(.grown).map(\.delta) == [6])
        #expect(d.entries(.shrunk).map(\.delta) == [-6])
        #expect(d.entries(.new).map(\.after) == [2])
    }
}
