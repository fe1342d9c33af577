/// How much memory a blocked goroutine holds, for "what does this leak cost".
///
/// The runtime starts every goroutine with a 2 KiB stack and doubles it whenever a call would
/// overflow, and it does not shrink a parked goroutine's stack below what it used. A goroutine
/// parked in service code has typically grown past its first stack, and also pins its `g`
/// (about 400 bytes), a `sudog` and whatever its frames reference, which we do not count. So
/// the estimate is deliberately simple and stated: 512 bytes per frame, at least 8 KiB,
/// rounded up to a power of two as the runtime's stack sizes are.
public enum StackMemory {
    public static let minimumBytes = 8 * 1024
    public static let bytesPerFrame = 512

    /// Estimated bytes held by one goroutine whose stack has `frameCount` frames.
    public static func estimatedBytes(frameCount: Int) -> Int {
        let need = max(minimumBytes, frameCount * bytesPerFrame)
        var size = minimumBytes
        while size < need { size *= 2 }
        return size
    }
}
